using System.Runtime.CompilerServices;

namespace RemediationGen.Logs;

/// <summary>
/// Rebuilds the record around a signature hit in a <see cref="ScanBlock"/> (a CMTrace record may span lines: back to
/// its <c>&lt;![LOG[</c> line), parses it with <see cref="LogLineParser"/> exactly as <see cref="LogFileReader"/>
/// would, and passes on the records that hold a signature, through <see cref="NewestRecordPerKey"/> when the rules
/// keep only the newest of a repeated record: a keyed one-line record is then held unparsed.
/// </summary>
internal sealed class RecordRebuilder
{
    // A line held unparsed costs its attributes beside the message the holding counts: bounded per line, so the
    // memory held stays within a few MiB beyond NewestRecordPerKey.MaxHeldChars.
    private const int MaxUnparsedAttributeChars = 512;

    private readonly LogFile _file;
    private readonly LogSignatures _signatures;
    private readonly Action<LogEntry> _emit;
    private readonly Action<LogProblem> _reportProblem;
    private readonly NewestRecordPerKey? _newest;

    // A busy log repeats a few messages: their keys are worked out once per file, and kept as the thinning's own.
    private readonly RecordKeyCache<NewestRecordPerKey.HeldKey>? _keys;
    private readonly List<LogEntry> _entries = [];
    private readonly List<LogProblem> _recordProblems = [];

    // Reads lines of one whole record where they lie (it keeps no state, so one serves the whole file).
    private readonly LogLineParser _singleRecordLines;
    private readonly FileReports _fileReports;

    /// <param name="newestRecordKey">See <see cref="NewestRecordPerKey"/>; null passes every record on.</param>
    public RecordRebuilder(
        LogFile file,
        LogSignatures signatures,
        FileReports fileReports,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        RecordKey? newestRecordKey)
    {
        _file = file;
        _signatures = signatures;
        _fileReports = fileReports;
        _emit = emit;
        _reportProblem = reportProblem;
        _singleRecordLines = new LogLineParser(file, reportProblem, fileReports);
        _newest = newestRecordKey is null ? null : new NewestRecordPerKey(newestRecordKey, ParseHeldLine);
        _keys = newestRecordKey is null ? null : new RecordKeyCache<NewestRecordPerKey.HeldKey>();
    }

    /// <summary>The file's last record was cut off by its end, which the parser reported.</summary>
    public bool LastRecordCut { get; private set; }

    /// <summary>Passes a record on, through the thinning when there is one.</summary>
    public void PassOn(LogEntry entry)
    {
        if (_newest is null)
        {
            _emit(entry);
        }
        else
        {
            _newest.Accept(entry, _emit);
        }
    }

    /// <summary>Passes on the records the thinning still holds; call it at the end of the file.</summary>
    public void Flush() => _newest?.Flush(_emit);

    /// <summary>
    /// Parses the record that holds the line at <paramref name="lineStart"/> (line <paramref name="lineNumber"/>), where
    /// a signature <paramref name="hitLength"/> long was found at <paramref name="hitAt"/>, to its end, from its first line, which lies after <paramref name="anchor"/> (a line start where no record is open,
    /// line <paramref name="anchorLine"/>). On <see cref="ScanStep.Done"/>, <paramref name="end"/> is the line start
    /// after the record and <paramref name="endLine"/> its number; otherwise nothing was passed on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ScanStep Rebuild(ScanBlock block, int anchor, long anchorLine, int lineStart, long lineNumber, int hitAt, int hitLength, out int end, out long endLine)
    {
        end = 0;
        endLine = 0;
        var (recordStart, recordLine) = (lineStart, lineNumber);
        if (block.Span(lineStart, block.Filled - lineStart).StartsWith(RecordMarkers.RecordStart, StringComparison.Ordinal))
        {
            // The common case, a record on one line: no copy of the line, no parser of its own.
            var (length, next, step) = block.FrameLineAt(lineStart);
            if (step == ScanStep.Done && LogLineParser.TrySplitSingleRecordLine(block.Span(lineStart, length), out var message, out var attributeText))
            {
                PassOnSingleRecord(block.Span(lineStart, length), lineNumber, message, attributeText, hitAt - lineStart, hitLength);
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
        var parser = new LogLineParser(_file, _recordProblems.Add, _fileReports);
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
            _reportProblem(problem);
        }

        // A line may hold several records (see LogLineParser): only those with a signature go on.
        foreach (var entry in _entries)
        {
            if (_signatures.Matches(entry))
            {
                PassOn(entry);
            }
        }

        end = position;
        endLine = line;
        return ScanStep.Done;
    }

    /// <summary>
    /// A line that holds one whole CMTrace record, split into its message and attributes, where a signature
    /// <paramref name="hitLength"/> long was found <paramref name="hitInLine"/> characters in: its attributes are read
    /// once, and its key worked out once. A record with a key is held unparsed (see <see cref="NewestRecordPerKey"/>)
    /// where parsing it now would report nothing: a time that may be outside the calendar is reported, so such a record
    /// is parsed. Any other record is parsed, even one without a signature (it may report its time), and passed on
    /// when it holds one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PassOnSingleRecord(ReadOnlySpan<char> line, long lineNumber, ReadOnlySpan<char> message, ReadOnlySpan<char> attributeText, int hitInLine, int hitLength)
    {
        var attributes = CmTraceAttributes.Parse(attributeText);

        // A signature found inside the message needs no second search to tell that the record holds one.
        var hitInMessage = hitInLine >= RecordMarkers.RecordStart.Length && hitInLine + hitLength <= RecordMarkers.RecordStart.Length + message.Length;
        var holdsSignature = hitInMessage || _signatures.Matches(message, attributes.Component);
        var key = holdsSignature && _newest is not null ? KeyOf(message, attributes.Component) : null;
        if (key is not null
            && attributeText.Length <= MaxUnparsedAttributeChars
            && (attributes.Time.IsEmpty || attributes.Date.IsEmpty || !LogTimestampParser.MayBeOutOfRange(attributes.Date)))
        {
            _newest!.HoldLine(key, line, lineNumber, message.Length, _emit);
            return;
        }

        var entry = _singleRecordLines.ReadSingleRecord(lineNumber, message, attributes);
        if (holdsSignature)
        {
            if (_newest is null)
            {
                _emit(entry);
            }
            else
            {
                _newest.Accept(entry, key, _emit);
            }
        }
    }

    /// <summary>The thinning's key of a record, from the cache when its message and component came before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private NewestRecordPerKey.HeldKey? KeyOf(ReadOnlySpan<char> message, ReadOnlySpan<char> component)
    {
        var known = _keys!.TryGet(message, component, out var cached);
        if (known && cached is not { Retired: true })
        {
            return cached;
        }

        // A retired key (the thinning knew too many) is the same text: only its object is new.
        var text = known ? cached!.Key : _newest!.KeyOf(_file, message, component);
        var key = text is null ? null : _newest!.KeyFor(text);
        _keys.Add(message, component, key, text?.Length ?? 0);
        return key;
    }

    private LogEntry ParseHeldLine(ReadOnlySpan<char> line, long lineNumber) =>
        LogLineParser.TrySplitSingleRecordLine(line, out var message, out var attributeText)
            ? _singleRecordLines.ReadSingleRecord(lineNumber, message, CmTraceAttributes.Parse(attributeText))
            : throw new InvalidOperationException("A held line no longer reads as one record.");
}
