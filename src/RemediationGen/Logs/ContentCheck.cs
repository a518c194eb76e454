using System.Globalization;

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

    /// <summary>The first NUL or U+FFFD in <paramref name="text"/>, or -1 (see <see cref="CharSearch"/>).</summary>
    internal static int IndexOfNulOrReplacement(ReadOnlySpan<char> text) => CharSearch.IndexOfEither(text, '\0', '\uFFFD');
}
