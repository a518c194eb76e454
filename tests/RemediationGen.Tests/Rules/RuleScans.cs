using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Tests.Rules;

/// <summary>One rule's scan over given records, and a line per finding or rejection so two scans compare as lists.</summary>
internal static class RuleScans
{
    public static RuleScanResult Scan(IDiagnosticRule rule, DiagnosisContext context, IEnumerable<LogEntry> entries)
    {
        var scan = rule.BeginScan(context);
        foreach (var entry in entries)
        {
            scan.Observe(entry);
        }

        return scan.Complete();
    }

    /// <summary>Findings with their evidence, resolution and details, then rejections.</summary>
    public static List<string> Describe(RuleScanResult result) =>
        [.. result.Findings.Select(f => $"{f.RuleId}|{f.SiteCode}|{f.Server}|{f.Severity}|{f.Occurrences}|{f.Summary}|{string.Join(",", f.Evidence.Select(e => e.Line))}|{f.Resolution?.Evidence.Line}|{string.Join(",", f.Details.Select(d => d.Key + "=" + d.Value))}"),
         .. result.Rejected.Select(r => $"rejected|{r.Value}|{r.Evidence.Line}")];
}
