using System.Security.Cryptography;
using System.Text.Json;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>
/// <c>manifest.json</c>: the tool and version, the inputs and their digest, the templates used (embedded or the
/// user's, with hashes), the findings, each pair's targets with their evidence, the notes, and every other file of
/// the package with its SHA-256. Written last, so it can list every file.
/// </summary>
internal sealed class PackageManifest(TemplateCatalog catalog, string toolVersion)
{
    public string Write(PackageInputs inputs, IReadOnlyList<RenderedFile> files)
    {
        return JsonOptions.Text(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("tool", PackageLayout.ToolName);
            writer.WriteString("toolVersion", toolVersion);
            writer.WriteNumber("manifestVersion", 1);
            writer.WriteString("siteCode", inputs.Site.SiteCode);
            writer.WriteStartObject("inputs");
            writer.WriteString("facts", inputs.Facts.Origin);
            writer.WriteString("factsCollectedAt", inputs.Facts.CollectedAt is { } collectedAt ? IsoTime.Utc(collectedAt) : null);
            writer.WriteString("targets", inputs.Targets.ToString().ToLowerInvariant());
            writer.WriteNumber("logFilesRead", inputs.Diagnosis.FilesRead);
            writer.WriteString("digestSha256", InputDigest(inputs));
            writer.WriteEndObject();
            writer.WriteStartArray("templates");
            foreach (var template in catalog.Names.Select(catalog.Get))
            {
                writer.WriteStartObject();
                writer.WriteString("name", template.Name + TemplateCatalog.Extension);
                writer.WriteString("origin", template.Origin);
                writer.WriteString("sha256", template.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            DiagnosisJson.WriteFindings(writer, "findings", inputs.SiteFindings);
            DiagnosisJson.WriteRejected(writer, inputs.SiteRejected);
            writer.WriteStartArray("pairs");
            foreach (var plan in inputs.Plans)
            {
                WritePair(writer, plan);
            }

            writer.WriteEndArray();
            writer.WriteStringArray("notes", inputs.Notes.Concat(inputs.Facts.Warnings));
            writer.WriteStartArray("files");
            foreach (var file in files)
            {
                writer.WriteStartObject();
                writer.WriteString("path", file.RelativePath);
                writer.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(file.Content)));
                writer.WriteNumber("bytes", file.Content.Length);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }) + "\n";
    }

    private static void WritePair(Utf8JsonWriter writer, FixPlan plan)
    {
        writer.WriteStartObject();
        writer.WriteString("name", plan.PairName);
        writer.WriteString("fix", plan.FixId);
        writer.WriteString("intuneDisplayName", IntuneHealthScriptBody.DisplayName(plan));
        writer.WriteStartArray("targets");
        foreach (var target in plan.Targets)
        {
            writer.WriteStartObject();
            writer.WriteString("server", target.Server);
            writer.WriteStringArray("roles", target.Roles);
            writer.WriteBoolean("inFacts", target.InFacts);
            writer.WriteString("reason", target.Reason);
            writer.WriteStartArray("evidence");
            foreach (var evidence in target.Findings.SelectMany(f => f.Evidence))
            {
                writer.WriteStartObject();
                writer.WriteString("file", evidence.File);
                writer.WriteNumber("line", evidence.Line);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// SHA-256 of a canonical JSON (fixed field order, lists in the order they take effect) of everything that decides
    /// the package's bytes: the site facts and the facts warnings, the site's findings, the rejected values, every
    /// option (each fix writes its own section, see <see cref="IFixOptions.WriteDigest"/>), whether logs were read, and the templates.
    /// </summary>
    private string InputDigest(PackageInputs inputs)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("site");
            FactsFileWriter.WriteSite(writer, inputs.Site);
            writer.WriteStringArray("factsWarnings", inputs.Facts.Warnings);
            DiagnosisJson.WriteFindings(writer, "findings", inputs.SiteFindings);
            DiagnosisJson.WriteRejected(writer, inputs.SiteRejected);
            writer.WriteBoolean("logsRead", inputs.LogsRead);
            writer.WriteString("targets", inputs.Targets.ToString());
            inputs.FixOptions.WriteDigest(writer);
            writer.WriteStringArray("templates", catalog.Names.Select(name => catalog.Get(name).Sha256));
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }

}
