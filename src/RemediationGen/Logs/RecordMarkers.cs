namespace RemediationGen.Logs;

/// <summary>
/// Where a CMTrace record that is still open at some point of a log began, found by searching backwards for the
/// markers instead of parsing every line. The parser's state at a line start depends only on the nearest earlier line
/// that starts a record (<c>&lt;![LOG[</c> at its start) or holds a close (<c>]LOG]!&gt;</c>): after a close the state
/// is closed whatever came before; after a start without a close the record is open.
/// </summary>
internal static class RecordMarkers
{
    public const string RecordStart = "<![LOG[";
    public const string RecordEnd = "]LOG]!>";

    // What both markers hold, at offset 3 of RecordStart and 1 of RecordEnd.
    private const string MarkerCore = "LOG";

    /// <summary>
    /// An open record farther back than this has been cut off as a runaway by <see cref="LogLineParser"/>: its
    /// pending text exceeds <see cref="LogLineParser.MaxRecordChars"/> (line breaks are at most 2 characters and
    /// there are at most <see cref="LogLineParser.MaxRecordLines"/> lines).
    /// </summary>
    public const int MaxOpenRecordSpan = LogLineParser.MaxRecordChars + (2 * LogLineParser.MaxRecordLines) + 16;

    /// <summary>
    /// The index in <paramref name="text"/> of the line start that opened the record still open at its end, or -1
    /// when none is open. <paramref name="text"/> starts at a line start where no record is open.
    /// </summary>
    public static int FindOpenRecord(ReadOnlySpan<char> text)
    {
        // Both markers hold "LOG": one backward search for it finds the later of the two, where two searches for the
        // markers would each read all of a text that holds neither (a site-server log).
        var searchFrom = Math.Max(0, text.Length - MaxOpenRecordSpan);
        var window = text[searchFrom..];
        var end = window.Length;
        while (true)
        {
            var at = window[..end].LastIndexOf(MarkerCore, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            if (at >= 1 && window[(at - 1)..].StartsWith(RecordEnd, StringComparison.Ordinal))
            {
                return -1;
            }

            // "<![LOG[" in the middle of a line starts nothing.
            var start = searchFrom + at - 3;
            if (at >= 3 && window[(at - 3)..].StartsWith(RecordStart, StringComparison.Ordinal) && (start == 0 || text[start - 1] is '\r' or '\n'))
            {
                return start;
            }

            end = at + MarkerCore.Length - 1;
        }
    }
}
