using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RemediationGen.Logs;

/// <summary>
/// A byte per character of text, for the search's first stage (<see cref="AnchorFilter"/>), which looks at 64 bytes
/// where it would look at 32 characters: an ASCII character as itself, any other as <see cref="NotAscii"/>. The
/// filter's anchors are ASCII, and so are line breaks, so it finds the same candidates and counts the same breaks.
/// <see cref="Utf8ScanReader"/> gives these bytes for the text it decodes; other text is narrowed here.
/// </summary>
internal static class AsciiNarrowing
{
    /// <summary>The byte for a character outside ASCII: neither in an anchor nor a line break.</summary>
    public const byte NotAscii = 0x80;

    /// <summary>Narrows <paramref name="text"/> into <paramref name="bytes"/>, which has room for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Narrow(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        if (bytes.Length < text.Length)
        {
            throw new ArgumentException("The bytes have less room than the text has characters.", nameof(bytes));
        }

        ref var from = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var to = ref MemoryMarshal.GetReference(bytes);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var notAscii = Vector512.Create((ushort)NotAscii);
            for (; i + Vector512<byte>.Count <= text.Length; i += Vector512<byte>.Count)
            {
                var lower = Vector512.Min(Vector512.LoadUnsafe(ref from, (nuint)i), notAscii);
                var upper = Vector512.Min(Vector512.LoadUnsafe(ref from, (nuint)(i + Vector512<ushort>.Count)), notAscii);
                Vector512.Narrow(lower, upper).StoreUnsafe(ref to, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var notAscii = Vector256.Create((ushort)NotAscii);
            for (; i + Vector256<byte>.Count <= text.Length; i += Vector256<byte>.Count)
            {
                var lower = Vector256.Min(Vector256.LoadUnsafe(ref from, (nuint)i), notAscii);
                var upper = Vector256.Min(Vector256.LoadUnsafe(ref from, (nuint)(i + Vector256<ushort>.Count)), notAscii);
                Vector256.Narrow(lower, upper).StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < text.Length; i++)
        {
            Unsafe.Add(ref to, i) = Of(text[i]);
        }
    }

    /// <summary>The byte for one character.</summary>
    public static byte Of(char c) => c < NotAscii ? (byte)c : NotAscii;
}
