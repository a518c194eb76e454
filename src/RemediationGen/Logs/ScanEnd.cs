using System.Globalization;

namespace RemediationGen.Logs;

/// <summary>What a scan reports at the end of a file: a record still open was cut off, and a last line without a break may have been.</summary>
internal static class ScanEnd
{
    /// <param name="anchor">A line start where no record is open (line <paramref name="anchorLine"/>), after every hit.</param>
    /// <param name="linesRead">The physical lines of the file.</param>
    /// <param name="lastRecordCut">The last record was cut off by the end of the file, and that was reported already.</param>
    public static void Report(
        LogFile file,
        ScanBlock block,
        int anchor,
        long anchorLine,
        long linesRead,
        bool lastRecordCut,
        FileReports fileReports,
        Action<LogProblem> reportProblem)
    {
        if (block.ReadFailed)
        {
            return;
        }

        var open = RecordMarkers.FindOpenRecord(block.Span(anchor, block.Filled - anchor));
        if (open >= 0)
        {
            // Parse the cut-off record only for its problem: it holds no signature (a hit would have consumed it).
            var parser = new LogLineParser(file, reportProblem, fileReports);
            var position = anchor + open;
            var line = anchorLine + LineBreaks.Count(block.Span(anchor, open));
            var ignored = new List<LogEntry>(1);
            while (position < block.Filled)
            {
                var (content, next) = block.LineAt(position);
                parser.Accept(content, line++, ignored);
                position = next;
            }

            parser.Complete(ignored);
        }
        else if (block.EndsWithoutLineBreak && !lastRecordCut)
        {
            reportProblem(new LogProblem(
                file.DisplayPath,
                string.Create(CultureInfo.InvariantCulture, $"last line ({linesRead}) ends without a line break: the file was cut off or is still being written; the line was read as it is")));
        }
    }
}
