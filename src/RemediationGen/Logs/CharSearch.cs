using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RemediationGen.Logs;

/// <summary>
/// <c>IndexOfAny(first, second)</c> for the scan's searches of every character it reads (line breaks; NUL and U+FFFD):
/// compiled fully optimized on first use, where the library's search runs as ahead-of-time code for much of a short
/// run, until tiered compilation replaces it.
/// </summary>
internal static class CharSearch
{
    /// <summary>The index of the first <paramref name="first"/> or <paramref name="second"/> in <paramref name="text"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfEither(ReadOnlySpan<char> text, char first, char second)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        ref var start = ref MemoryMarshal.GetReference(units);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (one, other) = (Vector512.Create((ushort)first), Vector512.Create((ushort)second));
            for (; i + Vector512<ushort>.Count <= units.Length; i += Vector512<ushort>.Count)
            {
                var current = Vector512.LoadUnsafe(ref start, (nuint)i);
                var found = Vector512.Equals(current, one) | Vector512.Equals(current, other);
                if (found != Vector512<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(found.ExtractMostSignificantBits());
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var (one, other) = (Vector256.Create((ushort)first), Vector256.Create((ushort)second));
            for (; i + Vector256<ushort>.Count <= units.Length; i += Vector256<ushort>.Count)
            {
                var current = Vector256.LoadUnsafe(ref start, (nuint)i);
                var found = Vector256.Equals(current, one) | Vector256.Equals(current, other);
                if (found != Vector256<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(found.ExtractMostSignificantBits());
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var (one, other) = (Vector128.Create((ushort)first), Vector128.Create((ushort)second));
            for (; i + Vector128<ushort>.Count <= units.Length; i += Vector128<ushort>.Count)
            {
                var current = Vector128.LoadUnsafe(ref start, (nuint)i);
                var found = Vector128.Equals(current, one) | Vector128.Equals(current, other);
                if (found != Vector128<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(found.ExtractMostSignificantBits());
                }
            }
        }

        for (; i < units.Length; i++)
        {
            if (units[i] == first || units[i] == second)
            {
                return i;
            }
        }

        return -1;
    }
}
