using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// Scans several logs at once (one worker per core) and hands their entries back in file order, so rules, which are
/// single-threaded, see exactly what a sequential scan would show them. Each file's entries travel through a bounded
/// queue: a worker that runs ahead of the consumer waits instead of piling entries up, so memory stays bounded even
/// when a signature matches every record. A rule that keeps only the newest of a repeated record gets, per file, only
/// those (<see cref="NewestRecordPerKey"/>), thinned by the scan on the worker, before they are parsed.
/// </summary>
internal sealed class ParallelLogScan : IDisposable
{
    private const int BatchSize = 256;

    // A batch also ends at this many characters of messages: a record may hold a megabyte (a piece of a long line).
    private const int BatchChars = 64 * 1024;
    private const int BatchesInFlightPerFile = 4;

    private readonly IReadOnlyList<LogFile> _files;
    private readonly LogSignatures _signatures;
    private readonly RecordKey? _newestRecordKey;
    private readonly FileSlot[] _slots;
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _workers;
    private int _nextFile = -1;

    /// <param name="newestRecordKey">See <see cref="NewestRecordKeys"/>; null passes every record on.</param>
    public ParallelLogScan(
        IReadOnlyList<LogFile> files,
        LogSignatures signatures,
        RecordKey? newestRecordKey,
        int workers,
        CancellationToken cancellationToken)
    {
        _files = files;
        _signatures = signatures;
        _newestRecordKey = newestRecordKey;
        _slots = files.Select(_ => new FileSlot()).ToArray();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _workers = new Task[Math.Clamp(workers, 1, Math.Max(1, files.Count))];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Yields each file's result in file order; its entries can be read once, as they arrive.</summary>
    public IEnumerable<FileResult> Results()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            yield return new FileResult(_slots[i], _stop.Token);
        }
    }

    public void Dispose()
    {
        // Stop workers that are ahead of a consumer that gave up (an exception or cancellation), then wait for them.
        _stop.Cancel();
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
        {
        }

        foreach (var slot in _slots)
        {
            slot.Batches.Dispose();
        }

        _stop.Dispose();
    }

    private void Work()
    {
        var block = new ScanBlockMemory();
        while (true)
        {
            var index = Interlocked.Increment(ref _nextFile);
            if (index >= _files.Count || _stop.IsCancellationRequested)
            {
                return;
            }

            var slot = _slots[index];
            var batch = new List<LogEntry>(BatchSize);
            var batchChars = 0;
            void Queue(LogEntry entry)
            {
                batch.Add(entry);
                batchChars += entry.Message.Length;
                if (batch.Count == BatchSize || batchChars >= BatchChars)
                {
                    slot.Batches.Add(batch.ToArray(), _stop.Token);
                    batch.Clear();
                    batchChars = 0;
                }
            }

            try
            {
                slot.Outcome = LogFileScanner.Scan(_files[index], _signatures, Queue, slot.Problems.Add, _newestRecordKey, block, _stop.Token);
                if (batch.Count > 0)
                {
                    slot.Batches.Add(batch.ToArray(), _stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A bug while scanning one file surfaces on the consumer's thread, in file order.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                slot.Failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                slot.Batches.CompleteAdding();
            }
        }
    }

    /// <summary>What one worker left for the consumer about one file.</summary>
    internal sealed class FileSlot
    {
        public BlockingCollection<LogEntry[]> Batches { get; } = new(BatchesInFlightPerFile);

        /// <summary>Written by the worker only; read after <see cref="Batches"/> is complete.</summary>
        public List<LogProblem> Problems { get; } = [];

        public LogScanOutcome Outcome { get; set; }

        public ExceptionDispatchInfo? Failure { get; set; }
    }

    /// <summary>One file's result: read <see cref="Entries"/> to the end before <see cref="Problems"/> and <see cref="Outcome"/>.</summary>
    internal sealed class FileResult(FileSlot slot, CancellationToken cancellationToken)
    {
        public IEnumerable<LogEntry> Entries()
        {
            foreach (var batch in slot.Batches.GetConsumingEnumerable(cancellationToken))
            {
                foreach (var entry in batch)
                {
                    yield return entry;
                }
            }

            slot.Failure?.Throw();
        }

        public IReadOnlyList<LogProblem> Problems => slot.Problems;

        public LogScanOutcome Outcome => slot.Outcome;
    }
}
