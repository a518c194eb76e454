using System.Globalization;

namespace RemediationGen.Tests.Fuzz;

/// <summary>
/// The process's peak resident memory on Linux: VmHWM in /proc/self/status, reset by writing 5 to
/// /proc/self/clear_refs. Elsewhere (or without the right to reset it) measuring is off and <see cref="IsAvailable"/> false.
/// </summary>
internal static class PeakMemory
{
    public static bool IsAvailable { get; } = TryReset();

    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long CurrentBytes() => Read("VmRSS:");

    public static long PeakBytes() => Read("VmHWM:");

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
