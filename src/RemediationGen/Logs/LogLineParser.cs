using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// Turns the physical lines of one log into <see cref="LogEntry"/> records. It keeps state because a CMTrace record
/// may span several lines; feed lines in order with <see cref="Accept(string, long, ICollection{LogEntry})"/> and call <see cref="Complete"/> at the end.
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

    // A piece of a long line that ended inside a record (see Accept); _carryAfterRecord when it may only start one.
    private string? _carry;
    private long _carryLine;
    private bool _carryAfterRecord;
    private bool _carryMidLine;
    private bool _skipRestOfLine;

    /// <param name="fileReports">What was already reported about the file, when several parsers read parts of one file.</param>
    public LogLineParser(LogFile file, Action<LogProblem> reportProblem, FileReports? fileReports = null)
    {
        _file = file;
        _reportProblem = reportProblem;
        _fileReports = fileReports ?? new FileReports();
    }

    /// <summary>Reads one physical line (without its line break); adds the entries it completes to <paramref name="output"/>.</summary>
    public void Accept(string line, long lineNumber, ICollection<LogEntry> output) =>
        Accept(line, lineNumber, output, lineContinues: false);

    /// <summary>
    /// Reads one physical line, or a piece of one (<paramref name="lineContinues"/>: more of the same line follows,
    /// see <see cref="BoundedLineReader"/>). A line may hold several records written without line breaks between
    /// them: each whole one is an entry, so a log of one 50 MB line counts its records, not its pieces. The unfinished
    /// record at the end of a piece waits for the next piece (at most <see cref="MaxRecordChars"/> characters).
    /// </summary>
    public void Accept(string line, long lineNumber, ICollection<LogEntry> output, bool lineContinues)
    {
        if (_skipRestOfLine)
        {
            _skipRestOfLine = lineContinues;
            return;
        }

        if (_carry is { } carried)
        {
            _carry = null;
            line = carried + line;
            if (_carryAfterRecord)
            {
                _carryAfterRecord = false;
                if (!line.StartsWith(RecordStart, StringComparison.Ordinal))
                {
                    // What follows a record's attributes on its line, when no record starts there, is ignored.
                    _carryMidLine = false;
                    _skipRestOfLine = lineContinues;
                    return;
                }
            }
        }

        if (_recordOpen)
        {
            if (!line.StartsWith(RecordStart, StringComparison.Ordinal))
            {
                ContinueRecord(line, lineNumber, output, lineContinues);
                return;
            }

            // A new record starts while the previous one is open: the writer stopped mid-record (crash, rollover).
            FlushUnclosedRecord(output);
        }

        if (line.StartsWith(RecordStart, StringComparison.Ordinal))
        {
            StartRecords(line, 0, lineNumber, output, lineContinues);
            return;
        }

        SiteServerRecords(line, lineNumber, output, lineContinues);
    }

    /// <summary>
    /// The record of line <paramref name="lineNumber"/>, split by <see cref="TrySplitSingleRecordLine"/> into this
    /// message and these attributes, read as <see cref="Accept(string, long, ICollection{LogEntry})"/> reads such a line
    /// when no record is open and nothing is carried. It keeps no state, and it reads the line where it lies: the
    /// scan's common case costs no copy of the line.
    /// </summary>
    public LogEntry ReadSingleRecord(long lineNumber, ReadOnlySpan<char> message, CmTraceAttributes attributes) =>
        CmTrace(lineNumber, message.ToString(), attributes);

    /// <summary>
    /// The message and attribute text of a line that holds exactly one whole CMTrace record (the message starts at
    /// <see cref="RecordMarkers.RecordStart"/>'s length; see <see cref="ReadSingleRecord"/>); false for any other line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TrySplitSingleRecordLine(ReadOnlySpan<char> line, out ReadOnlySpan<char> message, out ReadOnlySpan<char> attributeText)
    {
        message = attributeText = default;
        if (!line.StartsWith(RecordStart, StringComparison.Ordinal))
        {
            return false;
        }

        var body = line[RecordStart.Length..];
        var end = body.IndexOf(RecordEnd, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        // After the attributes, another record on the same line needs StartRecords; anything else is ignored.
        var attributes = body[(end + RecordEnd.Length)..];
        var attributesEnd = attributes.IndexOf('>');
        if (attributesEnd >= 0 && attributes[(attributesEnd + 1)..].StartsWith(RecordStart, StringComparison.Ordinal))
        {
            return false;
        }

        message = body[..end];
        attributeText = attributes;
        return true;
    }

    /// <summary>
    /// Ends the file: a record still open was cut off, so what was read is kept and the cut is reported. After a read
    /// failure (<paramref name="readFailed"/>) the line being read is dropped, since it was not read to its end.
    /// </summary>
    public void Complete(ICollection<LogEntry> output, bool readFailed = false)
    {
        if (_carry is { } carried && !readFailed)
        {
            // A last line of a whole number of pieces: its last piece said more might follow.
            _carry = null;
            Accept(carried, _carryLine, output, lineContinues: false);
        }

        _carry = null;
        _carryAfterRecord = _carryMidLine = _skipRestOfLine = false;
        if (_recordOpen)
        {
            FlushUnclosedRecord(output);
        }
    }

    /// <summary>CMTrace records from <paramref name="position"/> (a record start) on, one after the other while each closes on this line.</summary>
    private void StartRecords(string line, int position, long lineNumber, ICollection<LogEntry> output, bool lineContinues)
    {
        // A carried record that began after another one on its line is still not the line's first.
        var midLine = _carryMidLine;
        _carryMidLine = false;
        while (true)
        {
            var body = line.AsSpan(position + RecordStart.Length);
            var end = body.IndexOf(RecordEnd, StringComparison.Ordinal);
            var attributesEnd = end < 0 ? -1 : body[(end + RecordEnd.Length)..].IndexOf('>');
            if (attributesEnd < 0 && lineContinues)
            {
                // The record goes on in the next piece of this line.
                Carry(line, position, lineNumber, output, plainText: false);
                _carryMidLine = Carried && (position > 0 || midLine);
                return;
            }

            if (end < 0)
            {
                // A record that starts after another one on the same line and does not close there is ignored.
                if (position == 0 && !midLine)
                {
                    _recordOpen = true;
                    _recordStartLine = lineNumber;
                    _recordLines = 1;
                    _pending.Clear().Append(body);
                    FlushIfRunaway(output);
                }

                return;
            }

            output.Add(CmTrace(lineNumber, body[..end].ToString(), body[(end + RecordEnd.Length)..]));
            var next = position + RecordStart.Length + end + RecordEnd.Length + attributesEnd + 1;
            if (attributesEnd < 0 || !IsNextRecord(line, next, lineNumber, output, lineContinues))
            {
                return;
            }

            position = next;
        }
    }

    private void ContinueRecord(string line, long lineNumber, ICollection<LogEntry> output, bool lineContinues)
    {
        var end = line.IndexOf(RecordEnd, StringComparison.Ordinal);
        var attributesEnd = end < 0 ? -1 : line.AsSpan(end + RecordEnd.Length).IndexOf('>');
        if (attributesEnd < 0 && lineContinues && line.Length <= MaxRecordChars)
        {
            // Decide what this line holds once all of it is read.
            (_carry, _carryLine) = (line, lineNumber);
            return;
        }

        _pending.Append('\n');
        _recordLines++;
        if (end < 0)
        {
            _pending.Append(line);
            FlushIfRunaway(output);
            return;
        }

        _pending.Append(line.AsSpan(0, end));
        output.Add(CmTrace(_recordStartLine, _pending.ToString(), line.AsSpan(end + RecordEnd.Length)));
        ResetRecord();
        var next = end + RecordEnd.Length + attributesEnd + 1;
        if (attributesEnd >= 0 && IsNextRecord(line, next, lineNumber, output, lineContinues))
        {
            StartRecords(line, next, lineNumber, output, lineContinues);
        }
    }

    /// <summary>
    /// After a record's attributes, at <paramref name="next"/>: whether another record starts there. If none does,
    /// the rest of the line is ignored, as it always was; a piece that ends with what may be the start of the next
    /// record's marker keeps it for the next piece.
    /// </summary>
    private bool IsNextRecord(string line, int next, long lineNumber, ICollection<LogEntry> output, bool lineContinues)
    {
        var rest = line.AsSpan(next);
        if (rest.StartsWith(RecordStart, StringComparison.Ordinal))
        {
            return true;
        }

        if (lineContinues && RecordStart.AsSpan().StartsWith(rest))
        {
            Carry(line, next, lineNumber, output, plainText: false);
            _carryAfterRecord = _carryMidLine = Carried;
        }
        else
        {
            _skipRestOfLine = lineContinues;
        }

        return false;
    }

    /// <summary>
    /// Site-server records: one a line, split at the line's last <c>$$&lt;</c> (<see cref="SiteServerLine"/>). A line
    /// that holds several whole trailers (<c>$$&lt;C&gt;&lt;time&gt;&lt;thread=N (0xN)&gt;</c>) holds several records.
    /// </summary>
    private void SiteServerRecords(string line, long lineNumber, ICollection<LogEntry> output, bool lineContinues)
    {
        var start = 0;
        var split = SiteServerLine.NextRecordEnd(line, 0);
        if (split < 0 && !lineContinues && line.Length > MaxRecordChars)
        {
            // Plain text longer than a record may be goes on in pieces of that size, as it always did.
            output.Add(PlainText(lineNumber, line[..MaxRecordChars]));
            SiteServerRecords(line[MaxRecordChars..], lineNumber, output, lineContinues);
            return;
        }

        while (split > 0 && !(lineContinues && split == line.Length))
        {
            var following = SiteServerLine.NextRecordEnd(line, split);
            if (following < 0 && !lineContinues)
            {
                break; // the last record takes the rest of the line, as a line of one record does
            }

            SiteServerOrPlain(line[start..split], lineNumber, output);
            start = split;
            split = following;
        }

        if (lineContinues)
        {
            Carry(line, start, lineNumber, output, plainText: true);
            return;
        }

        SiteServerOrPlain(start == 0 ? line : line[start..], lineNumber, output);
    }

    private void SiteServerOrPlain(string text, long lineNumber, ICollection<LogEntry> output)
    {
        if (SiteServerLine.TryParse(text, out var message, out var component, out var time, out var thread, out var timeOutOfRange))
        {
            ReportTimeOutOfRange(timeOutOfRange, lineNumber);
            output.Add(new LogEntry(_file, lineNumber, time, component, thread, LogSeverity.Unknown, LogFormat.SiteServer, message));
            return;
        }

        output.Add(PlainText(lineNumber, text));
    }

    private bool Carried => _carry is not null;

    /// <summary>
    /// Keeps the unfinished record at the end of a piece for the next one. Past <see cref="MaxRecordChars"/> it is no
    /// record: plain text is passed on in pieces of that size, as it always was; a CMTrace record is reported and read
    /// as plain text.
    /// </summary>
    private void Carry(string line, int from, long lineNumber, ICollection<LogEntry> output, bool plainText)
    {
        if (line.Length - from <= MaxRecordChars)
        {
            (_carry, _carryLine) = (line[from..], lineNumber);
            return;
        }

        if (plainText)
        {
            output.Add(PlainText(lineNumber, line.Substring(from, MaxRecordChars)));
            (_carry, _carryLine) = (line[(from + MaxRecordChars)..], lineNumber);
            return;
        }

        _reportProblem(new LogProblem(
            _file.DisplayPath,
            string.Create(CultureInfo.InvariantCulture, $"record at line {lineNumber} is longer than {MaxRecordChars} characters; it was read as plain text")));
        output.Add(PlainText(lineNumber, line[from..]));
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

    private LogEntry CmTrace(long lineNumber, string message, ReadOnlySpan<char> attributeText) =>
        CmTrace(lineNumber, message, CmTraceAttributes.Parse(attributeText));

    private LogEntry CmTrace(long lineNumber, string message, CmTraceAttributes attributes)
    {
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
