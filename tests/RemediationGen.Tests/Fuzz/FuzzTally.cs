using System.Globalization;

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
}
