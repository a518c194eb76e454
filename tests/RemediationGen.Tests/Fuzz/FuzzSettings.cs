using System.Globalization;

namespace RemediationGen.Tests.Fuzz;

/// <summary>
/// How much a fuzz suite runs, from the environment: <c>FUZZ_SEED</c> (the first case's seed; case i has seed+i),
/// <c>FUZZ_CASES</c> (cases per suite), or <c>FUZZ_MINUTES</c> (a time budget shared by the three suites, as
/// bench/fuzz.sh sets it). <c>FUZZ_REPORT</c> names a file each suite appends its counts to. Replay a failure with the
/// seed it prints: <c>FUZZ_SEED=n FUZZ_CASES=1 dotnet test --filter Category=Fuzz</c>.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultSeed = 20261126;

    public static int FirstSeed => Number("FUZZ_SEED") ?? DefaultSeed;

    /// <summary>The seeds of this run's cases: a fixed count, or as many as fit in this suite's share of the budget.</summary>
    public static IEnumerable<int> Seeds(int defaultCases)
    {
        var first = FirstSeed;
        if (Environment.GetEnvironmentVariable("FUZZ_MINUTES") is { Length: > 0 } minutes
            && double.TryParse(minutes, NumberStyles.Float, CultureInfo.InvariantCulture, out var total))
        {
            var stop = DateTime.UtcNow + TimeSpan.FromMinutes(total / 3);
            for (var i = 0; DateTime.UtcNow < stop; i++)
            {
                yield return unchecked(first + i);
            }

            yield break;
        }

        var cases = Number("FUZZ_CASES") ?? defaultCases;
        for (var i = 0; i < cases; i++)
        {
            yield return unchecked(first + i);
        }
    }

    public static string Replay(int seed, string suite) =>
        $"replay: FUZZ_SEED={seed} FUZZ_CASES=1 dotnet test --filter \"FullyQualifiedName~{suite}\"";

    public static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
