using System.Globalization;
using RemediationGen.Jobs;

namespace RemediationGen.Cli;

/// <summary>
/// Draws scan progress on one stderr line ("\r" rewrites it), at most every 200 ms, and clears it when done. Reports
/// arrive on the reading thread: drawing happens right there (not posted like <see cref="Progress{T}"/>), so nothing is
/// drawn after the result is printed.
/// </summary>
internal sealed class TerminalProgress : IProgress<ScanProgress>, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly TextWriter _error;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _lastDrawn;
    private int _drawnWidth;

    public TerminalProgress(TextWriter error, TimeProvider time)
    {
        _error = error;
        _time = time;
        _lastDrawn = time.GetTimestamp() - (long)(Interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Only a person watching a terminal wants this; redirected stderr (CI, a file) stays clean.</summary>
    public static bool IsWanted(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    public void Report(ScanProgress value)
    {
        lock (_gate)
        {
            if (_time.GetElapsedTime(_lastDrawn) < Interval)
            {
                return;
            }

            _lastDrawn = _time.GetTimestamp();
            var line = string.Create(CultureInfo.InvariantCulture, $"Scanning logs: {value.FilesStarted}/{value.FilesTotal} file(s), {value.BytesRead / (1024.0 * 1024.0):0.0} MB read");
            _error.Write("\r" + line.PadRight(_drawnWidth));
            _drawnWidth = line.Length;
            _error.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawnWidth > 0)
            {
                _error.Write("\r" + new string(' ', _drawnWidth) + "\r");
                _error.Flush();
                _drawnWidth = 0;
            }
        }
    }
}
