using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems;
using RemediationGen.Tests.Logs;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Rules;

/// <summary>
/// The fast engine skips every record that holds none of a rule's signatures: a rule must find exactly the same
/// things when it is shown only the records that hold one (recovery and thread-correlation lines included).
/// </summary>
public sealed class RuleSignatureContractTests
{
    public static TheoryData<string> FixtureFolders => [.. Directory
        .EnumerateDirectories(Repository.Fixtures("logs"))
        .SelectMany(rule => Directory.EnumerateDirectories(rule))
        .Select(folder => Path.GetRelativePath(Repository.Root, folder).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FixtureFolders))]
    public void Rules_ShownOnlySignatureRecords_FindTheSame(string folder)
    {
        // Given every fixture record, and the same records filtered by each rule's signatures
        var discovery = LogDiscovery.Discover([Path.Combine(Repository.Root, folder)], TestFacts.TwoSites);
        var entries = discovery.Files.SelectMany(file => TestLogs.ReadAll(file).Entries).ToList();
        var context = new DiagnosisContext(TestFacts.TwoSites);

        foreach (var rule in ProblemSet.Core.Rules)
        {
            // When the rule sees all of them, then only those holding a signature
            var all = RuleScans.Scan(rule, context, entries);
            var filtered = RuleScans.Scan(rule, context, entries.Where(e => rule.Signatures.Any(s => e.Message.Contains(s, StringComparison.OrdinalIgnoreCase))));

            // Then findings, evidence, resolutions and rejections are the same
            Assert.Equal(RuleScans.Describe(all), RuleScans.Describe(filtered));
        }
    }
}
