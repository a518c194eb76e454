namespace RemediationGen.Diagnosis;

/// <summary>Reads values out of a log message for the rules' signature classes: texts match ordinally, ignoring case.</summary>
internal static class MessageText
{
    /// <summary>The text after the first <paramref name="prefix"/> in <paramref name="message"/>.</summary>
    public static bool TryTakeAfter(string message, string prefix, out ReadOnlySpan<char> rest)
    {
        var start = message.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        rest = start < 0 ? default : message.AsSpan(start + prefix.Length);
        return start >= 0;
    }

    /// <summary>
    /// The first word (up to a space or tab) after <paramref name="prefix"/>, without trailing full stops when
    /// <paramref name="trimFullStops"/> (a value that ends a sentence). False when the prefix or the word is missing.
    /// </summary>
    public static bool TryTakeWord(string message, string prefix, bool trimFullStops, out string word)
    {
        word = string.Empty;
        if (!TryTakeAfter(message, prefix, out var rest))
        {
            return false;
        }

        rest = rest.Trim();
        var end = rest.IndexOfAny(' ', '\t');
        var taken = end < 0 ? rest : rest[..end];
        word = (trimFullStops ? taken.TrimEnd('.') : taken).ToString();
        return word.Length > 0;
    }
}
