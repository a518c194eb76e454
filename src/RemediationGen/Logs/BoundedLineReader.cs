using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// Reads lines (CRLF, LF or CR) like <see cref="TextReader.ReadLine"/>, but never holds more than
/// <see cref="PieceChars"/> characters: a longer physical line comes back in pieces that share its line number
/// (<see cref="LineContinues"/>), so a file without line breaks cannot exhaust memory. Pieces stay below the large
/// object heap's 85,000 bytes, so a 50 MB line leaves no large garbage behind; <see cref="LogLineParser"/> joins
/// them into records.
/// </summary>
internal sealed class BoundedLineReader
{
    /// <summary>The longest line <see cref="LogFileScanner"/> handles in its block; a longer one is read with this reader.</summary>
    public const int MaxLineChars = 1024 * 1024;

    /// <summary>The longest piece returned.</summary>
    public const int PieceChars = 32 * 1024;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;
    private bool _continuesLine;

    /// <param name="linesBefore">Lines already read before <paramref name="reader"/>'s first character (a scan that resumes mid-file).</param>
    public BoundedLineReader(TextReader reader, long linesBefore = 0)
    {
        _reader = reader;
        LineNumber = linesBefore;
    }

    /// <summary>The 1-based physical line number of the last line returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the last piece returned is cut at <see cref="PieceChars"/>: more of the same line follows.</summary>
    public bool LineContinues => _continuesLine;

    /// <summary>The lines read to their end: a line of which only pieces were read does not count.</summary>
    public long WholeLines => _continuesLine ? LineNumber - 1 : LineNumber;

    public string? ReadLine()
    {
        _line.Clear();
        while (true)
        {
            if (_position == _length)
            {
                _length = _reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0)
                {
                    if (_line.Length == 0)
                    {
                        _continuesLine = false;
                        return null;
                    }

                    return Finish(endsLine: true);
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            var available = _buffer.AsSpan(_position, _length - _position);
            var room = PieceChars - _line.Length;
            var scan = available.Length > room ? available[..room] : available;
            var breakAt = scan.IndexOfAny('\r', '\n');
            if (breakAt >= 0)
            {
                _line.Append(scan[..breakAt]);
                _skipLineFeed = scan[breakAt] == '\r';
                _position += breakAt + 1;
                return Finish(endsLine: true);
            }

            _line.Append(scan);
            _position += scan.Length;
            if (_line.Length >= PieceChars)
            {
                return Finish(endsLine: false);
            }
        }
    }

    private string Finish(bool endsLine)
    {
        if (!_continuesLine)
        {
            LineNumber++;
        }

        _continuesLine = !endsLine;
        return _line.ToString();
    }
}
