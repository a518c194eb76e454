using System.Text;

namespace RemediationGen.Templates;

/// <summary>
/// Makes a value safe as inline Markdown text: it cannot start a heading, a table cell, a link, HTML or code, and
/// cannot break the line it is on. Used for every value that reaches a generated README.
/// </summary>
public static class MarkdownText
{
    private const string Escaped = "\\`*_{}[]<>()#+!|~";

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\t')
            {
                builder.Append(' ');
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200B' or '\uFEFF')
            {
                builder.Append(FormattableString.Invariant($"\\u{(int)c:X4}"));
            }
            else
            {
                if (Escaped.Contains(c, StringComparison.Ordinal))
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
