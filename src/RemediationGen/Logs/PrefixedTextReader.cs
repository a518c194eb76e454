namespace RemediationGen.Logs;

/// <summary>Gives back characters already decoded before the rest of <paramref name="inner"/>: lets a scan hand a file over mid-way.</summary>
internal sealed class PrefixedTextReader(char[] prefix, int start, int end, TextReader inner) : TextReader
{
    private int _position = start;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_position < end)
        {
            var count = Math.Min(buffer.Length, end - _position);
            prefix.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        return inner.Read(buffer);
    }

    public override int Peek() => _position < end ? prefix[_position] : inner.Peek();

    public override int Read() => _position < end ? prefix[_position++] : inner.Read();
}
