using System.Collections;
using System.Globalization;
using System.Text;

namespace RemediationGen.Templates;

/// <summary>
/// Turns a value into a complete Windows PowerShell 5.1 literal: the only way data enters a generated script.
/// Strings become single-quoted literals, in which PowerShell expands nothing; the one special character, the
/// quote, is doubled. Every character outside printable ASCII is emitted as a <c>[char]0xNNNN</c> code, which also
/// covers the Unicode quotes U+2018-U+201B that PowerShell treats like <c>'</c> and keeps the script 7-bit ASCII.
/// </summary>
internal static class PowerShellLiteral
{
    public static string From(object? value) => value switch
    {
        null => "$null",
        string text => ForString(text),
        bool flag => flag ? "$true" : "$false",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IEnumerable items => ForList(items),
        _ => throw new ArgumentException(
            $"A {value.GetType().Name} cannot be written into a script; use a string, number, boolean or list.", nameof(value)),
    };

    /// <summary><c>'text'</c>, or <c>('' + [char]0x2018 + 'text')</c> when the text holds characters outside printable ASCII.</summary>
    public static string ForString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var segments = new List<string>();
        var quoted = new StringBuilder();
        foreach (var c in value)
        {
            if (c is >= ' ' and <= '~')
            {
                quoted.Append(c == '\'' ? "''" : c.ToString());
                continue;
            }

            if (quoted.Length > 0 || segments.Count == 0)
            {
                // A leading empty string makes '+' concatenate text; [char] + [char] would add numbers.
                segments.Add($"'{quoted}'");
                quoted.Clear();
            }

            segments.Add(FormattableString.Invariant($"[char]0x{(int)c:X4}"));
        }

        if (quoted.Length > 0 || segments.Count == 0)
        {
            segments.Add($"'{quoted}'");
        }

        return segments.Count == 1 ? segments[0] : $"({string.Join(" + ", segments)})";
    }

    /// <summary><c>@('a', 'b')</c>; an empty list is <c>@()</c>.</summary>
    public static string ForList(IEnumerable items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var parts = items.Cast<object?>().Select(From);
        return $"@({string.Join(", ", parts)})";
    }
}
