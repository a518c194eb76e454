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
        var result = DiagnoseJob.Run(new DiagnoseJobOptions(new FactsSource.Demo(), []), TimeProvider.System, progress);

        // Then each of the 8 demo logs is reported as started, out of 8, and bytes only grow
        Assert.Equal(8, result.FilesRead);
        Assert.Equal(Enumerable.Range(1, 8), reports.Select(r => r.FilesStarted).Distinct());
        Assert.All(reports, r => Assert.Equal(8, r.FilesTotal));
        Assert.Equal(reports.Select(r => r.BytesRead).Order(), reports.Select(r => r.BytesRead));
    }

    private sealed class Recorder(List<ScanProgress> reports) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => reports.Add(value);
    }
}
