using System.Runtime.CompilerServices;
using System.Globalization;

namespace RemediationGen.Logs;

/// <summary>
/// The decoded text of one log as <see cref="SignatureScan"/> walks it: one block refilled from the reader, from which
/// the text before the scan's anchor is dropped to make room, and the lines in it. It knows nothing of records.
/// </summary>
internal sealed class ScanBlock(LogFile file, TextReader reader, ScanBlockMemory memory, Action<LogProblem> reportProblem)
{
    private char[] _text = memory.Text;

    // A byte per character of the text (see AsciiNarrowing), for the search's first stage.
    private byte[] _narrow = memory.Narrow;

    public const int MaxLineChars = BoundedLineReader.MaxLineChars;

    /// <summary>How much of the block holds text read from the file.</summary>
    public int Filled { get; private set; }

    /// <summary>Nothing more comes from the file (it ended, or a read failed).</summary>
    public bool EndOfFile { get; private set; }

    public bool ReadFailed { get; private set; }

    public ReadOnlySpan<char> Span(int start, int length) => _text.AsSpan(start, length);

    /// <summary>The bytes of <see cref="Span"/>'s characters (see <see cref="AsciiNarrowing"/>).</summary>
    public ReadOnlySpan<byte> Narrow(int start, int length) => _narrow.AsSpan(start, length);

    // Text read at a time: the scan's passes over it (the content check, the search, which counts line breaks as it
    // goes) then find it in the core's cache, where a whole block (1 to 8 MB) would be read back from memory by each.
    internal const int FillChars = 128 * 1024;

    /// <summary>
    /// Reads <see cref="FillChars"/> more characters, or until the block is full or the file ends; a failure is
    /// reported after line <paramref name="linesRead"/>.
    /// </summary>
    public void Fill(long linesRead)
    {
        var target = Math.Min(_text.Length, Filled + FillChars);
        while (Filled < target && !EndOfFile)
        {
            int read;
            try
            {
                read = Read(target - Filled);
            }
            catch (Exception ex) when (LogFileReader.IsReadFailure(ex))
            {
                ReadFailed = EndOfFile = true;
                reportProblem(new LogProblem(
                    file.DisplayPath,
                    LogFileReader.Describe(string.Create(CultureInfo.InvariantCulture, $"could not be read after line {linesRead}"), ex)));
                return;
            }

            EndOfFile = read == 0;
            Filled += read;
        }
    }

    private int Read(int count)
    {
        if (reader is Utf8ScanReader utf8)
        {
            return utf8.Read(_text.AsSpan(Filled, count), _narrow.AsSpan(Filled, count));
        }

        var read = reader.Read(_text, Filled, count);
        AsciiNarrowing.Narrow(_text.AsSpan(Filled, read), _narrow.AsSpan(Filled, read));
        return read;
    }

    /// <summary>
    /// Drops the text before <paramref name="anchor"/> to make room for more (positions move back by
    /// <paramref name="anchor"/>), or grows the block when it is full from there (<see cref="ScanBlockMemory.TryGrow"/>);
    /// false when no more text can come in (the file ended, or the block is full from the anchor at its largest).
    /// </summary>
    public bool DropBefore(int anchor)
    {
        if (EndOfFile)
        {
            return false;
        }

        if (anchor == 0)
        {
            if (Filled == _text.Length && memory.TryGrow(Filled))
            {
                (_text, _narrow) = (memory.Text, memory.Narrow);
            }

            return Filled < _text.Length;
        }

        var keep = Filled - anchor;
        Array.Copy(_text, anchor, _text, 0, keep);
        Array.Copy(_narrow, anchor, _narrow, 0, keep);
        Filled = keep;
        return true;
    }

    /// <summary>A reader of the text from <paramref name="start"/> on, the block's then the file's.</summary>
    public TextReader RestFrom(int start) => new PrefixedTextReader(_text, start, Filled, reader);

    /// <summary>The line start after the last whole line break within <paramref name="length"/> characters from <paramref name="start"/>, or -1.</summary>
    public int LastLineStart(int start, int length)
    {
        var window = _text.AsSpan(start, length);
        var lastBreak = LineBreaks.LastIndexOf(window);
        while (lastBreak >= 0)
        {
            if (AfterBreak(start + lastBreak) is var next and >= 0)
            {
                return next;
            }

            lastBreak = LineBreaks.LastIndexOf(window[..lastBreak]);
        }

        return -1;
    }

    /// <summary>A line known to be whole and shorter than <see cref="MaxLineChars"/> (it lies before a scanned position).</summary>
    public (string Content, int Next) LineAt(int position)
    {
        var (content, next, _) = TryLineAt(position);
        return (content, next);
    }

    /// <summary>The line at <paramref name="position"/> and where the next one starts, when all of it has been read.</summary>
    public (string Content, int Next, ScanStep Step) TryLineAt(int position)
    {
        var (length, next, step) = FrameLineAt(position);
        return (step == ScanStep.Done ? new string(_text, position, length) : string.Empty, next, step);
    }

    /// <summary>
    /// The length of the line at <paramref name="position"/> (without its break) and where the next one starts, when
    /// all of it has been read (<see cref="ScanStep.Done"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Length, int Next, ScanStep Step) FrameLineAt(int position)
    {
        var length = Math.Min(Filled - position, MaxLineChars);
        var lineBreak = LineBreaks.IndexOf(_text.AsSpan(position, length));
        if (lineBreak < 0)
        {
            return length == MaxLineChars ? (0, 0, ScanStep.LineTooLong)
                : EndOfFile ? (length, Filled, ScanStep.Done)
                : (0, 0, ScanStep.NeedMore);
        }

        var next = AfterBreak(position + lineBreak);
        return next >= 0 ? (lineBreak, next, ScanStep.Done) : (0, 0, ScanStep.NeedMore);
    }

    /// <summary>
    /// Where the line after the break at <paramref name="at"/> (a CR or LF) starts: after the LF of a CRLF; -1 for a
    /// CR at the end of the text read so far, whose LF may come with the next read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AfterBreak(int at) =>
        _text[at] == '\n' ? at + 1
        : at + 1 < Filled ? (_text[at + 1] == '\n' ? at + 2 : at + 1)
        : EndOfFile ? at + 1
        : -1;

    /// <summary>Whether the text read ends in the middle of a line (no break after its last character).</summary>
    public bool EndsWithoutLineBreak => Filled > 0 && _text[Filled - 1] is not ('\r' or '\n');
}
