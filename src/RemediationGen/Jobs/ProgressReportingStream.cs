namespace RemediationGen.Jobs;

/// <summary>A read-only pass-through that tells a <see cref="ScanProgressTracker"/> how many bytes went by.</summary>
internal sealed class ProgressReportingStream : Stream
{
    private readonly Stream _inner;
    private readonly ScanProgressTracker _tracker;

    public ProgressReportingStream(Stream inner, ScanProgressTracker tracker)
    {
        _inner = inner;
        _tracker = tracker;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(_inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

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

    private int Counted(int read)
    {
        _tracker.BytesRead(read);
        return read;
    }
}
