using System.Runtime.CompilerServices;

namespace RemediationGen.Logs;

/// <summary>
/// Walks one file's <see cref="ScanBlock"/> in line-aligned steps: searches each step for a signature, hands a hit to
/// <see cref="RecordRebuilder"/>, and counts the line breaks it skips, so line numbers stay exact. It owns where the
/// scan stands: the anchor, a line start where no record is open (so a fresh parser can start there), and the scan
/// position, where the search goes on; both with the 1-based number of the line that starts there, anchor &lt;= scan.
/// </summary>
internal sealed class SignatureScan
{
    private readonly LogFile _file;
    private readonly LogSignatures _signatures;
    private readonly ScanBlock _block;
    private readonly ContentCheck _contentCheck;
    private readonly RecordRebuilder _records;
    private readonly FileReports _fileReports = new();
    private readonly Action<LogProblem> _reportProblem;
    private readonly CancellationToken _cancellationToken;
    private int _anchor;
    private long _anchorLine = 1;
    private int _scan;
    private long _scanLine = 1;

    public SignatureScan(
        LogFile file,
        LogSignatures signatures,
        ScanBlock block,
        Utf8ScanReader? utf8Reader,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        RecordKey? newestRecordKey,
        CancellationToken cancellationToken)
    {
        _file = file;
        _signatures = signatures;
        _block = block;
        _contentCheck = new ContentCheck(file, utf8Reader, reportProblem);
        _records = new RecordRebuilder(file, signatures, _fileReports, emit, reportProblem, newestRecordKey);
        _reportProblem = reportProblem;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Scans the file to its end; returns the number of physical lines read.</summary>
    public long Run()
    {
        var linesRead = ScanToEnd();
        _records.Flush();
        return linesRead;
    }

    private long ScanToEnd()
    {
        _block.Fill(linesRead: 0);
        if (_block.Filled == 0 && _block.EndOfFile)
        {
            if (!_block.ReadFailed)
            {
                _reportProblem(new LogProblem(_file.DisplayPath, "is empty"));
            }

            return 0;
        }

        if (_signatures.MatchesEveryRecord)
        {
            return ReadLineByLine();
        }

        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var step = Step();
            if (step == ScanStep.Done)
            {
                var linesRead = _scanLine - 1;
                ScanEnd.Report(_file, _block, _anchor, _anchorLine, linesRead, _records.LastRecordCut, _fileReports, _reportProblem);
                return linesRead;
            }

            if (step == ScanStep.Continue)
            {
                continue;
            }

            if (step == ScanStep.LineTooLong || !_block.DropBefore(_anchor))
            {
                return ReadLineByLine();
            }

            _scan -= _anchor;
            _anchor = 0;
            _block.Fill(linesRead: _scanLine - 1);
        }
    }

    /// <summary>Scans up to one line-aligned step of at most <see cref="ScanBlock.MaxLineChars"/> characters.</summary>
    private ScanStep Step()
    {
        var available = _block.Filled - _scan;
        if (available == 0)
        {
            return _block.EndOfFile ? ScanStep.Done : ScanStep.NeedMore;
        }

        var stepEnd = _block.LastLineStart(_scan, Math.Min(available, ScanBlock.MaxLineChars));
        if (stepEnd < 0)
        {
            return !_block.EndOfFile && available < ScanBlock.MaxLineChars ? ScanStep.NeedMore
                : _block.EndOfFile && available < ScanBlock.MaxLineChars ? ScanRegion(_block.Filled)
                : ScanStep.LineTooLong;
        }

        return ScanRegion(stepEnd);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ScanStep ScanRegion(int regionEnd)
    {
        _contentCheck.Check(_block.Span(_scan, regionEnd - _scan), _scanLine);
        long breaksLeft = 0;
        while (_scan < regionEnd)
        {
            var hit = _signatures.IndexOfSignature(_block.Span(_scan, regionEnd - _scan), _block.Narrow(_scan, regionEnd - _scan), out var hitLength, out var breaksBefore);
            if (hit < 0)
            {
                breaksLeft = breaksBefore;
                break;
            }

            // The hit's line starts after the last break before the hit, so the breaks before the hit are those before its line.
            var lineStart = LineBreaks.LastIndexOf(_block.Span(_scan, hit)) + 1 + _scan;
            var hitLine = _scanLine + breaksBefore;
            var step = _records.Rebuild(_block, _anchor, _anchorLine, lineStart, hitLine, _scan + hit, hitLength, out var end, out var endLine);
            if (step != ScanStep.Done)
            {
                return step;
            }

            _scan = _anchor = end;
            _scanLine = _anchorLine = endLine;
        }

        if (_scan < regionEnd)
        {
            _scanLine += breaksLeft;
            _scan = regionEnd;

            // The last line of a file may end without a break: it is a line all the same.
            if (_scan == _block.Filled && _block.EndOfFile && _block.EndsWithoutLineBreak)
            {
                _scanLine++;
            }
        }

        MoveAnchorToScan();
        return ScanStep.Continue;
    }

    /// <summary>After a step without a hit: the anchor follows the scan, or stays on a record still open there.</summary>
    private void MoveAnchorToScan()
    {
        var open = RecordMarkers.FindOpenRecord(_block.Span(_anchor, _scan - _anchor));
        if (open < 0)
        {
            _anchor = _scan;
            _anchorLine = _scanLine;
            return;
        }

        if (open > 0)
        {
            _anchorLine += LineBreaks.Count(_block.Span(_anchor, open));
            _anchor += open;
        }
    }

    private long ReadLineByLine() =>
        LineByLineScan.Read(_file, _block.RestFrom(_anchor), _anchorLine, _signatures, _fileReports, _records.PassOn, _reportProblem, _cancellationToken);
}
