using System.Globalization;
using RemediationGen.Bench;
using RemediationGen.Problems;

// bench/logs.sh drives this: "signatures" prints every rule's literal signatures (one a line, for grep -f);
// "generate DIR MEGABYTES [PROFILE]" writes a synthetic log set of about that size (profiles: see SyntheticLogSet);
// "scan FILE" splits the scanner's CPU time on one log (see ScanSections).
switch (args)
{
    case ["signatures"]:
        foreach (var signature in ProblemSet.Core.Rules.SelectMany(rule => rule.Signatures).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Console.Out.WriteLine(signature);
        }

        return 0;
    case ["generate", var folder, var megabytes] when long.TryParse(megabytes, NumberStyles.None, CultureInfo.InvariantCulture, out var size):
        var written = SyntheticLogSet.Write(folder, size * 1024 * 1024);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {written / (1024 * 1024)} MiB under {folder}"));
        return 0;
    case ["generate", var folder, var megabytes, var profile] when long.TryParse(megabytes, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
        && profile is "sparse" or "dense" or "prefix-heavy":
        var profileWritten = SyntheticLogSet.Write(folder, size * 1024 * 1024, profile);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {profileWritten / (1024 * 1024)} MiB of the {profile} profile under {folder}"));
        return 0;
    case ["loop", var path, var n]:
        {
            var file = new RemediationGen.Logs.LogFile(path, Server: "dp01.contoso.com", () => File.OpenRead(path));
            var rules = RemediationGen.Logs.LogSignatures.Create(ProblemSet.Core.Rules.SelectMany(rule => rule.Signatures));
            var keyOf = RemediationGen.Diagnosis.NewestRecordKeys.Of(ProblemSet.Core.Rules)!;
            for (var i = 0; i < int.Parse(n, CultureInfo.InvariantCulture); i++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                long entries = 0;
                RemediationGen.Logs.LogFileScanner.Scan(file, rules, _ => entries++, _ => { }, i % 2 == 0 && args.Length > 0 ? keyOf : keyOf);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i} {sw.Elapsed.TotalMilliseconds:F1} ms {entries}"));
            }
        }

        return 0;
    case ["attrs"]:
        {
            var textString = "<time=\"00:00:01.472+360\" date=\"11-20-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"1003\" file=\"smspxe.cpp:184\">"; var text = textString.AsSpan();
            var cache = new RemediationGen.Logs.RecordKeyCache<string>();
            var msgs = Enumerable.Range(0, 3000).Select(i => $"Begin validation of Certificate [Thumbprint 5E0C1B2A3D4F{i:D4}9A8B7C6D5E4F3A2B1C0D9E8F] issued to 'dp01.contoso.com'").ToArray();
            foreach (var m in msgs) cache.Add(m, "SMSPXE", m, m.Length);
            var lines = msgs.Select(m => "<![LOG[" + m + "]LOG]!>" + textString).ToArray();
            var rnd = new Random(1);
            var order = Enumerable.Range(0, 1 << 20).Select(_ => rnd.Next(3000)).ToArray();
            for (var round = 0; round < 5; round++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var n = 0;
                for (var i = 0; i < 1_000_000; i++) { n += RemediationGen.Logs.CmTraceAttributes.Parse(text).Component.Length; }
                var parse = sw.Elapsed.TotalNanoseconds / 1e6;
                sw.Restart();
                for (var i = 0; i < 1_000_000; i++) { var line = lines[order[i]]; var msg = line.AsSpan(7, line.Length - 7 - 8 - text.Length); n += cache.TryGet(msg, "SMSPXE", out var k) ? k!.Length : 0; }
                var get = sw.Elapsed.TotalNanoseconds / 1e6;
                sw.Restart();
                for (var i = 0; i < 1_000_000; i++) { var line = lines[order[i]]; n += RemediationGen.Logs.LogLineParser.TrySplitSingleRecordLine(line, out var mm, out var aa) ? mm.Length : 0; }
                var split = sw.Elapsed.TotalNanoseconds / 1e6;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse {parse:F1} ns, cache get {get:F1} ns, split {split:F1} ns ({n})"));
            }
        }

        return 0;
    case ["scan", var path] when File.Exists(path):
        ScanSections.Print(path);
        return 0;
    default:
        Console.Error.WriteLine("usage: RemediationGen.Bench signatures | generate DIR MEGABYTES [sparse|dense|prefix-heavy] | scan FILE");
        return 2;
}
