using RemediationGen.Tests.Support;
using Xunit.Abstractions;

namespace RemediationGen.Tests.Fuzz;

/// <summary>
/// Mutated demo logs (both layouts, encodings, odd records) through <c>diagnose</c> and <c>generate</c>: a documented
/// exit code within the timeout, never 70; the peak memory of a run stays under a bound; a successful generate writes
/// scripts PowerShell parses without error.
/// </summary>
[Collection(FuzzRunsAlone.Name)]
[Trait("Category", "Fuzz")]
public sealed class LogFuzzTests(ITestOutputHelper log)
{
    /// <summary>The fuzzed logs are at most a few MiB: a run that needs more than this above its start has a leak.</summary>
    private const long MemoryBound = 200L * 1024 * 1024;

    private static readonly string DemoLogs = Path.Combine(Repository.Root, "src", "RemediationGen", "Demo", "logs");
    private static readonly string DemoFacts = Path.Combine(Repository.Root, "src", "RemediationGen", "Demo", "facts.json");

    [Fact]
    public async Task MutatedLogs_KeepEveryPromise()
    {
        var tally = new FuzzTally("logs");
        long worstGrowth = 0;
        foreach (var seed in FuzzSettings.Seeds(defaultCases: 80))
        {
            worstGrowth = Math.Max(worstGrowth, await RunCase(seed, tally));
        }

        tally.Publish(log, PeakMemory.IsAvailable ? $", worst peak memory growth {worstGrowth / (1024 * 1024)} MiB (bound {MemoryBound / (1024 * 1024)} MiB)" : ", peak memory not measured here");
    }

    private static async Task<long> RunCase(int seed, FuzzTally tally)
    {
        var random = new Random(seed);
        using var folder = new TempDirectory();
        var logs = folder.Combine("logs");
        CopyFolder(DemoLogs, logs);
        var mutations = string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => LogMutator.Mutate(logs, random)));
        var replay = $"mutations: {mutations}\n{FuzzSettings.Replay(seed, nameof(LogFuzzTests))}";

        var before = PeakMemory.IsAvailable && PeakMemory.TryReset() ? PeakMemory.CurrentBytes() : 0;
        var diagnose = await FuzzCli.Run(["diagnose", "--logs", logs, "--facts", DemoFacts, "--format", random.Next(2) == 0 ? "json" : "text"], replay);
        tally.Add(diagnose.ExitCode);
        var growth = PeakMemory.IsAvailable ? PeakMemory.PeakBytes() - before : 0;
        Assert.True(growth < MemoryBound, $"peak memory grew by {growth / (1024 * 1024)} MiB\n{replay}");
        Assert.True(diagnose.ExitCode is 0 or 1 or 2, $"diagnose exited {diagnose.ExitCode}: {diagnose.Error}\n{replay}");

        if (random.Next(3) == 0)
        {
            var output = folder.Combine("out");
            var generate = await FuzzCli.Run(["generate", "--facts", DemoFacts, "--logs", logs, "--out", output], replay);
            tally.Add(generate.ExitCode);
            if (generate.ExitCode == 0 && Directory.Exists(output))
            {
                var scripts = ScriptCommands.Below(output);
                foreach (var (path, script) in scripts)
                {
                    Assert.True(script.Errors.Count == 0, $"{path}: {string.Join("; ", script.Errors)}\n{replay}");
                }

                tally.ScriptsParsed += scripts.Count;
            }
            else
            {
                Assert.False(Directory.Exists(output), $"exit {generate.ExitCode} left '{output}' behind\n{replay}");
            }
        }

        return growth;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
