using System.Text.Json;

namespace RemediationGen.Diagnosis;

/// <summary>
/// The machine-readable form of findings: <c>diagnose --format json</c> and the package manifest both use it, so
/// the shape is a contract (documented in README "Findings JSON").
/// </summary>
internal static class DiagnosisJson
{
    public static string Serialize(DiagnosisResult result)
    {
        return JsonOptions.Text(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("filesRead", result.FilesRead);
            writer.WriteNumber("linesRead", result.LinesRead);
            WriteFindings(writer, "findings", result.Findings);
            WriteRejected(writer, result.Rejected);
            writer.WriteStartArray("problems");
            foreach (var problem in result.Problems)
            {
                writer.WriteStartObject();
                writer.WriteString("file", problem.File);
                writer.WriteString("reason", problem.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }) + "\n";
    }

    public static void WriteFindings(Utf8JsonWriter writer, string propertyName, IEnumerable<Finding> findings)
    {
        writer.WriteStartArray(propertyName);
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", finding.RuleId);
            writer.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
            writer.WriteString("site", finding.SiteCode);
            writer.WriteString("server", finding.Server);
            writer.WriteBoolean("serverInFacts", finding.ServerInFacts);
            writer.WriteString("summary", finding.Summary);
            writer.WriteString("fix", finding.Fix);
            writer.WriteBoolean("resolved", finding.IsResolved);
            writer.WritePropertyName("resolution");
            if (finding.Resolution is { } resolution)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("evidence");
                WriteEvidence(writer, resolution.Evidence);
                writer.WriteString("explanation", resolution.Explanation);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStartObject("details");
            foreach (var (name, value) in finding.Details.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteNumber("occurrences", finding.Occurrences);
            writer.WriteStartArray("evidence");
            foreach (var evidence in finding.Evidence)
            {
                WriteEvidence(writer, evidence);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteRejected(Utf8JsonWriter writer, IEnumerable<RejectedEvidence> rejected)
    {
        writer.WriteStartArray("rejected");
        foreach (var item in rejected)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", item.RuleId);
            writer.WriteString("site", item.SiteCode);
            writer.WriteString("value", item.Value);
            writer.WriteString("reason", item.Reason);
            writer.WritePropertyName("evidence");
            WriteEvidence(writer, item.Evidence);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteEvidence(Utf8JsonWriter writer, Evidence evidence)
    {
        writer.WriteStartObject();
        writer.WriteString("file", evidence.File);
        writer.WriteNumber("line", evidence.Line);
        writer.WriteString("timestamp", evidence.Time?.ToIsoString());
        writer.WriteString("utc", evidence.Time?.ToUtcIsoString());
        writer.WriteString("component", evidence.Component);
        writer.WriteString("message", evidence.Message);
        writer.WriteEndObject();
    }
}
