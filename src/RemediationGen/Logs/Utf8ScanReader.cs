using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace RemediationGen.Logs;

/// <summary>
/// Decodes a UTF-8 log for the scan exactly as <see cref="StreamReader"/> with a non-throwing UTF-8 encoding would
/// (each maximal invalid subsequence becomes one U+FFFD), widening runs of ASCII, nearly all of a log, with its own
/// vectorized loop: that loop is compiled fully optimized on first use, where the library's decoder runs as
/// ahead-of-time code for much of a short run, until tiered compilation replaces it. Other bytes go to
/// <see cref="Utf8.ToUtf16(ReadOnlySpan{byte}, Span{char}, out int, out int, bool, bool)"/>. The scan's reads also
/// take the search's byte per character (<see cref="Read(Span{char}, Span{byte})"/>): for ASCII, the bytes read.
/// </summary>
internal sealed class Utf8ScanReader(Stream stream, int bufferSize) : TextReader
{
    private readonly byte[] _bytes = new byte[Math.Max(bufferSize, 16)];

    // The bytes read and not yet decoded lie in [_start, _end); those of a sequence cut by the read wait for the rest.
    private int _start;
    private int _end;
    private bool _endOfStream;

    // Characters decoded and not yet handed out, first in _waiting[0]: the second of a surrogate pair that found room
    // for one, and a character peeked at.
    private readonly char[] _waiting = new char[2];
    private int _waitingCount;

    // Where a caller of Read(Span<char>) does not want the narrowed bytes, they go here and are dropped.
    private byte[]? _droppedBytes;

    /// <summary>Whether any text given so far holds a NUL or a U+FFFD (see <see cref="ContentCheck"/>); set before it is given.</summary>
    public bool HasGivenNulOrReplacement { get; private set; }

    public override int Peek()
    {
        if (_waitingCount == 0)
        {
            Span<char> one = stackalloc char[1];
            Span<byte> oneByte = stackalloc byte[1];
            if (Decode(one, oneByte) == 0)
            {
                return -1;
            }

            // Decoding it may have left the second of its pair waiting: the character peeked at goes first.
            _waiting[1] = _waiting[0];
            _waiting[0] = one[0];
            _waitingCount++;
        }

        return _waiting[0];
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        _droppedBytes ??= new byte[Math.Min(_bytes.Length, 4096)];
        var read = 0;
        while (read < buffer.Length)
        {
            var chunk = Read(buffer.Slice(read, Math.Min(buffer.Length - read, _droppedBytes.Length)), _droppedBytes);
            read += chunk;
            if (chunk == 0)
            {
                break;
            }
        }

        return read;
    }

