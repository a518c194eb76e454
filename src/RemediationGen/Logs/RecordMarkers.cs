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
        var searchFrom = Math.Max(0, text.Length - MaxOpenRecordSpan);
        var window = text[searchFrom..];
        var close = window.LastIndexOf(RecordEnd, StringComparison.Ordinal);
        var candidates = window;
        while (true)
        {
            var start = candidates.LastIndexOf(RecordStart, StringComparison.Ordinal);
            if (start < 0 || start <= close)
            {
                return -1;
            }

            var absolute = searchFrom + start;
            if (absolute == 0 || text[absolute - 1] is '\r' or '\n')
            {
                return absolute;
            }

            // "<![LOG[" in the middle of a line starts nothing.
            candidates = candidates[..start];
        }
    }
}
