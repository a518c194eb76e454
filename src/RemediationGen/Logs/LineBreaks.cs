using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RemediationGen.Logs;

/// <summary>
/// Counts line breaks the way <see cref="BoundedLineReader"/> splits lines (CRLF, LF or a lone CR), vectorized:
/// the scan counts the lines it skips instead of splitting them, so line numbers stay exact at memory speed.
/// </summary>
internal static class LineBreaks
{
    /// <summary>
    /// Breaks in <paramref name="text"/>. A CR at the very end counts as a break: callers cut text after a whole
    /// break, never between the CR and the LF of a CRLF.
    /// </summary>
    public static long Count(ReadOnlySpan<char> text)
    {
        var lineFeeds = text.Count('\n');
        var carriageReturns = text.Count('\r');
        return carriageReturns == 0 ? lineFeeds : lineFeeds + carriageReturns - CountCrLf(text);
    }

    private static int CountCrLf(ReadOnlySpan<char> text)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        var count = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var cr = Vector128.Create((ushort)'\r');
            var lf = Vector128.Create((ushort)'\n');
            ref var start = ref MemoryMarshal.GetReference(units);
            for (; i + Vector128<ushort>.Count < units.Length; i += Vector128<ushort>.Count)
            {
                var current = Vector128.LoadUnsafe(ref start, (nuint)i);
                var next = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
                var pairs = Vector128.Equals(current, cr) & Vector128.Equals(next, lf);
                count += BitOperations.PopCount(pairs.ExtractMostSignificantBits());
            }
        }

        for (; i + 1 < units.Length; i++)
        {
            if (units[i] == '\r' && units[i + 1] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