    /// <summary>
    /// As <see cref="Read(Span{char})"/>, giving for each character read its byte (see <see cref="AsciiNarrowing"/>)
    /// in <paramref name="narrow"/>, which has room for as many as <paramref name="buffer"/>: the bytes of ASCII are
    /// at hand while it is widened.
    /// </summary>
    public int Read(Span<char> buffer, Span<byte> narrow)
    {
        if (narrow.Length < buffer.Length)
        {
            throw new ArgumentException("The bytes have less room than the buffer has characters.", nameof(narrow));
        }

        var written = 0;
        while (_waitingCount > 0 && written < buffer.Length)
        {
            narrow[written] = AsciiNarrowing.Of(_waiting[0]);
            buffer[written++] = _waiting[0];
            _waiting[0] = _waiting[1];
            _waitingCount--;
        }

        return written + Decode(buffer[written..], narrow[written..]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stream.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The ASCII bytes at the start of <paramref name="source"/>, widened into <paramref name="destination"/> and
    /// copied into <paramref name="narrow"/> as far as they have room; returns how many, and whether a NUL was among them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int WidenAscii(ReadOnlySpan<byte> source, Span<char> destination, Span<byte> narrow, out bool hadNul)
    {
        var length = Math.Min(source.Length, Math.Min(destination.Length, narrow.Length));
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(destination));
        ref var copy = ref MemoryMarshal.GetReference(narrow);
        var i = 0;
        hadNul = false;
        if (Vector512.IsHardwareAccelerated)
        {
            var nul = Vector512<byte>.Zero;
            for (; i + Vector512<byte>.Count <= length; i += Vector512<byte>.Count)
            {
                var bytes = Vector512.LoadUnsafe(ref from, (nuint)i);
                if (bytes.ExtractMostSignificantBits() != 0)
                {
                    break;
                }

                nul |= Vector512.Equals(bytes, Vector512<byte>.Zero);
                bytes.StoreUnsafe(ref copy, (nuint)i);
                var (lower, upper) = Vector512.Widen(bytes);
                lower.StoreUnsafe(ref to, (nuint)i);
                upper.StoreUnsafe(ref to, (nuint)(i + Vector512<ushort>.Count));
            }

            hadNul = nul != Vector512<byte>.Zero;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var nul = Vector256<byte>.Zero;
            for (; i + Vector256<byte>.Count <= length; i += Vector256<byte>.Count)
            {
                var bytes = Vector256.LoadUnsafe(ref from, (nuint)i);
                if (bytes.ExtractMostSignificantBits() != 0)
                {
                    break;
                }

                nul |= Vector256.Equals(bytes, Vector256<byte>.Zero);
                bytes.StoreUnsafe(ref copy, (nuint)i);
                var (lower, upper) = Vector256.Widen(bytes);
                lower.StoreUnsafe(ref to, (nuint)i);
                upper.StoreUnsafe(ref to, (nuint)(i + Vector256<ushort>.Count));
            }

            hadNul = nul != Vector256<byte>.Zero;
        }

        for (; i < length; i++)
        {
            var b = Unsafe.Add(ref from, i);
            if (b > 0x7F)
            {
                break;
            }

            hadNul |= b == 0;
            Unsafe.Add(ref to, i) = b;
            Unsafe.Add(ref copy, i) = b;
        }

        return i;
    }

    /// <summary>Decodes into <paramref name="buffer"/> (and <paramref name="narrow"/>) until it is full or the file ends; returns the characters written.</summary>
    private int Decode(Span<char> buffer, Span<byte> narrow)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_start == _end)
            {
                if (_endOfStream)
                {
                    break;
                }

                ReadMore();
                continue;
            }

            var widened = WidenAscii(_bytes.AsSpan(_start, _end - _start), buffer[written..], narrow[written..], out var widenedNul);
            HasGivenNulOrReplacement |= widenedNul;
            _start += widened;
            written += widened;
            if (_start < _end && written < buffer.Length)
            {
                var other = DecodeOther(buffer[written..]);
                narrow.Slice(written, other).Fill(AsciiNarrowing.NotAscii);
                written += other;
            }
        }

        return written;
    }

    /// <summary>
    /// Decodes what comes before the next ASCII byte (no sequence is cut there: an ASCII byte ends any) into
    /// <paramref name="destination"/>, not empty; returns the characters written. A sequence cut by the end of the
    /// bytes read waits for the next read, or at the end of the file is replaced, as a streaming decoder does.
    /// </summary>
    private int DecodeOther(Span<char> destination)
    {
        var rest = _bytes.AsSpan(_start, _end - _start);
        var ascii = rest.IndexOfAnyInRange((byte)0, (byte)0x7F);
        var window = ascii < 0 ? rest : rest[..ascii];
        var isFinalBlock = ascii >= 0 || _endOfStream;
        var status = Utf8.ToUtf16(window, destination, out var bytesRead, out var charsWritten, replaceInvalidSequences: true, isFinalBlock);
        _start += bytesRead;
        HasGivenNulOrReplacement |= destination[..charsWritten].Contains('\uFFFD');
        if (status == OperationStatus.NeedMoreData)
        {
            ReadMore();
        }
        else if (status == OperationStatus.DestinationTooSmall && charsWritten == 0)
        {
            // Room for one character, and a surrogate pair next: the second waits.
            Span<char> pair = stackalloc char[2];
            Utf8.ToUtf16(window[bytesRead..], pair, out var pairBytes, out var pairChars, replaceInvalidSequences: true, isFinalBlock);
            _start += pairBytes;
            HasGivenNulOrReplacement |= pair[..pairChars].Contains('\uFFFD');
            destination[0] = pair[0];
            if (pairChars > 1)
            {
                _waiting[_waitingCount++] = pair[1];
            }

            return 1;
        }

        return charsWritten;
    }

    private void ReadMore()
    {
        if (_start > 0)
        {
            _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
            _end -= _start;
            _start = 0;
        }

        var read = stream.Read(_bytes, _end, _bytes.Length - _end);
        _endOfStream = read == 0;
        _end += read;
    }
}
