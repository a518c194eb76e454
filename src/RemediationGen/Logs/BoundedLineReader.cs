using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// Reads lines (CRLF, LF or CR) like <see cref="TextReader.ReadLine"/>, but never holds more than
/// <see cref="MaxLineChars"/> characters: a longer physical line comes back in pieces that share its line number,
/// so a file without line breaks cannot exhaust memory.
/// </summary>
internal sealed class BoundedLineReader
{
    public const int MaxLineChars = 1024 * 1024;

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

    /// <summary>Whether the last piece returned is cut at <see cref="MaxLineChars"/>: more of the same line follows.</summary>
    public bool LineContinues => _continuesLine;

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
            var room = MaxLineChars - _line.Length;
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
            if (_line.Length >= MaxLineChars)
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
