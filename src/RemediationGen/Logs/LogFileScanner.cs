using System.Globalization;
using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// Reads one log at memory speed and parses only the records that hold a signature (see
/// <c>IDiagnosticRule.Signatures</c>): text is decoded in large blocks, searched with a vectorized
/// multi-string search, and line breaks between hits are counted (vectorized) rather than split, so line numbers stay
/// exact. For a hit, the enclosing record is found (a CMTrace record may span lines: back to its <c>&lt;![LOG[</c>
/// line) and parsed by <see cref="LogLineParser"/> exactly as <see cref="LogFileReader"/> would. Memory is bounded by
/// the block size whatever the file size.
/// <para>
/// Problems: an unopenable or unreadable file, an empty file, NUL characters (binary data), bytes that are not valid
/// UTF-8, a last line without a line break, and a last record that is not closed are reported for every file.
/// Runaway or unclosed records in the middle of a file are reported when they hold a signature (the scan does not
/// parse the others). A file with a physical line of <see cref="BoundedLineReader.MaxLineChars"/> characters or more
/// is read line by line from there on, exactly as <see cref="LogFileReader"/> reads it.
/// </para>
/// </summary>
public static class LogFileScanner
{
    // 8 MB of text: room for an open record (RecordMarkers.MaxOpenRecordSpan) behind the scan and a longest line ahead.
    internal const int BlockChars = 4 * 1024 * 1024;

    /// <summary>Scans <paramref name="file"/>; entries go to <paramref name="emit"/> in file order, problems to <paramref name="reportProblem"/>.</summary>
    public static LogScanOutcome Scan(
        LogFile file,
        LogSignatures signatures,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        CancellationToken cancellationToken = default) =>
        Scan(file, signatures, emit, reportProblem, new char[BlockChars], cancellationToken);

    /// <summary>As above, with a block of <see cref="BlockChars"/> characters the caller reuses from file to file.</summary>
    internal static LogScanOutcome Scan(
        LogFile file,
        LogSignatures signatures,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        char[] block,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentNullException.ThrowIfNull(reportProblem);

        // Large reads let StreamReader decode straight into the scan's block.
        using var reader = LogFileReader.TryOpen(file, reportProblem, bufferSize: 256 * 1024);
        if (reader is null)
        {
            return new LogScanOutcome(Opened: false, LinesRead: 0);
        }

        var isUtf8 = reader.CurrentEncoding is UTF8Encoding;
        var lines = new SignatureScan(file, signatures, reader, isUtf8, block, emit, reportProblem, cancellationToken).Run();
        return new LogScanOutcome(Opened: true, lines);
    }

