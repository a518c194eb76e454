using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// Issue 10 item 4: peak memory of <c>remediationgen diagnose</c> on single-line logs, measured in a child process
/// (VmHWM from /proc, Linux only) so that no other test's allocations count.
/// </summary>
public sealed class LogMemoryTests : IDisposable
{
    private const long MaxPeakBytes = 100L * 1024 * 1024;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Diagnose_SingleLineCmTraceAndSiteServerLogs_StaysUnder100MiBAndCountsEveryRecord()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // VmHWM is Linux's
        }

        // Given a 20 MB CMTrace log and a 20 MB site-server log, each one line of records with a signature
        const string cmTrace = "<![LOG[PXE::MP_GetList failed; 0x80092002]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2026\" component=\"SMSPXE\" context=\"\" type=\"3\" thread=\"7\">";
        const string siteServer = "Failed to get the copy of Security registry key on server dp02.contoso.com (0x80070005)  $$<SMS_CERTIFICATE_MANAGER><11-20-2026 10:00:00.000+360><thread=1 (0x1)>";
        var cmTraceRecords = WriteOneLine("logs/dp01.contoso.com/SMSPXE.log", cmTrace);
        var siteServerRecords = WriteOneLine("logs/cm01.contoso.com/CertMgr.log", siteServer);

        // When diagnose runs on them in a child process
        var (exitCode, json, peak) = await RunDiagnose(_temp.Combine("logs"));

        // Then it finds both, counting every record, and its peak memory stays under 100 MiB
        Assert.Equal(1, exitCode);
        var occurrences = JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("occurrences").GetInt32()).Order().ToList();
        Assert.Equal(new[] { cmTraceRecords, siteServerRecords }.Order(), occurrences);
        Assert.True(peak <= MaxPeakBytes, string.Create(CultureInfo.InvariantCulture, $"peak {peak / (1024 * 1024)} MiB"));
    }

    private int WriteOneLine(string relativePath, string record)
    {
        var count = (20 * 1000 * 1000) / record.Length;
        _temp.WriteFile(relativePath, new StringBuilder(record.Length * count).Insert(0, record, count).ToString());
        return count;
    }

    private static async Task<(int ExitCode, string Json, long PeakBytes)> RunDiagnose(string logs)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "remediationgen.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "diagnose", "--logs", logs, "--format", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResident(process.Id));
            await Task.Delay(10, timeout.Token);
        }

        await process.WaitForExitAsync(timeout.Token);
        Assert.True(peak > 0, "no VmHWM was read: " + await errors);
        return (process.ExitCode, await output, peak);
    }

    /// <summary>VmHWM (peak resident set) of a running process, in bytes; 0 once it is gone.</summary>
    private static long PeakResident(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
