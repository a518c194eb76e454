using System.Diagnostics;
using System.Globalization;
using RemediationGen.Logs;
using RemediationGen.Problems;

namespace RemediationGen.Bench;

/// <summary>
/// Where the scanner's time goes on one log, in CPU time of this process (best of 3 runs each): reading and decoding
/// plus the search with a signature that never occurs, then the scan with the rules' signatures (records around
/// hits framed, parsed and allocated, handed to a no-op). The rules' own cost is what diagnose adds to the second.
/// </summary>
internal static class ScanSections
{
    private const int Runs = 3;

    public static void Print(string path)
    {
        var file = new LogFile(path, Server: null, () => File.OpenRead(path));
        var none = LogSignatures.Create(["\u0001 no log holds this \u0001"]);
        var rules = LogSignatures.Create(ProblemSet.Core.Rules.SelectMany(rule => rule.Signatures));
        var bytes = new FileInfo(path).Length;

        var (searchOnly, _) = Best(file, none);
        var (withHits, hits) = Best(file, rules);
        var perHit = hits > 0 ? (withHits - searchOnly).TotalMicroseconds / hits : 0;
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"scan {path}: {bytes / 1048576.0:F0} MiB; read+decode+search {searchOnly.TotalSeconds:F3} s CPU ({bytes / searchOnly.TotalSeconds / 1e6:F0} MB/s); with the rules' signatures {withHits.TotalSeconds:F3} s CPU, {hits} records emitted, {perHit:F2} us each for framing and parsing"));
    }

    private static (TimeSpan Cpu, long Entries) Best(LogFile file, LogSignatures signatures)
    {
        var best = TimeSpan.MaxValue;
        long entries = 0;
        for (var run = 0; run < Runs; run++)
        {
            entries = 0;
            var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            LogFileScanner.Scan(file, signatures, _ => entries++, _ => { });
            process.Refresh();
            var cpu = process.TotalProcessorTime - before;
            best = cpu < best ? cpu : best;
        }

        return (best, entries);
    }
}
