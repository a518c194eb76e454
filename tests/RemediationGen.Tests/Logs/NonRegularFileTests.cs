using System.Diagnostics;
using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>Issue 10 item 3: only regular files are read; a FIFO or a device named *.log is reported and skipped, never waited on.</summary>
public sealed class NonRegularFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("remediationgen-nonregular-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Diagnose_FifoAndLinksToDevices_AreSkippedAndTheRegularLogIsStillRead()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // FIFOs and /dev/zero are Linux's; Windows log folders hold neither.
        }

        // Given a folder with a FIFO, links to /dev/zero and /dev/urandom, all named *.log, and one real log
        MakeFifo(Path.Combine(_folder, "a-fifo.log"));
        File.CreateSymbolicLink(Path.Combine(_folder, "b-zero.log"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(_folder, "c-random.log"), "/dev/urandom");
        File.WriteAllText(Path.Combine(_folder, "d-real.log"), "needle\r\n");

        // When the folder is discovered and diagnosed, under a timeout
        var discovery = LogDiscovery.Discover([_folder], null);
        // (a TimeoutException here means the scan hung on a file that is not a regular file)
        var result = await Task.Run(() => new Diagnoser([new NeedleRule()]).Run(discovery.Files, new DiagnosisContext(null), discovery.Problems))
            .WaitAsync(TimeSpan.FromSeconds(20));

        // Then each is reported as not a regular file and skipped, and the real log is read
        Assert.Equal(
            [
                ("a-fifo.log", "is not a regular file (a FIFO); it was skipped"),
                ("b-zero.log", "is not a regular file (a character device); it was skipped"),
                ("c-random.log", "is not a regular file (a character device); it was skipped"),
            ],
            result.Problems.Select(p => (Path.GetFileName(p.File), p.Reason)));
        Assert.Equal(1, result.FilesRead);
        Assert.Equal(1, result.LinesRead);
    }

    [Fact]
    public async Task Scan_FifoNamedDirectly_IsReportedWithoutBlocking()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Given a FIFO given as a file path (no writer ever opens it)
        var fifo = Path.Combine(_folder, "SMSPXE.log");
        MakeFifo(fifo);
        var log = Assert.Single(LogDiscovery.Discover([fifo], null).Files);

        // When it is scanned, under a timeout
        var problems = new List<LogProblem>();
        var outcome = await Task.Run(() => LogFileScanner.Scan(log, LogSignatures.Create(["needle"]), _ => { }, problems.Add))
            .WaitAsync(TimeSpan.FromSeconds(20));

        // Then it is not opened and says why
        Assert.False(outcome.Opened);
        Assert.Equal("is not a regular file (a FIFO); it was skipped", Assert.Single(problems).Reason);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>Finds "needle" lines, to show the real log is read.</summary>
    private sealed class NeedleRule : IDiagnosticRule
    {
        public ProblemDescriptor Problem { get; } = new("Needle", "Needle", null, Severity.Warning, "Finds needles.", "None.", 0);

        public IReadOnlyList<string> Signatures => ["needle"];

        public IRuleScan BeginScan(DiagnosisContext context) => new Scan();

        private sealed class Scan : IRuleScan
        {
            public void Observe(LogEntry entry)
            {
            }

            public RuleScanResult Complete() => new([], []);
        }
    }
}
