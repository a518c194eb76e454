using System.Globalization;
using System.Text;
using RemediationGen.Diagnosis;

namespace RemediationGen.Logs;

/// <summary>
/// Turns the physical lines of one log into <see cref="LogEntry"/> records. It keeps state because a CMTrace record
/// may span several lines; feed lines in order with <see cref="Accept"/> and call <see cref="Complete"/> at the end.
/// Parsing uses IndexOf and spans only: no regular expressions, so a hostile line cannot make it backtrack.
/// </summary>
internal sealed class LogLineParser
{
    /// <summary>A record longer than this is not a record but a file without its closing marker.</summary>
    public const int MaxRecordLines = 1_000;

    /// <summary>Bounds the memory one record may take (counted in characters).</summary>
    public const int MaxRecordChars = 1024 * 1024;

    private const string RecordStart = RecordMarkers.RecordStart;
    private const string RecordEnd = RecordMarkers.RecordEnd;

    private readonly LogFile _file;
    private readonly Action<LogProblem> _reportProblem;
    private readonly FileReports _fileReports;
    private readonly StringBuilder _pending = new();
    private bool _recordOpen;
    private long _recordStartLine;
    private int _recordLines;

    /// <param name="fileReports">What was already reported about the file, when several parsers read parts of one file.</param>
    public LogLineParser(LogFile file, Action<LogProblem> reportProblem, FileReports? fileReports = null)
    {
        _file = file;
        _reportProblem = reportProblem;
        _fileReports = fileReports ?? new FileReports();
    }

    /// <summary>Reads one physical line (without its line break); adds the entries it completes to <paramref name="output"/>.</summary>
    public void Accept(string line, long lineNumber, ICollection<LogEntry> output)
    {
        if (_recordOpen)
        {
            if (!line.StartsWith(RecordStart, StringComparison.Ordinal))
            {
                ContinueRecord(line, output);
                return;
            }

            // A new record starts while the previous one is open: the writer stopped mid-record (crash, rollover).
            FlushUnclosedRecord(output);
        }

        if (line.StartsWith(RecordStart, StringComparison.Ordinal))
        {
            StartRecord(line, lineNumber, output);
            return;
        }

        if (SiteServerLine.TryParse(line, out var message, out var component, out var time, out var thread, out var timeOutOfRange))
        {
            ReportTimeOutOfRange(timeOutOfRange, lineNumber);
            output.Add(new LogEntry(_file, lineNumber, time, component, thread, LogSeverity.Unknown, LogFormat.SiteServer, message));
            return;
        }

        output.Add(PlainText(lineNumber, line));
    }

    /// <summary>Ends the file: a record still open was cut off, so what was read is kept and the cut is reported.</summary>
    public void Complete(ICollection<LogEntry> output)
    {
        if (_recordOpen)
        {
            FlushUnclosedRecord(output);
        }
    }

    private void StartRecord(string line, long lineNumber, ICollection<LogEntry> output)
    {
        var body = line.AsSpan(RecordStart.Length);
        var end = body.IndexOf(RecordEnd, StringComparison.Ordinal);
        if (end >= 0)
        {
            output.Add(CmTrace(lineNumber, body[..end].ToString(), body[(end + RecordEnd.Length)..]));
            return;
        }

        _recordOpen = true;
        _recordStartLine = lineNumber;
        _recordLines = 1;
        _pending.Clear().Append(body);
        FlushIfRunaway(output);
    }

    private void ContinueRecord(string line, ICollection<LogEntry> output)
    {
        _pending.Append('\n');
        _recordLines++;
        var end = line.IndexOf(RecordEnd, StringComparison.Ordinal);
        if (end < 0)
        {
            _pending.Append(line);
            FlushIfRunaway(output);
            return;
        }

        _pending.Append(line.AsSpan(0, end));
        output.Add(CmTrace(_recordStartLine, _pending.ToString(), line.AsSpan(end + RecordEnd.Length)));
        ResetRecord();
    }

    private void FlushIfRunaway(ICollection<LogEntry> output)
    {
        if (_recordLines <= MaxRecordLines && _pending.Length <= MaxRecordChars)
        {
            return;
        }

        _reportProblem(new LogProblem(
            _file.DisplayPath,
            string.Create(CultureInfo.InvariantCulture, $"record starting at line {_recordStartLine} is longer than {MaxRecordLines} lines or {MaxRecordChars} characters; it was read as plain text")));
        output.Add(PlainText(_recordStartLine, RecordStart + _pending));
        ResetRecord();
    }

    private void FlushUnclosedRecord(ICollection<LogEntry> output)
    {
        _reportProblem(new LogProblem(
            _file.DisplayPath,
            string.Create(CultureInfo.InvariantCulture, $"record starting at line {_recordStartLine} is not closed")));
        output.Add(new LogEntry(_file, _recordStartLine, null, null, null, LogSeverity.Unknown, LogFormat.CmTrace, _pending.ToString()));
        ResetRecord();
    }

    private void ResetRecord()
    {
        _recordOpen = false;
        _recordLines = 0;

        // Give back a runaway buffer instead of keeping a megabyte alive for the rest of the file.
        if (_pending.Capacity > 64 * 1024)
        {
            _pending.Clear().Capacity = 1024;
        }
        else
        {
            _pending.Clear();
        }
    }

    private LogEntry CmTrace(long lineNumber, string message, ReadOnlySpan<char> attributeText)
    {
        var attributes = CmTraceAttributes.Parse(attributeText);
        var component = attributes.Component.IsEmpty ? null : attributes.Component.ToString();
        var time = attributes.ParseTimestamp(out var timeOutOfRange);
        ReportTimeOutOfRange(timeOutOfRange, lineNumber);
        return new LogEntry(_file, lineNumber, time, component, attributes.ThreadId, attributes.Severity, LogFormat.CmTrace, message);
    }

    /// <summary>Once per file: a time at the calendar's edge would overflow any arithmetic, so it is read as no time.</summary>
    private void ReportTimeOutOfRange(bool outOfRange, long lineNumber)
    {
        if (!outOfRange || _fileReports.TimeOutOfRange)
        {
            return;
        }

        _fileReports.TimeOutOfRange = true;
        _reportProblem(new LogProblem(
            _file.DisplayPath,
            string.Create(CultureInfo.InvariantCulture, $"holds a time whose UTC is outside the calendar at line {lineNumber}; such records were read without a time")));
    }

    private LogEntry PlainText(long lineNumber, string line) =>
        new(_file, lineNumber, null, null, null, LogSeverity.Unknown, LogFormat.PlainText, line);
}
