using System.Text;

namespace RemediationGen.Templates;

/// <summary>
/// Makes a value safe as inline Markdown text: it cannot start a heading, a list, a table cell, a link, HTML or code,
/// and cannot break the line it is on. Used for every value that reaches a generated README. The README is also read
/// in Notepad, so a character is escaped only where Markdown could give it meaning: <c>SMS_PS1</c>, <c>day(s)</c> and
/// <c>\\cm01\share</c> stay as they are.
/// </summary>
internal static class MarkdownText
{
    /// <summary>Meaningful anywhere in a line: code, emphasis, links, HTML, table cells, strikethrough.</summary>
    private const string AlwaysEscaped = "`*[]<>|~";

    /// <summary>Meaningful only where a line starts: headings, lists, setext underlines.</summary>
    private const string EscapedAtStart = "#+-=";

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = Flatten(value);
        var builder = new StringBuilder(text.Length + 8);
        var listNumber = OrderedListMarker(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(text, i, listNumber))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// A value inside a code span (between backticks the template writes): shown literally, so nothing is escaped, but
    /// it cannot close the span (a backtick becomes an apostrophe) or break the line. In a table row a pipe still ends
    /// the cell in GFM, so there it is escaped.
    /// </summary>
    public static string CodeSpan(string? value, bool inTableRow)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = Flatten(value).Replace('`', '\'');
        return inTableRow ? text.Replace("|", "\\|", StringComparison.Ordinal) : text;
    }

    /// <summary>True when <paramref name="lineSoFar"/> (the output of the current line) has an open code span.</summary>
    public static bool IsInCodeSpan(ReadOnlySpan<char> lineSoFar)
    {
        var ticks = 0;
        for (var i = 0; i < lineSoFar.Length; i++)
        {
            if (lineSoFar[i] != '`')
            {
                continue;
            }

            // A backtick after an odd number of backslashes is an escaped one (a value written by Escape).
            var backslashes = 0;
            while (backslashes < i && lineSoFar[i - 1 - backslashes] == '\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                ticks++;
            }
        }

        return ticks % 2 == 1;
    }

    /// <summary>Line breaks and tabs become spaces; other control and invisible characters become <c>\uXXXX</c>.</summary>
    private static string Flatten(string value)
    {
        var builder = new StringBuilder(value.Length);
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
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string text, int index, int listNumber)
    {
        var c = text[index];
        if (AlwaysEscaped.Contains(c, StringComparison.Ordinal))
        {
            return true;
        }

        if (index == 0 && EscapedAtStart.Contains(c, StringComparison.Ordinal))
        {
            return true;
        }

        if (index == listNumber)
        {
            return true;
        }

        return c switch
        {
            // A backslash escapes only the ASCII punctuation after it (the value's end: whatever the template writes next).
            '\\' => index + 1 == text.Length || IsAsciiPunctuation(text[index + 1]),

            // An underscore inside a word never emphasizes (SMS_PS1); at a word's edge it can.
            '_' => !IsWordCharacter(text, index - 1) || !IsWordCharacter(text, index + 1),
            _ => false,
        };
    }

    private static bool IsAsciiPunctuation(char c) => char.IsAscii(c) && (char.IsPunctuation(c) || char.IsSymbol(c));

    private static bool IsWordCharacter(string text, int index) => index >= 0 && index < text.Length && char.IsLetterOrDigit(text[index]);

    /// <summary>The index of the '.' or ')' of a value that starts like an ordered list item ("1986. a"), else -1.</summary>
    private static int OrderedListMarker(string text)
    {
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        // A marker is followed by a space or ends the line: "0.1.0" is a version, not a list item.
        var isMarker = digits is > 0 and < 10 && digits < text.Length && text[digits] is '.' or ')'
            && (digits + 1 == text.Length || text[digits + 1] == ' ');
        return isMarker ? digits : -1;
    }
}
