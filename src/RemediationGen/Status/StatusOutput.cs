using System.Text;
using RemediationGen.Templates;

namespace RemediationGen.Status;

/// <summary>The status report as text (one line per target, failures with their output and evidence), JSON or Markdown.</summary>
internal static class StatusOutput
{
    public static string Label(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Fixed => "fixed",
        TargetOutcome.StillFailing => "still failing",
        TargetOutcome.Error => "error",
        _ => "not evaluated",
    };

    public static string Counts(PairStatus pair) =>
        $"{pair.Count(TargetOutcome.Fixed)} fixed, {pair.Count(TargetOutcome.StillFailing)} still failing, {pair.Count(TargetOutcome.Error)} error, {pair.Count(TargetOutcome.NotEvaluated)} not evaluated";

    public static IEnumerable<string> TextLines(StatusReport report)
    {
        yield return $"Status of site {report.SiteCode}'s package from {PrintableText.Escape(report.ExportFile)}";
        foreach (var pair in report.Pairs)
        {
            yield return $"{pair.Pair}: {Counts(pair)}";
            foreach (var target in pair.Targets)
            {
                var route = target.Route.Length > 0 ? $" ({target.Route} {PrintableText.Escape(target.State)}{(target.LastUpdate.Length > 0 ? ", " + PrintableText.Escape(target.LastUpdate) : string.Empty)})" : string.Empty;
                yield return $"  {target.Server}: {Label(target.Outcome)}{route}";
                if (target.Outcome is not (TargetOutcome.StillFailing or TargetOutcome.Error))
                {
                    continue;
                }

                if (target.Output.Length > 0)
                {
                    yield return $"    output: {PrintableText.Escape(target.Output, 2048)}";
                }

                foreach (var summary in target.Diagnosis)
                {
                    yield return $"    diagnosis: {PrintableText.Escape(summary, 2000)}";
                }

                foreach (var evidence in target.Evidence)
                {
                    yield return $"    evidence: {PrintableText.Escape(evidence.File)}:{evidence.Line}: {PrintableText.Escape(evidence.Message, 2000)}";
                }
            }
        }

        if (report.ExportRowsNotTargets > 0)
        {
            yield return $"{report.ExportRowsNotTargets} row(s) of the export are for devices or pairs that are not targets of this package; they are not counted.";
        }
    }

    public static string Json(StatusReport report) => JsonOptions.Text(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("siteCode", report.SiteCode);
        writer.WriteString("export", report.ExportFile);
        writer.WriteStartArray("pairs");
        foreach (var pair in report.Pairs)
        {
            writer.WriteStartObject();
            writer.WriteString("pair", pair.Pair);
            foreach (var outcome in Enum.GetValues<TargetOutcome>())
            {
                writer.WriteNumber(JsonName(outcome), pair.Count(outcome));
            }

            writer.WriteStartArray("targets");
            foreach (var target in pair.Targets)
            {
                writer.WriteStartObject();
                writer.WriteString("server", target.Server);
                writer.WriteString("outcome", JsonName(target.Outcome));
                writer.WriteString("route", target.Route);
                writer.WriteString("state", target.State);
                writer.WriteString("lastUpdate", target.LastUpdate);
                writer.WriteString("output", target.Output);
                writer.WriteStringArray("diagnosis", target.Diagnosis);
                writer.WriteStartArray("evidence");
                foreach (var evidence in target.Evidence)
                {
                    writer.WriteStartObject();
                    writer.WriteString("file", evidence.File);
                    writer.WriteNumber("line", evidence.Line);
                    writer.WriteString("message", evidence.Message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("exportRowsNotTargets", report.ExportRowsNotTargets);
        writer.WriteEndObject();
    });

    public static string Markdown(StatusReport report)
    {
        var text = new StringBuilder();
        text.Append("# Remediation status, site ").Append(MarkdownText.Escape(report.SiteCode)).Append("\n\n");
        text.Append("From `").Append(MarkdownText.CodeSpan(report.ExportFile, inTableRow: false)).Append("`.\n");
        foreach (var pair in report.Pairs)
        {
            text.Append("\n## ").Append(MarkdownText.Escape(pair.Pair)).Append("\n\n").Append(Counts(pair)).Append(".\n\n");
            text.Append("| Server | Outcome | Route | State | Last update | Output |\n|---|---|---|---|---|---|\n");
            foreach (var target in pair.Targets)
            {
                text.Append("| ").Append(MarkdownText.Escape(target.Server))
                    .Append(" | ").Append(Label(target.Outcome))
                    .Append(" | ").Append(MarkdownText.Escape(target.Route))
                    .Append(" | ").Append(MarkdownText.Escape(target.State))
                    .Append(" | ").Append(MarkdownText.Escape(target.LastUpdate))
                    .Append(" | ").Append(MarkdownText.Escape(target.Output)).Append(" |\n");
            }

            foreach (var target in pair.Targets.Where(t => t.Outcome is TargetOutcome.StillFailing or TargetOutcome.Error && (t.Diagnosis.Count > 0 || t.Evidence.Count > 0)))
            {
                text.Append("\nWhat the diagnosis had for ").Append(MarkdownText.Escape(target.Server)).Append(":\n\n");
                foreach (var summary in target.Diagnosis)
                {
                    text.Append("- ").Append(MarkdownText.Escape(summary)).Append('\n');
                }

                foreach (var evidence in target.Evidence)
                {
                    text.Append("- ").Append(MarkdownText.Escape(evidence.File)).Append(':').Append(evidence.Line).Append(": ").Append(MarkdownText.Escape(evidence.Message)).Append('\n');
                }
            }
        }

        if (report.ExportRowsNotTargets > 0)
        {
            text.Append('\n').Append(report.ExportRowsNotTargets).Append(" row(s) of the export are for devices or pairs that are not targets of this package; they are not counted.\n");
        }

        return text.ToString();
    }

    private static string JsonName(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Fixed => "fixed",
        TargetOutcome.StillFailing => "stillFailing",
        TargetOutcome.Error => "error",
        _ => "notEvaluated",
    };
}
