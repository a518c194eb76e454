using System.Diagnostics;
using System.Globalization;
using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems;

namespace RemediationGen.Bench;

/// <summary>
/// Where the scanner's time goes on one log, in CPU time of this process (best of 3 runs each): reading and decoding
/// plus the search with a signature that never occurs, then the scan with the rules' signatures (records around
/// hits framed, parsed and allocated, handed to a no-op), then the whole diagnosis of that one file in process (the
/// scan, the thinning of repeated records, the queue and the rules), warm: what each record that holds a signature
/// costs end to end, without start-up and compilation.
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
        var keyOf = NewestRecordKeys.Of(ProblemSet.Core.Rules, rules)!;
        var (withThinning, passedOn) = Best(file, rules, keyOf);
        var diagnosis = BestDiagnosis(path);
        var perHitToRules = hits > 0 ? (diagnosis - searchOnly).TotalMicroseconds / hits : 0;
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"scan {path}: {bytes / 1048576.0:F0} MiB; read+decode+search {searchOnly.TotalSeconds:F3} s CPU ({bytes / searchOnly.TotalSeconds / 1e6:F0} MB/s); with the rules' signatures {withHits.TotalSeconds:F3} s CPU, {hits} records emitted, {perHit:F2} us each for framing and parsing; thinned by key {withThinning.TotalSeconds:F3} s CPU, {passedOn} passed on; diagnosis in process {diagnosis.TotalSeconds:F3} s CPU, {perHitToRules:F2} us per record end to end"));
    }

    private static TimeSpan BestDiagnosis(string path)
    {
        var discovery = LogDiscovery.Discover([path], facts: null);
        var diagnoser = new Diagnoser(ProblemSet.Core.Rules);
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < Runs; run++)
        {
            var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            diagnoser.Run(discovery.Files, new DiagnosisContext(null), discovery.Problems);
            process.Refresh();
            var cpu = process.TotalProcessorTime - before;
            best = cpu < best ? cpu : best;
        }

        return best;
    }

    private static (TimeSpan Cpu, long Entries) Best(LogFile file, LogSignatures signatures, RecordKey? keyOf = null)
    {
        var best = TimeSpan.MaxValue;
        long entries = 0;
        for (var run = 0; run < Runs; run++)
        {
            entries = 0;
            var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            if (keyOf is null)
            {
                LogFileScanner.Scan(file, signatures, _ => entries++, _ => { });
            }
            else
            {
                LogFileScanner.Scan(file, signatures, _ => entries++, _ => { }, keyOf);
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime - before;
            best = cpu < best ? cpu : best;
        }

        return (best, entries);
    }
}
