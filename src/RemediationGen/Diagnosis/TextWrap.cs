using System.Text;

namespace RemediationGen.Diagnosis;

/// <summary>Word wrapping and column padding for the text report, so it reads well in a 100-column terminal.</summary>
internal static class TextWrap
{
    public const int Width = 100;

    /// <summary>
    /// Line breaks in log messages become spaces (one record stays one paragraph) and other control characters
    /// become \uXXXX, so a log cannot send escape sequences to the admin's terminal.
    /// </summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\t')
            {
                builder.Append(' ');
            }
            else if (char.IsControl(c))
            {
                builder.Append(FormattableString.Invariant($"\\u{(int)c:X4}"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Appends <paramref name="text"/> wrapped at <see cref="Width"/>, every line starting with <paramref name="indent"/>.</summary>
    public static void AppendWrapped(StringBuilder output, string text, string indent)
    {
        var room = Math.Max(20, Width - indent.Length);
        var line = new StringBuilder();
        foreach (var word in OneLine(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > room)
            {
                output.Append(indent).Append(line).Append('\n');
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            output.Append(indent).Append(line).Append('\n');
        }
    }

    /// <summary>Cuts a cell to <paramref name="max"/> characters (ending in "...") so one long name cannot widen the table.</summary>
    public static string Cell(string value, int max) => value.Length <= max ? value : value[..(max - 3)] + "...";
}
