using System.Globalization;
using System.Text;
using RemediationGen.Templates;

namespace RemediationGen.Diagnosis;

/// <summary>
/// <c>diagnose --format markdown</c>: the report for a ticket or a wiki. Every value that comes from a log (server
/// names, messages, file paths) goes through <see cref="MarkdownText.Escape"/>, so a log cannot inject links, HTML or
/// table cells.
/// </summary>
internal static class DiagnosisMarkdown
{
    public static string Format(DiagnosisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append("# RemediationGen diagnosis\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Read {result.FilesRead} log file(s), {result.LinesRead} line(s): {DiagnosisText.Headline(result)}\n");
        if (result.Findings.Count > 0)
        {
            md.Append("\n| # | Severity | Rule | Site | Server | Status | Records |\n|---:|---|---|---|---|---|---:|\n");
            for (var i = 0; i < result.Findings.Count; i++)
            {
                var f = result.Findings[i];
                md.Append(CultureInfo.InvariantCulture, $"| {i + 1} | {f.Severity} | {E(f.RuleId)} | {E(f.SiteCode ?? "?")} | {E(f.Server ?? "(unknown)")} | {DiagnosisText.Status(f)} | {f.Occurrences} |\n");
            }
        }

        for (var i = 0; i < result.Findings.Count; i++)
        {
            AppendFinding(md, i + 1, result.Findings[i]);
        }

        if (result.Rejected.Count > 0)
        {
            md.Append("\n## Not used (failed validation)\n\n| Site | File | Line | Value | Reason |\n|---|---|---:|---|---|\n");
            foreach (var rejected in result.Rejected)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {E(rejected.SiteCode ?? "(unknown)")} | {E(rejected.Evidence.File)} | {rejected.Evidence.Line} | {E(rejected.Value)} | {E(rejected.Reason)} |\n");
            }
        }

        if (result.Problems.Count > 0)
        {
            md.Append("\n## Logs read only in part or not at all\n\n");
            foreach (var problem in result.Problems)
            {
                md.Append(CultureInfo.InvariantCulture, $"- {E(problem.File)}: {E(problem.Reason)}\n");
            }
        }

        return md.ToString();
    }

    private static void AppendFinding(StringBuilder md, int number, Finding finding)
    {
        md.Append(CultureInfo.InvariantCulture, $"\n## {number}. {finding.Severity} {E(finding.RuleId)}: {E(finding.Server ?? "(unknown server)")} (site {E(finding.SiteCode ?? "?")})\n\n");
        md.Append(E(finding.Summary)).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Status:** {DiagnosisText.Status(finding)}\n");
        if (finding.Server is not null && !finding.ServerInFacts)
        {
            md.Append("- **Server in facts:** no\n");
        }

        foreach (var (name, value) in finding.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            md.Append(CultureInfo.InvariantCulture, $"- **{E(name)}:** {E(value)}\n");
        }

        if (finding.Fix is { } fix)
        {
            md.Append(CultureInfo.InvariantCulture, $"- **Fix (generate):** {E(fix)}\n");
        }

        if (finding.Resolution is { } resolution)
        {
            md.Append(CultureInfo.InvariantCulture, $"- **Resolved by:** {E(resolution.Evidence.File)} line {resolution.Evidence.Line}, {E(DiagnosisText.LocalAndUtc(resolution.Evidence))}: {E(resolution.Evidence.Message)}. {E(resolution.Explanation)}\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\nEvidence ({finding.Evidence.Count} of {finding.Occurrences} record(s)):\n\n| File | Line | Local time | UTC | Message |\n|---|---:|---|---|---|\n");
        foreach (var evidence in finding.Evidence)
        {
            var utc = evidence.Time?.ToUtcIsoString() ?? "?";
            md.Append(CultureInfo.InvariantCulture, $"| {E(evidence.File)} | {evidence.Line} | {E(evidence.Time?.ToIsoString() ?? "?")} | {E(utc)} | {E(evidence.Message)} |\n");
        }
    }

    private static string E(string? value) => MarkdownText.Escape(value);
}
