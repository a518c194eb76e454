using System.Globalization;
using Xunit.Abstractions;

namespace RemediationGen.Tests.Fuzz;

/// <summary>Counts of one suite's runs, by exit code, for the test log and bench/fuzz.sh's report.</summary>
internal sealed class FuzzTally(string suite)
{
    private readonly SortedDictionary<int, int> _byExitCode = [];

    public int Runs { get; private set; }

    public int ScriptsParsed { get; set; }

    public void Add(int exitCode)
    {
        Runs++;
        _byExitCode[exitCode] = _byExitCode.GetValueOrDefault(exitCode) + 1;
    }

    /// <summary>Crashes, hangs, partial outputs and leaks are always 0 here: any of them fails the suite first.</summary>
    public string Summary(int firstSeed, string extra = "") =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{suite}: seed {firstSeed}, {Runs} runs, exit codes {string.Join(" ", _byExitCode.Select(p => $"{p.Key}:{p.Value}"))}, {ScriptsParsed} scripts parsed, crashes 0, hangs 0, partial outputs 0, leaks 0{extra}");

    /// <summary>Runs <paramref name="runCase"/> once for each seed of this run (FUZZ_SEED, FUZZ_CASES), one after another.</summary>
    public async Task RunSeeds(int defaultCases, Func<int, FuzzTally, Task> runCase)
    {
        foreach (var seed in FuzzSettings.Seeds(defaultCases))
        {
            await runCase(seed, this);
        }
    }

    /// <summary>Writes the summary to the test log and to bench/fuzz.sh's report.</summary>
    public void Publish(ITestOutputHelper log, string extra = "")
    {
        var summary = Summary(FuzzSettings.FirstSeed, extra);
        log.WriteLine(summary);
        FuzzSettings.Report(summary);
    }
}
