using RemediationGen.Jobs;

namespace RemediationGen.Tests.Jobs;

public sealed class ScanProgressTrackerTests
{
    [Fact]
    public void FileStarted_OnSeveralThreadsAtOnce_ReportsEachCountExactlyOnce()
    {
        // Given a tracker and four threads that each open many files as fast as they can, released together
        const int Threads = 4;
        const int FilesPerThread = 20_000;
        var reports = new List<ScanProgress>();
        var gate = new Lock();
        var tracker = new ScanProgressTracker(new Sink(value => { lock (gate) { reports.Add(value); } }), Threads * FilesPerThread);
        using var start = new Barrier(Threads);

        // When they all report file starts concurrently (contention makes a re-read count show up as a duplicate)
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < FilesPerThread; i++)
            {
                tracker.FileStarted();
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        // Then every count from 1 to the total appears exactly once
        Assert.Equal(Enumerable.Range(1, Threads * FilesPerThread), reports.Select(r => r.FilesStarted).Order());
    }

    [Fact]
    public void BytesRead_CrossingTheInterval_ReportsTheTotalThatCrossedIt()
    {
        // Given a tracker with one file started
        var reports = new List<ScanProgress>();
        var tracker = new ScanProgressTracker(new Sink(reports.Add), 1);
        tracker.FileStarted();

        // When bytes arrive below, at, and past the reporting interval
        tracker.BytesRead(1000);
        tracker.BytesRead((int)ScanProgressTracker.ReportEveryBytes - 1000);
        tracker.BytesRead(10);
        tracker.Finished();

        // Then one report at the crossing and the final one carry the totals at those moments
        Assert.Equal(
            [new ScanProgress(1, 1, 0), new ScanProgress(1, 1, ScanProgressTracker.ReportEveryBytes), new ScanProgress(1, 1, ScanProgressTracker.ReportEveryBytes + 10)],
            reports);
    }

    private sealed class Sink(Action<ScanProgress> report) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => report(value);
    }
}
