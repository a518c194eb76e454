using System.Diagnostics;
using System.Globalization;
using System.Text;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.OutputFaults;

/// <summary>The real executable in a child process: what kill -9 and several runs at once need.</summary>
internal sealed class ChildRun : IDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "remediationgen.dll");
    private readonly Process _process;
    private readonly StringBuilder _error = new();

    private ChildRun(Process process) => _process = process;

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static ChildRun Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Executable, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var child = new ChildRun(new Process { StartInfo = info });
        child._process.ErrorDataReceived += (_, e) =>
        {
            lock (child._error)
            {
                child._error.AppendLine(e.Data);
            }
        };
        child._process.OutputDataReceived += (_, _) => { };
        child._process.Start();
        child._process.BeginErrorReadLine();
        child._process.BeginOutputReadLine();
        return child;
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no handler runs, no finally block, nothing is cleaned.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>A facts file of <paramref name="count"/> sites (each an MP and a PXE DP): a write that takes a while.</summary>
    public static string ManySitesFacts(TempDirectory folder, int count)
    {
        var sites = Enumerable.Range(0, count).Select(i =>
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + (i / 100))}{i % 100:00}");
            return $$"""{ "siteCode": "{{code}}", "siteServer": "cm.{{code}}.contoso.com", "issuingCertificateList": "AB\\0CD", "managementPoints": [ "mp.{{code}}.contoso.com" ], "distributionPoints": [ { "serverName": "dp.{{code}}.contoso.com", "isPxe": true, "pxePasswordSet": true } ] }""";
        });
        return folder.WriteFile("many.json", $$"""{ "schemaVersion": 1, "sites": [ {{string.Join(",\n", sites)}} ] }""");
    }
}
