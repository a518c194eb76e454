using System.Text.Json;
using RemediationGen.Facts;
using RemediationGen.Packaging;

namespace RemediationGen.Status;

/// <summary>
/// Joins a status export with the package it came from: per pair and target server (from manifest.json), the
/// outcome, the state and output the export holds, and the findings and evidence the diagnosis had. A target the
/// export does not mention is "not evaluated", so no server goes missing from the report.
/// </summary>
internal static class StatusJob
{
    public static StatusReport Run(string packageFolder, string exportFile)
    {
        var manifest = ReadManifest(packageFolder);
        var rows = StatusExport.Read(exportFile);
        var root = manifest.RootElement;
        var siteCode = root.TryGetProperty("siteCode", out var site) ? site.GetString() ?? string.Empty : string.Empty;
        var findings = root.TryGetProperty("findings", out var list) ? list.EnumerateArray().ToList() : [];
        if (!root.TryGetProperty("pairs", out var pairList) || pairList.ValueKind != JsonValueKind.Array)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{Path.Combine(packageFolder, PackageLayout.ManifestFileName)}: the manifest lists no pairs; give a package folder made by generate.");
        }

        var pairs = new List<PairStatus>();
        var matched = new HashSet<StatusExportRow>();
        foreach (var pair in pairList.EnumerateArray())
        {
            var name = pair.GetProperty("name").GetString()!;
            var fix = pair.TryGetProperty("fix", out var fixName) ? fixName.GetString() ?? name : name;
            var targets = new List<TargetStatus>();
            foreach (var target in pair.GetProperty("targets").EnumerateArray())
            {
                var server = target.GetProperty("server").GetString()!;
                var row = rows.LastOrDefault(r => r.Pair == name && SameDevice(r.Device, server));
                if (row is not null)
                {
                    matched.Add(row);
                }

                var forTarget = findings.Where(f => Text(f, "ruleId") == fix && string.Equals(Text(f, "server"), server, StringComparison.OrdinalIgnoreCase)).ToList();
                targets.Add(Status(server, row, forTarget));
            }

            pairs.Add(new PairStatus(name, targets));
        }

        manifest.Dispose();
        return new StatusReport(siteCode, packageFolder, exportFile, pairs, rows.Count(r => !matched.Contains(r)));
    }

    /// <summary>Intune detection/remediation states and ConfigMgr compliance states, to one outcome.</summary>
    public static TargetOutcome Outcome(StatusExportRow row) => row.Route == "Intune"
        ? (row.DetectionState, row.RemediationState) switch
        {
            ("scriptError", _) or (_, "scriptError") => TargetOutcome.Error,
            ("success", _) => TargetOutcome.Fixed,
            ("fail", "success") => TargetOutcome.Fixed,
            ("fail", _) => TargetOutcome.StillFailing,
            _ => TargetOutcome.NotEvaluated,
        }
        : row.DetectionState switch
        {
            "Compliant" => TargetOutcome.Fixed,
            "NonCompliant" => TargetOutcome.StillFailing,
            "Error" => TargetOutcome.Error,
            _ => TargetOutcome.NotEvaluated,
        };

    private static TargetStatus Status(string server, StatusExportRow? row, List<JsonElement> findings)
    {
        var diagnosis = findings.Select(f => Text(f, "summary")).ToList();
        var evidence = findings
            .SelectMany(f => f.TryGetProperty("evidence", out var items) ? items.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(e => new StatusEvidence(Text(e, "file"), e.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? line.GetInt32() : 0, Text(e, "message")))
            .ToList();
        if (row is null)
        {
            return new TargetStatus(server, TargetOutcome.NotEvaluated, string.Empty, "no report", string.Empty, string.Empty, diagnosis, evidence);
        }

        var outcome = Outcome(row);
        var state = row.RemediationState.Length > 0 ? row.DetectionState + " / " + row.RemediationState : row.DetectionState;
        var output = outcome is TargetOutcome.StillFailing or TargetOutcome.Error
            ? FirstNonEmpty(row.Error, row.PostRemediationOutput, row.PreRemediationOutput)
            : string.Empty;
        return new TargetStatus(server, outcome, row.Route, state, row.LastUpdate, output, diagnosis, evidence);
    }

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? string.Empty;

    /// <summary>ConfigMgr and Intune name a device by its NetBIOS name; the package lists host names.</summary>
    private static bool SameDevice(string device, string server) =>
        string.Equals(device, server, StringComparison.OrdinalIgnoreCase) || string.Equals(device, HostName.ShortName(server), StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static JsonDocument ReadManifest(string packageFolder)
    {
        var path = Path.Combine(packageFolder, PackageLayout.ManifestFileName);
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}: cannot read the package manifest ({ex.Message}); give the package folder (OUT/<SiteCode>).", ex);
        }
        catch (JsonException ex)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}:{(ex.LineNumber ?? 0) + 1}: the package manifest is not valid JSON.", ex);
        }
    }
}
