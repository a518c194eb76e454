using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RemediationGen.Logs;

/// <summary>
/// What the scan says about text it skips: NUL characters mean binary data; U+FFFD in a UTF-8 file means bytes that
/// are not UTF-8. Each is reported once per file, with the line where it first occurs. A UTF-8 file's reader
/// (<paramref name="utf8Reader"/>; null for any other file) tells when it has given neither: then nothing is searched.
/// </summary>
internal sealed class ContentCheck(LogFile file, Utf8ScanReader? utf8Reader, Action<LogProblem> reportProblem)
{
    private bool _reportedBinary;
    private bool _reportedInvalidUtf8;

    /// <summary>Checks <paramref name="region"/>, which starts at the start of line <paramref name="firstLine"/>.</summary>
    public void Check(ReadOnlySpan<char> region, long firstLine)
    {
        var isUtf8 = utf8Reader is not null;
        if (utf8Reader is { HasGivenNulOrReplacement: false }
            || (_reportedBinary && (_reportedInvalidUtf8 || !isUtf8))
            || IndexOfNulOrReplacement(region) < 0)
        {
            return;
        }

        if (!_reportedBinary && region.IndexOf('\0') is var nul and >= 0)
        {
            _reportedBinary = true;
            reportProblem(new LogProblem(
                file.DisplayPath,
                string.Create(CultureInfo.InvariantCulture, $"holds binary data (NUL characters) from line {firstLine + LineBreaks.Count(region[..nul])}; it was read as text")));
        }

        if (isUtf8 && !_reportedInvalidUtf8 && region.IndexOf('\uFFFD') is var bad and >= 0)
        {
            _reportedInvalidUtf8 = true;
            reportProblem(new LogProblem(
                file.DisplayPath,
                string.Create(CultureInfo.InvariantCulture, $"holds bytes that are not valid UTF-8 from line {firstLine + LineBreaks.Count(region[..bad])}; they were read as U+FFFD")));
        }
    }

    /// <summary>
    /// <c>IndexOfAny('\0', '\uFFFD')</c>: this reads every character the scan skips, so it is compiled fully
    /// optimized on first use rather than run as the library's ahead-of-time code until tiering catches up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int IndexOfNulOrReplacement(ReadOnlySpan<char> text)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        ref var start = ref MemoryMarshal.GetReference(units);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var replacement = Vector512.Create((ushort)0xFFFD);
            for (; i + Vector512<ushort>.Count <= units.Length; i += Vector512<ushort>.Count)
            {
                var current = Vector512.LoadUnsafe(ref start, (nuint)i);
                var found = Vector512.Equals(current, Vector512<ushort>.Zero) | Vector512.Equals(current, replacement);
                if (found != Vector512<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(found.ExtractMostSignificantBits());
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var replacement = Vector256.Create((ushort)0xFFFD);
            for (; i + Vector256<ushort>.Count <= units.Length; i += Vector256<ushort>.Count)
            {
                var current = Vector256.LoadUnsafe(ref start, (nuint)i);
                var found = Vector256.Equals(current, Vector256<ushort>.Zero) | Vector256.Equals(current, replacement);
                if (found != Vector256<ushort>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(found.ExtractMostSignificantBits());
                }
            }
        }

        for (; i < units.Length; i++)
        {
            if (units[i] is 0 or 0xFFFD)
            {
                return i;
            }
        }

        return -1;
    }
}
