using RemediationGen.Bench;
using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems;
using RemediationGen.Tests.Rules;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// The bench's three profiles (bench/logs.sh --profile), at 4 MiB: the scan emits exactly the full reader's records
/// that hold a signature, and every rule finds the same with those records as with all of them.
/// </summary>
public sealed class SyntheticProfileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("sparse")]
    [InlineData("dense")]
    [InlineData("prefix-heavy")]
    public void ScanAndRules_OnAProfile_MatchTheFullReader(string profile)
    {
        // Given a small log set of the profile
        SyntheticLogSet.Write(_temp.Path, 4L * 1024 * 1024, profile);
        var discovery = LogDiscovery.Discover([_temp.Path], TestFacts.TwoSites);
        var signatures = TestLogs.CoreSignatures;
        var all = new List<LogEntry>();
        var perFile = new List<List<LogEntry>>();

        foreach (var file in discovery.Files)
        {
            // When each file is scanned and read in full
            var scanned = new List<LogEntry>();
            var problems = new List<LogProblem>();
            LogFileScanner.Scan(file, signatures, scanned.Add, problems.Add);
            var full = TestLogs.ReadAll(file);
            all.AddRange(full.Entries);
            perFile.Add(full.Entries);

            // Then the scan emits the full reader's records that hold a signature, with the same problems
            Assert.Equal(full.Entries.Where(signatures.Matches), scanned);
            Assert.Equal(full.Problems, problems);

            // And, with the engine's key, exactly the reader's records thinned as the engine thins them
            var thinned = new List<LogEntry>();
            var thinnedProblems = new List<LogProblem>();
            LogFileScanner.Scan(file, signatures, thinned.Add, thinnedProblems.Add, TestLogs.CoreKeyFor(signatures));
            Assert.Equal(NewestRecordPerKeyTests.Thin([full.Entries.Where(signatures.Matches)]), thinned);
            Assert.Equal(full.Problems, thinnedProblems);
        }

        // And each rule finds the same when shown only the records that hold one of its signatures
        var context = new DiagnosisContext(TestFacts.TwoSites);
        foreach (var rule in ProblemSet.Core.Rules)
        {
            var filtered = all.Where(e => rule.Signatures.Any(s => e.Message.Contains(s, StringComparison.OrdinalIgnoreCase)));
            Assert.Equal(RuleScans.Describe(RuleScans.Scan(rule, context, all)), RuleScans.Describe(RuleScans.Scan(rule, context, filtered)));
        }

        // And the same with those records thinned to the newest per key, as the engine passes them on
        NewestRecordPerKeyTests.AssertSameFindings(perFile);

        if (profile == "dense")
        {
            Assert.True(all.Count(signatures.Matches) * 100 / all.Count is >= 12 and <= 18, "about 15% of dense records hold a signature");

            // Every dense hit is a validation in a DP's folder: one of them per file and thumbprint goes on
            var hits = all.Where(signatures.Matches).ToList();
            Assert.All(hits, hit => Assert.StartsWith("Begin validation of Certificate [Thumbprint ", hit.Message, StringComparison.Ordinal));
            Assert.Equal(
                hits.Select(hit => (hit.File.DisplayPath, hit.Message[..84])).Distinct().Count(),
                NewestRecordPerKeyTests.Thin(perFile.Select(records => records.Where(signatures.Matches))).Count);
        }
    }
}
