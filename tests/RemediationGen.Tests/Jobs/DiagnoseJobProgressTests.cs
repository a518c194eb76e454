using RemediationGen.Jobs;

namespace RemediationGen.Tests.Jobs;

public sealed class DiagnoseJobProgressTests
{
    [Fact]
    public void Run_WithProgress_ReportsEveryFileAndTheBytesRead()
    {
        // Given a progress sink that records synchronously
        var reports = new List<ScanProgress>();
        var progress = new Recorder(reports);

        // When the demo is diagnosed
        var result = DiagnoseJob.Run(new DiagnoseJobOptions(new FactsSource.Demo(), []), TimeProvider.System, progress).Diagnosis;

        // Then each of the 8 demo logs is reported as started, out of 8, and the last count covers every byte of them.
        // Files are scanned in parallel, so reports may arrive in any order: the assertions do not depend on it.
        var demoBytes = RemediationGen.Demo.DemoHierarchy.Logs().Sum(log =>
        {
            using var stream = log.Open();
            return stream.Length;
        });
        Assert.Equal(8, result.FilesRead);
        Assert.Equal(Enumerable.Range(1, 8), reports.Select(r => r.FilesStarted).Distinct().Order());
        Assert.All(reports, r => Assert.Equal(8, r.FilesTotal));
        Assert.Equal(demoBytes, reports.Max(r => r.BytesRead));
    }

    private sealed class Recorder(List<ScanProgress> reports) : IProgress<ScanProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ScanProgress value)
        {
            lock (_gate)
            {
                reports.Add(value);
            }
        }
    }
}
