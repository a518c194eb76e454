using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Logs;
using RemediationGen.Problems;

namespace RemediationGen.Tests.Rules;

/// <summary>Runs the rules of the catalog over fixture folders or in-memory logs, for rule tests.</summary>
internal static class RuleRun
{
    public static DiagnosisResult Folder(string folder, HierarchyFacts? facts)
    {
        var discovery = LogDiscovery.Discover([folder], facts);
        return new Diagnoser(ProblemSet.Core.Rules).Run(discovery.Files, new DiagnosisContext(facts), discovery.Problems);
    }

    public static DiagnosisResult Files(IReadOnlyList<LogFile> files, HierarchyFacts? facts) =>
        new Diagnoser(ProblemSet.Core.Rules).Run(files, new DiagnosisContext(facts), []);

    public static List<Finding> Of(this DiagnosisResult result, string ruleId) =>
        [.. result.Findings.Where(f => f.RuleId == ruleId)];

    public static string Tail(string displayPath)
    {
        var parts = displayPath.Replace('\\', '/').Split('/');
        return $"{parts[^2]}/{parts[^1]}";
    }
}
