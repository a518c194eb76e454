
namespace RemediationGen.Logs;

/// <summary>
/// Rebuilds the record around a signature hit in a <see cref="ScanBlock"/> (a CMTrace record may span lines: back to
/// its <c>&lt;![LOG[</c> line), parses it with <see cref="LogLineParser"/> exactly as <see cref="LogFileReader"/>
/// would, and passes on the records that hold a signature.
/// </summary>
internal sealed class RecordRebuilder(
    LogFile file,
    LogSignatures signatures,
    FileReports fileReports,
    Action<LogEntry> emit,
    Action<LogProblem> reportProblem)
{
    private readonly List<LogEntry> _entries = [];
    private readonly List<LogProblem> _recordProblems = [];

    // Reads lines of one whole record where they lie (it keeps no state, so one serves the whole file).
    private readonly LogLineParser _singleRecordLines = new(file, reportProblem, fileReports);

    /// <summary>The file's last record was cut off by its end, which the parser reported.</summary>
    public bool LastRecordCut { get; private set; }

    /// <summary>
    /// Parses the record that holds the line at <paramref name="lineStart"/> (line <paramref name="lineNumber"/>), where
    /// a signature <paramref name="hitLength"/> long was found at <paramref name="hitAt"/>, to its end, from its first line, which lies after <paramref name="anchor"/> (a line start where no record is open,
    /// line <paramref name="anchorLine"/>). On <see cref="ScanStep.Done"/>, <paramref name="end"/> is the line start
    /// after the record and <paramref name="endLine"/> its number; otherwise nothing was passed on.
    /// </summary>
    public ScanStep Rebuild(ScanBlock block, int anchor, long anchorLine, int lineStart, long lineNumber, int hitAt, int hitLength, out int end, out long endLine)
    {
        end = 0;
        endLine = 0;
        var (recordStart, recordLine) = (lineStart, lineNumber);
        if (block.Span(lineStart, block.Filled - lineStart).StartsWith(RecordMarkers.RecordStart, StringComparison.Ordinal))
        {
            // The common case, a record on one line: no copy of the line, no parser of its own.
            var (length, next, step) = block.FrameLineAt(lineStart);
            if (step == ScanStep.Done && _singleRecordLines.TryReadSingleRecordLine(block.Span(lineStart, length), lineNumber, out var messageLength) is { } entry)
            {
                // A signature found inside the message needs no second search to tell that the record holds one.
                var messageStart = lineStart + RecordMarkers.RecordStart.Length;
                var hitInMessage = hitAt >= messageStart && hitAt + hitLength <= messageStart + messageLength;
                if (hitInMessage || signatures.Matches(entry))
                {
                    emit(entry);
                }

                end = next;
                endLine = lineNumber + 1;
                return ScanStep.Done;
            }
        }
        else
        {
            var open = RecordMarkers.FindOpenRecord(block.Span(anchor, lineStart - anchor));
            if (open >= 0)
            {
                recordStart = anchor + open;
                recordLine = anchorLine + LineBreaks.Count(block.Span(anchor, open));
            }
        }

        _entries.Clear();
        _recordProblems.Clear();
        var parser = new LogLineParser(file, _recordProblems.Add, fileReports);
        var position = recordStart;
        var line = recordLine;

        // The record's earlier lines hold no signature, but the parser needs them; what they complete on their own (a
        // runaway record cut off before the hit) holds none either.
        while (position < lineStart)
        {
            var (content, next) = block.LineAt(position);
            parser.Accept(content, line++, _entries);
            position = next;
        }

        _entries.Clear();
        var first = true;
        while (_entries.Count == 0)
        {
            if (position == block.Filled && block.EndOfFile)
            {
                parser.Complete(_entries);
                LastRecordCut = _recordProblems.Count > 0;
                break;
            }

            var (content, next, step) = block.TryLineAt(position);
            if (step != ScanStep.Done)
            {
                return step;
            }

            // A new record while the hit's is open: the hit's record was cut off (the parser reports it).
            if (!first && content.StartsWith(RecordMarkers.RecordStart, StringComparison.Ordinal))
            {
                parser.Complete(_entries);
                break;
            }

            parser.Accept(content, line++, _entries);
            position = next;
            first = false;
        }

        foreach (var problem in _recordProblems)
        {
            reportProblem(problem);
        }

        // A line may hold several records (see LogLineParser): only those with a signature go on.
        foreach (var entry in _entries)
        {
            if (signatures.Matches(entry))
            {
                emit(entry);
            }
        }

        end = position;
        endLine = line;
        return ScanStep.Done;
    }
}
