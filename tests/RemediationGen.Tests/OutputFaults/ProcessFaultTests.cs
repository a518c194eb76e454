using RemediationGen.Cli;
using RemediationGen.Packaging;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.OutputFaults;

/// <summary>The real executable killed with -9 at random moments, and several runs on one --out at once.</summary>
public sealed class ProcessFaultTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KillNine_AtRandomMoments_NeverLeavesAPartialSite_AndTheNextRunCleansStaging()
    {
        using var folder = new TempDirectory();
        var facts = ChildRun.ManySitesFacts(folder, 60);
        var output = folder.Combine("out");
        var random = new Random(20261126);

        for (var round = 0; round < 3; round++)
        {
            using var child = ChildRun.Start("generate", "--facts", facts, "--out", output, "--force");
            await UntilStagingAppears(output, child);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 600)));
            child.KillHard();
            await child.WaitAsync(RunTimeout);

            AssertEverySiteIsWhole(output, $"after kill -9 in round {round}");
        }

        using var last = ChildRun.Start("generate", "--facts", facts, "--out", output, "--force");
        Assert.True(await last.WaitAsync(RunTimeout) == ExitCodes.Success, last.Error);

        Assert.Empty(Directory.GetDirectories(output, StagingArea.Prefix + "*"));
        Assert.Equal(60, Directory.GetDirectories(output).Length);
        AssertEverySiteIsWhole(output, "after the last run");
    }

    [Fact]
    public async Task ThreeRunsAtOnce_WithoutForce_ExactlyOneWins_NothingOfTheOthersIsLeft()
    {
        using var folder = new TempDirectory();
        var facts = ChildRun.ManySitesFacts(folder, 20);
        var output = folder.Combine("out");

        var children = Enumerable.Range(0, 3).Select(_ => ChildRun.Start("generate", "--facts", facts, "--out", output)).ToList();
        var codes = await Task.WhenAll(children.Select(c => c.WaitAsync(RunTimeout)));
        var errors = string.Join("\n", children.Select(c => c.Error));
        children.ForEach(c => c.Dispose());

        Assert.True(codes.Order().SequenceEqual([ExitCodes.Success, ExitCodes.OutputConflict, ExitCodes.OutputConflict]), $"exit codes {string.Join(", ", codes)}:\n{errors}");
        Assert.Equal(20, Directory.GetDirectories(output).Length);
        Assert.Empty(Directory.GetDirectories(output, StagingArea.Prefix + "*"));
        AssertEverySiteIsWhole(output, "after three runs at once");
    }

    /// <summary>Waits for the write phase (a staging folder in OUT), so that the kill lands among the writes and moves.</summary>
    private static async Task UntilStagingAppears(string output, ChildRun child)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (DateTime.UtcNow < deadline && !child.HasExited
            && !(Directory.Exists(output) && Directory.EnumerateDirectories(output, StagingArea.Prefix + "*").Any()))
        {
            await Task.Delay(5);
        }
    }

    private static void AssertEverySiteIsWhole(string output, string when)
    {
        if (!Directory.Exists(output))
        {
            return;
        }

        foreach (var site in Directory.GetDirectories(output).Where(d => !Path.GetFileName(d).StartsWith(StagingArea.Prefix, StringComparison.Ordinal)))
        {
            var problems = PackageOwnership.Problems(site);
            Assert.True(problems.Count == 0, $"{when}: {site} is not a whole package: {string.Join(", ", problems)}");
        }
    }
}
