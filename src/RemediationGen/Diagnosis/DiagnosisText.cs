using System.Globalization;
using System.Text;

namespace RemediationGen.Diagnosis;

/// <summary>The human-readable form of findings (<c>diagnose --format text</c>): one block per finding, evidence indented.</summary>
public static class DiagnosisText
{
    private const int MaxEvidenceShown = 5;

    public static string Format(DiagnosisResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Read {result.FilesRead} log file(s), {result.EntriesRead} line(s): ");
        text.Append(result.Findings.Count == 0 ? "no findings." : $"{result.Findings.Count} finding(s).");
        text.Append('\n');
        foreach (var finding in result.Findings)
        {
            text.Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"{finding.Severity.ToString().ToUpperInvariant()} {finding.RuleId}  site {finding.SiteCode ?? "?"}  server {finding.Server ?? "(unknown)"}{(finding.Server is not null && !finding.ServerInFacts ? " (not in facts)" : string.Empty)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  {finding.Summary}\n");
            foreach (var evidence in finding.Evidence.Take(MaxEvidenceShown))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {evidence.File}:{evidence.Line}  {evidence.Time?.ToIsoString() ?? "(no time)"}  {OneLine(evidence.Message)}\n");
            }

            if (finding.Occurrences > MaxEvidenceShown)
            {
                text.Append(CultureInfo.InvariantCulture, $"  ... {finding.Occurrences - MaxEvidenceShown} more record(s); --format json lists up to {Finding.MaxEvidence}.\n");
            }
        }

        if (result.Rejected.Count > 0)
        {
            text.Append("\nNot used (not a valid host name):\n");
            foreach (var rejected in result.Rejected)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {rejected.Evidence.File}:{rejected.Evidence.Line}  '{rejected.Value}': {rejected.Reason}\n");
            }
        }

        if (result.Problems.Count > 0)
        {
            text.Append("\nLogs read only in part or not at all:\n");
            foreach (var problem in result.Problems)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {problem.File}: {problem.Reason}\n");
            }
        }

        return text.ToString();
    }

    private static string OneLine(string message)
    {
        var line = message.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
