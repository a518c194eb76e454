using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RemediationGen.Logs;

/// <summary>
/// Counts line breaks the way <see cref="BoundedLineReader"/> splits lines (CRLF, LF or a lone CR), vectorized and in
/// one pass: the scan counts the lines it skips instead of splitting them, so line numbers stay exact at memory speed.
/// </summary>
internal static class LineBreaks
{
    /// <summary>
    /// Breaks in <paramref name="text"/>: every LF, and every CR not followed by an LF. A CR at the very end counts as
    /// a break: callers cut text after a whole break, never between the CR and the LF of a CRLF.
    /// </summary>
    // ReadyToRun code cannot be used for Vector256 paths, so this would start as unoptimized tier-0 code on the hot
    // path of every scan: compile it fully optimized on first use instead.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Count(ReadOnlySpan<char> text)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        long count = 0;
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(units);
        if (Vector512.IsHardwareAccelerated)
        {
            var cr = Vector512.Create((ushort)'\r');
            var lf = Vector512.Create((ushort)'\n');
            for (; i + Vector512<ushort>.Count < units.Length; i += Vector512<ushort>.Count)
            {
                var current = Vector512.LoadUnsafe(ref start, (nuint)i);
                var next = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
                var breaks = Vector512.Equals(current, lf) | Vector512.AndNot(Vector512.Equals(current, cr), Vector512.Equals(next, lf));
                count += BitOperations.PopCount(breaks.ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var cr = Vector256.Create((ushort)'\r');
            var lf = Vector256.Create((ushort)'\n');
            for (; i + Vector256<ushort>.Count < units.Length; i += Vector256<ushort>.Count)
            {
                var current = Vector256.LoadUnsafe(ref start, (nuint)i);
                var next = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
                var breaks = Vector256.Equals(current, lf) | Vector256.AndNot(Vector256.Equals(current, cr), Vector256.Equals(next, lf));
                count += BitOperations.PopCount(breaks.ExtractMostSignificantBits());
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var cr = Vector128.Create((ushort)'\r');
            var lf = Vector128.Create((ushort)'\n');
            for (; i + Vector128<ushort>.Count < units.Length; i += Vector128<ushort>.Count)
            {
                var current = Vector128.LoadUnsafe(ref start, (nuint)i);
                var next = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
                var breaks = Vector128.Equals(current, lf) | Vector128.AndNot(Vector128.Equals(current, cr), Vector128.Equals(next, lf));
                count += BitOperations.PopCount(breaks.ExtractMostSignificantBits());
            }
        }

        for (; i < units.Length; i++)
        {
            if (units[i] == '\n' || (units[i] == '\r' && (i + 1 == units.Length || units[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The index of the first CR or LF in <paramref name="text"/>, or -1 (see <see cref="CharSearch"/>).</summary>
    public static int IndexOf(ReadOnlySpan<char> text) => CharSearch.IndexOfEither(text, '\r', '\n');

    /// <summary>The index of the last CR or LF in <paramref name="text"/>, or -1 (<c>LastIndexOfAny('\r', '\n')</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int LastIndexOf(ReadOnlySpan<char> text)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        ref var start = ref MemoryMarshal.GetReference(units);
        var i = units.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            var cr = Vector256.Create((ushort)'\r');
            var lf = Vector256.Create((ushort)'\n');
            for (; i >= Vector256<ushort>.Count; i -= Vector256<ushort>.Count)
            {
                var current = Vector256.LoadUnsafe(ref start, (nuint)(i - Vector256<ushort>.Count));
                var breaks = Vector256.Equals(current, lf) | Vector256.Equals(current, cr);
                if (breaks != Vector256<ushort>.Zero)
                {
                    return i - Vector256<ushort>.Count + 31 - BitOperations.LeadingZeroCount(breaks.ExtractMostSignificantBits());
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var cr = Vector128.Create((ushort)'\r');
            var lf = Vector128.Create((ushort)'\n');
            for (; i >= Vector128<ushort>.Count; i -= Vector128<ushort>.Count)
            {
                var current = Vector128.LoadUnsafe(ref start, (nuint)(i - Vector128<ushort>.Count));
                var breaks = Vector128.Equals(current, lf) | Vector128.Equals(current, cr);
                if (breaks != Vector128<ushort>.Zero)
                {
                    return i - Vector128<ushort>.Count + 31 - BitOperations.LeadingZeroCount(breaks.ExtractMostSignificantBits());
                }
            }
        }

        for (i--; i >= 0; i--)
        {
            if (units[i] is '\r' or '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
