namespace RemediationGen.Jobs;

/// <summary>How far a diagnose scan is: logs opened so far out of all logs found, and bytes read from them.</summary>
internal readonly record struct ScanProgress(int FilesStarted, int FilesTotal, long BytesRead);

/// <summary>
/// Counts what the log reader takes from each file and reports it: on every file opened and every
/// <see cref="ReportEveryBytes"/> read. Safe when several files are read at once. Reporting is the caller's business
/// (the CLI draws it on a terminal's stderr only), so the core never writes to a console.
/// </summary>
internal sealed class ScanProgressTracker
{
    public const long ReportEveryBytes = 4 * 1024 * 1024;

    private readonly IProgress<ScanProgress> _progress;
    private readonly int _filesTotal;
    private int _filesStarted;
    private long _bytesRead;
    private long _nextReport = ReportEveryBytes;

    public ScanProgressTracker(IProgress<ScanProgress> progress, int filesTotal)
    {
        _progress = progress;
        _filesTotal = filesTotal;
    }

    public void FileStarted()
    {
        // Report the count this call produced, not a re-read: two files opening at once must report 1 and 2, not 2 twice.
        var started = Interlocked.Increment(ref _filesStarted);
        Report(started, Interlocked.Read(ref _bytesRead));
    }

    public void BytesRead(int count)
    {
        var total = Interlocked.Add(ref _bytesRead, count);
        var next = Interlocked.Read(ref _nextReport);
        if (total >= next && Interlocked.CompareExchange(ref _nextReport, total + ReportEveryBytes, next) == next)
        {
            Report(Volatile.Read(ref _filesStarted), total);
        }
    }

    /// <summary>The last report: every byte read, so a display can end at 100%.</summary>
    public void Finished() => Report(Volatile.Read(ref _filesStarted), Interlocked.Read(ref _bytesRead));

    private void Report(int filesStarted, long bytesRead) =>
        _progress.Report(new ScanProgress(filesStarted, _filesTotal, bytesRead));
}
