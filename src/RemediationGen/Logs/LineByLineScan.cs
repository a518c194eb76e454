
namespace RemediationGen.Logs;

/// <summary>
/// The exact, line-by-line path of a scan from some line on (after a line too long for the block, or for a signature
/// that matches every record): what <see cref="LogFileReader"/> does, passing on the records that hold a signature.
/// </summary>
internal static class LineByLineScan
{
    /// <summary>Reads <paramref name="rest"/>, which starts at line <paramref name="firstLine"/> where no record is open; returns the number of the last line read.</summary>
    public static long Read(
        LogFile file,
        TextReader rest,
        long firstLine,
        LogSignatures signatures,
        FileReports fileReports,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        CancellationToken cancellationToken)
    {
        var lines = new BoundedLineReader(rest, linesBefore: firstLine - 1);
        var parser = new LogLineParser(file, reportProblem, fileReports);
        var ready = new List<LogEntry>(2);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = LogFileReader.TryReadLine(lines, file, reportProblem, out var failed);
            if (line is null)
            {
                parser.Complete(ready, failed);
            }
            else
            {
                parser.Accept(line, lines.LineNumber, ready, lines.LineContinues);
            }

            foreach (var entry in ready)
            {
                if (signatures.Matches(entry))
                {
                    emit(entry);
                }
            }

            ready.Clear();
            if (line is null || failed)
            {
                return lines.LineNumber;
            }
        }
    }
}