    /// <summary>One file's scan: a block of decoded text and where the scan stands in it.</summary>
    private sealed class SignatureScan(
        LogFile file,
        LogSignatures signatures,
        TextReader reader,
        bool isUtf8,
        char[] block,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        CancellationToken cancellationToken)
    {
        private const int MaxLineChars = BoundedLineReader.MaxLineChars;

        private readonly char[] _block = block;
        private readonly List<LogEntry> _entries = [];
        private readonly List<LogProblem> _recordProblems = [];
        private readonly FileReports _fileReports = new();
        private int _filled;
        private bool _endOfFile;
        private bool _readFailed;
        private bool _reportedBinary;
        private bool _reportedInvalidUtf8;
        private bool _lastRecordCut;

        // _anchor is a line start where no record is open (so a fresh parser can start there), _scan where the search
        // goes on; both with the 1-based number of the line that starts there. _anchor <= _scan.
        private int _anchor;
        private long _anchorLine = 1;
        private int _scan;
        private long _scanLine = 1;

        private enum Step
        {
            Done,
            Continue,
            NeedMore,
            LineTooLong,
        }

        public long Run()
        {
            Fill();
            if (_filled == 0 && _endOfFile)
            {
                if (!_readFailed)
                {
                    reportProblem(new LogProblem(file.DisplayPath, "is empty"));
                }

                return 0;
            }

            if (signatures.MatchesEveryRecord)
            {
                return ReadLineByLine();
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = ScanStep();
                if (step == Step.Done)
                {
                    return Finish();
                }

                if (step == Step.Continue)
                {
                    continue;
                }

                if (step == Step.LineTooLong || !MakeRoom())
                {
                    return ReadLineByLine();
                }

                Fill();
            }
        }

        /// <summary>Scans up to one line-aligned step of at most <see cref="MaxLineChars"/> characters.</summary>
        private Step ScanStep()
        {
            var available = _filled - _scan;
            if (available == 0)
            {
                return _endOfFile ? Step.Done : Step.NeedMore;
            }

            var stepEnd = StepEnd(Math.Min(available, MaxLineChars));
            if (stepEnd < 0)
            {
                return !_endOfFile && available < MaxLineChars ? Step.NeedMore
                    : _endOfFile && available < MaxLineChars ? ScanRegion(_filled)
                    : Step.LineTooLong;
            }

            return ScanRegion(stepEnd);
        }

        /// <summary>The line start after the last whole line break within <paramref name="length"/> characters of the scan, or -1.</summary>
        private int StepEnd(int length)
        {
            var window = _block.AsSpan(_scan, length);
            var lastBreak = window.LastIndexOfAny('\r', '\n');
            while (lastBreak >= 0)
            {
                var at = _scan + lastBreak;
                if (_block[at] == '\n')
                {
                    return at + 1;
                }

                if (at + 1 < _filled)
                {
                    return _block[at + 1] == '\n' ? at + 2 : at + 1;
                }

                if (_endOfFile)
                {
                    return at + 1;
                }

                // A CR at the end of the text read so far: its LF may come with the next read.
                lastBreak = window[..lastBreak].LastIndexOfAny('\r', '\n');
            }

            return -1;
        }

        private Step ScanRegion(int regionEnd)
        {
            CheckContent(regionEnd);
            while (_scan < regionEnd)
            {
                var hit = signatures.IndexOfSignature(_block.AsSpan(_scan, regionEnd - _scan));
                if (hit < 0)
                {
                    break;
                }

                var lineStart = _block.AsSpan(_scan, hit).LastIndexOfAny('\r', '\n') + 1 + _scan;
                var hitLine = _scanLine + LineBreaks.Count(_block.AsSpan(_scan, lineStart - _scan));
                var step = ParseRecordAt(lineStart, hitLine);
                if (step != Step.Done)
                {
                    return step;
                }
            }

            if (_scan < regionEnd)
            {
                _scanLine += LineBreaks.Count(_block.AsSpan(_scan, regionEnd - _scan));
                _scan = regionEnd;

                // The last line of a file may end without a break: it is a line all the same.
                if (_scan == _filled && _endOfFile && _block[_scan - 1] is not ('\r' or '\n'))
                {
                    _scanLine++;
                }
            }

            MoveAnchorToScan();
            return Step.Continue;
        }

        /// <summary>
        /// Parses the record that holds the line at <paramref name="lineStart"/> (from its first line, which may be
        /// earlier) to its end, emits it and moves the scan and the anchor past it.
        /// </summary>
        private Step ParseRecordAt(int lineStart, long lineNumber)
        {
            var (recordStart, recordLine) = (lineStart, lineNumber);
            if (!_block.AsSpan(lineStart).StartsWith(RecordMarkers.RecordStart, StringComparison.Ordinal))
            {
                var open = RecordMarkers.FindOpenRecord(_block.AsSpan(_anchor, lineStart - _anchor));
                if (open >= 0)
                {
                    recordStart = _anchor + open;
                    recordLine = _anchorLine + LineBreaks.Count(_block.AsSpan(_anchor, open));
                }
            }

            _entries.Clear();
            _recordProblems.Clear();
            var parser = new LogLineParser(file, _recordProblems.Add, _fileReports);
            var position = recordStart;
            var line = recordLine;

            // The record's earlier lines hold no signature, but the parser needs them; what they complete on their
            // own (a runaway record cut off before the hit) holds none either.
            while (position < lineStart)
            {
                var (content, next) = LineAt(position);
                parser.Accept(content, line++, _entries);
                position = next;
            }

            _entries.Clear();
            var first = true;
            while (_entries.Count == 0)
            {
                if (position == _filled && _endOfFile)
                {
                    parser.Complete(_entries);
                    _lastRecordCut = _recordProblems.Count > 0;
                    break;
                }

                var (content, next, step) = TryLineAt(position);
                if (step != Step.Done)
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

            _scan = _anchor = position;
            _scanLine = _anchorLine = line;
            return Step.Done;
        }

        /// <summary>A line known to be whole and shorter than <see cref="MaxLineChars"/> (it lies before a scanned position).</summary>
        private (string Content, int Next) LineAt(int position)
        {
            var (content, next, _) = TryLineAt(position);
            return (content, next);
        }

        private (string Content, int Next, Step Step) TryLineAt(int position)
        {
            var length = Math.Min(_filled - position, MaxLineChars);
            var lineBreak = _block.AsSpan(position, length).IndexOfAny('\r', '\n');
            if (lineBreak < 0)
            {
                return length == MaxLineChars ? (string.Empty, 0, Step.LineTooLong)
                    : _endOfFile ? (new string(_block, position, length), _filled, Step.Done)
                    : (string.Empty, 0, Step.NeedMore);
            }

            var at = position + lineBreak;
            var content = new string(_block, position, lineBreak);
            if (_block[at] == '\n')
            {
                return (content, at + 1, Step.Done);
            }

            if (at + 1 < _filled)
            {
                return (content, _block[at + 1] == '\n' ? at + 2 : at + 1, Step.Done);
            }

            return _endOfFile ? (content, at + 1, Step.Done) : (string.Empty, 0, Step.NeedMore);
        }

        /// <summary>After a step without a hit: the anchor follows the scan, or stays on a record still open there.</summary>
        private void MoveAnchorToScan()
        {
            var open = RecordMarkers.FindOpenRecord(_block.AsSpan(_anchor, _scan - _anchor));
            if (open < 0)
            {
                _anchor = _scan;
                _anchorLine = _scanLine;
                return;
            }

            if (open > 0)
            {
                _anchorLine += LineBreaks.Count(_block.AsSpan(_anchor, open));
                _anchor += open;
            }
        }

        /// <summary>Drops the text before the anchor to make room for more; false when the block is full from the anchor.</summary>
        private bool MakeRoom()
        {
            if (_endOfFile)
            {
                return false;
            }

            if (_anchor == 0)
            {
                return _filled < _block.Length;
            }

            var keep = _filled - _anchor;
            Array.Copy(_block, _anchor, _block, 0, keep);
            _scan -= _anchor;
            _filled = keep;
            _anchor = 0;
            return true;
        }

        private void Fill()
        {
            while (_filled < _block.Length && !_endOfFile)
            {
                int read;
                try
                {
                    read = reader.Read(_block, _filled, _block.Length - _filled);
                }
                catch (Exception ex) when (LogFileReader.IsReadFailure(ex))
                {
                    _readFailed = _endOfFile = true;
                    reportProblem(new LogProblem(
                        file.DisplayPath,
                        LogFileReader.Describe(string.Create(CultureInfo.InvariantCulture, $"could not be read after line {_scanLine - 1}"), ex)));
                    return;
                }

                if (read == 0)
                {
                    _endOfFile = true;
                }

                _filled += read;
            }
        }

        /// <summary>NUL characters mean binary data; U+FFFD in a UTF-8 file means bytes that are not UTF-8. Each is reported once per file.</summary>
        private void CheckContent(int regionEnd)
        {
            var region = _block.AsSpan(_scan, regionEnd - _scan);
            if ((_reportedBinary && (_reportedInvalidUtf8 || !isUtf8)) || region.IndexOfAny('\0', '\uFFFD') < 0)
            {
                return;
            }

            if (!_reportedBinary && region.IndexOf('\0') is var nul and >= 0)
            {
                _reportedBinary = true;
                reportProblem(new LogProblem(
                    file.DisplayPath,
                    string.Create(CultureInfo.InvariantCulture, $"holds binary data (NUL characters) from line {_scanLine + LineBreaks.Count(region[..nul])}; it was read as text")));
            }

            if (isUtf8 && !_reportedInvalidUtf8 && region.IndexOf('\uFFFD') is var bad and >= 0)
            {
                _reportedInvalidUtf8 = true;
                reportProblem(new LogProblem(
                    file.DisplayPath,
                    string.Create(CultureInfo.InvariantCulture, $"holds bytes that are not valid UTF-8 from line {_scanLine + LineBreaks.Count(region[..bad])}; they were read as U+FFFD")));
            }
        }

        /// <summary>At the end of the file: a record still open was cut off, and a last line without a break may have been.</summary>
        private long Finish()
        {
            var linesRead = _scanLine - 1;
            var lastLineWithoutBreak = _filled > 0 && _block[_filled - 1] is not ('\r' or '\n');

            if (_readFailed)
            {
                return linesRead;
            }

            var open = RecordMarkers.FindOpenRecord(_block.AsSpan(_anchor, _filled - _anchor));
            if (open >= 0)
            {
                // Parse the cut-off record only for its problem: it holds no signature (a hit would have consumed it).
                var parser = new LogLineParser(file, reportProblem, _fileReports);
                var position = _anchor + open;
                var line = _anchorLine + LineBreaks.Count(_block.AsSpan(_anchor, open));
                var ignored = new List<LogEntry>(1);
                while (position < _filled)
                {
                    var (content, next) = LineAt(position);
                    parser.Accept(content, line++, ignored);
                    position = next;
                }

                parser.Complete(ignored);
            }
            else if (lastLineWithoutBreak && !_lastRecordCut)
            {
                reportProblem(new LogProblem(
                    file.DisplayPath,
                    string.Create(CultureInfo.InvariantCulture, $"last line ({linesRead}) ends without a line break: the file was cut off or is still being written; the line was read as it is")));
            }

            return linesRead;
        }

        /// <summary>
        /// The exact, line-by-line path from the anchor on (a line too long for the block, or a signature that matches
        /// every record): what <see cref="LogFileReader"/> does, keeping the entries that hold a signature.
        /// </summary>
        private long ReadLineByLine()
        {
            var rest = new PrefixedTextReader(_block, _anchor, _filled, reader);
            var lines = new BoundedLineReader(rest, linesBefore: _anchorLine - 1);
            var parser = new LogLineParser(file, reportProblem, _fileReports);
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
}
