namespace RemediationGen.Logs;

/// <summary>
/// Gives back bytes already read (to sniff the encoding) before the rest of the inner stream, so sniffing works on
/// streams that cannot seek (embedded resources, pipes) without reading the whole file into memory.
/// </summary>
internal sealed class ReplayStream : Stream
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream _inner;
    private int _prefixPosition;

    public ReplayStream(byte[] prefix, int prefixStart, int prefixLength, Stream inner)
    {
        _prefix = prefix;
        _prefixPosition = prefixStart;
        _prefixLength = prefixLength;
        _inner = inner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPosition < _prefixLength)
        {
            var count = Math.Min(buffer.Length, _prefixLength - _prefixPosition);
            _prefix.AsSpan(_prefixPosition, count).CopyTo(buffer);
            _prefixPosition += count;
            return count;
        }

        return _inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
