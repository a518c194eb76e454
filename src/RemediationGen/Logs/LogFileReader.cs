using System.Globalization;
using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// Streams the entries of one log: memory stays bounded whatever the file size. Read failures become
/// <see cref="LogProblem"/>s (the entries read before the failure are kept); nothing here throws for IO reasons.
/// </summary>
internal static class LogFileReader
{
    /// <summary>
    /// Opens a log on disk for reading while ConfigMgr keeps it open for writing (and may roll it over, hence Delete).
    /// A FIFO, a device or a socket is refused (<see cref="NotRegularFileException"/>) rather than read.
    /// </summary>
    public static Stream OpenShared(string path) => RegularFile.OpenShared(path, 64 * 1024);

    /// <summary>
    /// Yields every entry of the file in order; problems (unreadable file, unclosed record) go to <paramref name="reportProblem"/>.
    /// Diagnosis uses <see cref="LogFileScanner"/>, which parses only records that hold a signature; this full reader
    /// is what its tests compare it with, record for record.
    /// </summary>
    public static IEnumerable<LogEntry> Read(LogFile file, Action<LogProblem> reportProblem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(reportProblem);
        return ReadIterator(file, reportProblem, cancellationToken);
    }

    private static IEnumerable<LogEntry> ReadIterator(LogFile file, Action<LogProblem> reportProblem, CancellationToken cancellationToken)
    {
        var reader = TryOpen(file, reportProblem);
        if (reader is null)
        {
            yield break;
        }

        using (reader)
        {
            var lines = new BoundedLineReader(reader);
            var parser = new LogLineParser(file, reportProblem);
            var ready = new List<LogEntry>(2);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = TryReadLine(lines, file, reportProblem, out var failed);
                if (line is null)
                {
                    // A read error ends the file like its end would: an open record is still flushed and reported.
                    parser.Complete(ready, failed);
                }
                else
                {
                    parser.Accept(line, lines.LineNumber, ready, lines.LineContinues);
                }

                foreach (var entry in ready)
                {
                    yield return entry;
                }

                ready.Clear();
                if (line is null || failed)
                {
                    yield break;
                }
            }
        }
    }

    internal static StreamReader? TryOpen(LogFile file, Action<LogProblem> reportProblem) =>
        TryOpen(file, reportProblem, (stream, encoding) => new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: false));

    /// <summary>
    /// As <see cref="TryOpen(LogFile, Action{LogProblem})"/>, for the scan: a UTF-8 file is read by
    /// <see cref="Utf8ScanReader"/>, which gives the same text.
    /// </summary>
    internal static TextReader? TryOpenForScan(LogFile file, Action<LogProblem> reportProblem, int bufferSize) =>
        TryOpen(file, reportProblem, TextReader (stream, encoding) => encoding is UTF8Encoding
            ? new Utf8ScanReader(stream, bufferSize)
            : new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: bufferSize, leaveOpen: false));

    /// <summary>Opens the file, detects its encoding (see <see cref="LogEncodingDetector"/>) and reads it past any byte order mark with the reader <paramref name="create"/> makes.</summary>
    private static TReader? TryOpen<TReader>(LogFile file, Action<LogProblem> reportProblem, Func<Stream, Encoding, TReader> create)
        where TReader : TextReader
    {
        Stream? stream = null;
        try
        {
            stream = file.Open();
            var head = new byte[LogEncodingDetector.SniffLength];
            var headLength = ReadHead(stream, head);
            var (encoding, bomLength) = LogEncodingDetector.Detect(head.AsSpan(0, headLength));
            var replay = new ReplayStream(head, bomLength, headLength, stream);
            return create(replay, encoding);
        }
        catch (NotRegularFileException ex)
        {
            stream?.Dispose();
            reportProblem(new LogProblem(file.DisplayPath, $"is not a regular file ({ex.Message}); it was skipped"));
            return null;
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            stream?.Dispose();
            reportProblem(new LogProblem(file.DisplayPath, Describe("cannot be opened", ex)));
            return null;
        }
    }

    internal static string? TryReadLine(BoundedLineReader lines, LogFile file, Action<LogProblem> reportProblem, out bool failed)
    {
        failed = false;
        try
        {
            return lines.ReadLine();
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            failed = true;
            reportProblem(new LogProblem(
                file.DisplayPath,
                Describe(string.Create(CultureInfo.InvariantCulture, $"could not be read after line {lines.WholeLines}"), ex)));
            return null;
        }
    }

    private static int ReadHead(Stream stream, byte[] head)
    {
        var total = 0;
        while (total < head.Length)
        {
            var read = stream.Read(head, total, head.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    // The failures a file system or a stream factory reports; anything else is a bug and should surface.
    internal static bool IsReadFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException
            or System.Security.SecurityException or DecoderFallbackException;

    internal static string Describe(string what, Exception ex) => $"{what}: {ex.Message}";
}
