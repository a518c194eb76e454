using System.Globalization;
using System.Text;

namespace RemediationGen.Diagnosis;

/// <summary>
/// The human-readable form of findings (<c>diagnose --format text</c>): a table of findings, then one block per finding
/// with its explanation, details, evidence (local time and UTC), resolution and fix. Plain text, wrapped at 100
/// columns, the same bytes for the same input.
/// </summary>
internal static class DiagnosisText
{
    private const int MaxEvidenceShown = 5;
    private const int MaxServerWidth = 40;

    public static string Format(DiagnosisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Read {result.FilesRead} log file(s), {result.LinesRead} line(s): ");
        text.Append(Headline(result));
        text.Append('\n');
        if (result.Findings.Count > 0)
        {
            text.Append('\n');
            AppendTable(text, result.Findings);
        }

        for (var i = 0; i < result.Findings.Count; i++)
        {
            text.Append('\n');
            AppendFinding(text, i + 1, result.Findings[i]);
        }

        if (result.Rejected.Count > 0)
        {
            text.Append("\nNot used (failed validation):\n");
            foreach (var rejected in result.Rejected)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {rejected.SiteCode ?? "(site unknown)"}  {rejected.Evidence.File}:{rejected.Evidence.Line}  '{rejected.Value}': {rejected.Reason}\n");
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

    /// <summary>"no findings.", or the count with how many are still open and how many a later record resolved.</summary>
    internal static string Headline(DiagnosisResult result)
    {
        if (result.Findings.Count == 0)
        {
            return "no findings.";
        }

        var resolved = result.Findings.Count - result.UnresolvedCount;
        return resolved == 0
            ? $"{result.Findings.Count} finding(s)."
            : $"{result.Findings.Count} finding(s), {result.UnresolvedCount} open, {resolved} resolved.";
    }

    internal static string Status(Finding finding) => finding.IsResolved ? "resolved" : "open";

    private static void AppendTable(StringBuilder text, IReadOnlyList<Finding> findings)
    {
        string[] header = ["#", "SEVERITY", "RULE", "SITE", "SERVER", "STATUS", "RECORDS"];
        var rows = findings.Select((f, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            f.Severity.ToString().ToUpperInvariant(),
            f.RuleId,
            f.SiteCode ?? "?",
            TextWrap.Cell(f.Server ?? "(unknown)", MaxServerWidth),
            Status(f),
            f.Occurrences.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            var cells = row.Select((cell, c) => c is 0 or 6 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }
    }

    private static void AppendFinding(StringBuilder text, int number, Finding finding)
    {
        var notInFacts = finding.Server is not null && !finding.ServerInFacts ? " (not in facts)" : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"[{number}] {finding.Severity.ToString().ToUpperInvariant()} {finding.RuleId}  site {finding.SiteCode ?? "?"}  server {finding.Server ?? "(unknown)"}{notInFacts}  {Status(finding)}\n");
        TextWrap.AppendWrapped(text, finding.Summary, "    ");
        if (finding.Details.Count > 0)
        {
            var details = string.Join(", ", finding.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
            TextWrap.AppendWrapped(text, "Details: " + details, "    ");
        }

        text.Append("    Evidence:\n");
        foreach (var evidence in finding.Evidence.Take(MaxEvidenceShown))
        {
            AppendEvidence(text, evidence);
        }

        if (finding.Occurrences > MaxEvidenceShown)
        {
            text.Append(CultureInfo.InvariantCulture, $"      ... {finding.Occurrences - MaxEvidenceShown} more record(s); --format json lists up to {Finding.MaxEvidence}.\n");
        }

        if (finding.Resolution is { } resolution)
        {
            text.Append("    Resolved by:\n");
            AppendEvidence(text, resolution.Evidence);
            TextWrap.AppendWrapped(text, resolution.Explanation, "      ");
        }

        if (finding.Fix is { } fix)
        {
            TextWrap.AppendWrapped(text, "Fix (generate): " + fix, "    ");
        }
    }

    private static void AppendEvidence(StringBuilder text, Evidence evidence)
    {
        text.Append(CultureInfo.InvariantCulture, $"      {evidence.File}:{evidence.Line}  {LocalAndUtc(evidence)}\n");
        TextWrap.AppendWrapped(text, Shortened(evidence.Message), "        ");
    }

    internal static string LocalAndUtc(Evidence evidence) => evidence.Time switch
    {
        null => "(no time)",
        { Utc: not null } time => $"{time.ToIsoString()} (UTC {time.ToUtcIsoString()})",
        { } time => $"{time.ToIsoString()} (no bias: UTC unknown)",
    };

    private static string Shortened(string message)
    {
        var line = TextWrap.OneLine(message);
        return line.Length <= 300 ? line : line[..297] + "...";
    }
}
