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
    case ["scan", var path] when File.Exists(path):
        ScanSections.Print(path);
        return 0;
    default:
        Console.Error.WriteLine("usage: RemediationGen.Bench signatures | generate DIR MEGABYTES [sparse|dense|prefix-heavy] | scan FILE");
        return 2;
}
