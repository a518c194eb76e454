using System.Globalization;
using System.Text;

namespace RemediationGen.Tests.Templates;

/// <summary>
/// An independent reader for exactly the literal forms PowerShellLiteral emits, written from the PowerShell language
/// rules: '…' with '' for a quote, [char]0xNNNN, concatenation with +, and @(…, …). Anything else is rejected, so a
/// round trip proves the emitted text is data that evaluates to the original value.
/// </summary>
internal static class PowerShellLiteralDecoder
{
    public static string DecodeString(string literal)
    {
        var position = 0;
        var value = ReadExpression(literal, ref position);
        return position == literal.Length ? value : throw new FormatException($"Trailing text at {position}: {literal[position..]}");
    }

    public static IReadOnlyList<string> DecodeList(string literal)
    {
        if (!literal.StartsWith("@(", StringComparison.Ordinal) || !literal.EndsWith(')'))
        {
            throw new FormatException("Not an array literal: " + literal);
        }

        var items = new List<string>();
        var position = 2;
        while (position < literal.Length - 1)
        {
            items.Add(ReadExpression(literal, ref position));
            if (literal.AsSpan(position).StartsWith(", "))
            {
                position += 2;
            }
        }

        return items;
    }

    private static string ReadExpression(string text, ref int position)
    {
        var grouped = text[position] == '(';
        if (grouped)
        {
            position++;
        }

        var value = new StringBuilder(ReadTerm(text, ref position));
        while (grouped && text.AsSpan(position).StartsWith(" + "))
        {
            position += 3;
            value.Append(ReadTerm(text, ref position));
        }

        if (grouped)
        {
            Expect(text, ref position, ')');
        }

        return value.ToString();
    }

    private static string ReadTerm(string text, ref int position)
    {
        if (text.AsSpan(position).StartsWith("[char]0x"))
        {
            position += 8;
            var code = int.Parse(text.AsSpan(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position += 4;
            return ((char)code).ToString();
        }

        Expect(text, ref position, '\'');
        var value = new StringBuilder();
        while (true)
        {
            var c = text[position++];
            if (c == '\'')
            {
                if (position < text.Length && text[position] == '\'')
                {
                    value.Append('\'');
                    position++;
                    continue;
                }

                return value.ToString();
            }

            if (c is < ' ' or > '~' || c is '\u2018' or '\u2019' or '\u201A' or '\u201B')
            {
                throw new FormatException($"Raw character U+{(int)c:X4} inside a quoted literal.");
            }

            value.Append(c);
        }
    }

    private static void Expect(string text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw new FormatException($"Expected '{expected}' at {position} in {text}");
        }

        position++;
    }
}
