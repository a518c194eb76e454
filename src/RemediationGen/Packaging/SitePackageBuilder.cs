using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Fixes;
using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>
/// Lays out one site's package in memory:
/// <c>README.md</c>, <c>manifest.json</c>, <c>targets/&lt;Pair&gt;.txt</c>,
/// <c>intune/&lt;Pair&gt;/{detect.ps1, remediate.ps1, deviceHealthScript.json}</c>,
/// <c>configmgr/&lt;Pair&gt;/{discovery.ps1, remediation.ps1}</c>, <c>configmgr/Import-ConfigMgrBaseline.ps1</c> and,
/// for fixes that have them, <c>site/&lt;Pair&gt;/</c> (runbooks, renewal kits). A detection-only pair has no remediation files.
/// </summary>
internal sealed class SitePackageBuilder(TemplateRenderer renderer, string toolVersion)
{
    public RenderedPackage Build(PackageInputs inputs)
    {
        var siteCode = inputs.Site.SiteCode;
        var files = new List<RenderedFile>();
        var items = new List<ConfigMgrItemModel>();
        foreach (var plan in inputs.Plans)
        {
            var scripts = PairScripts.Render(renderer, plan, toolVersion);
            var detect = PackageText.Script(PackageLayout.IntuneDetectionFileName, scripts.IntuneDetection);
            var remediate = scripts.IntuneRemediation is { } intuneRemediation ? PackageText.Script(PackageLayout.IntuneRemediationFileName, intuneRemediation) : null;
            files.Add(new RenderedFile(PackageLayout.IntuneFolder(plan.PairName) + PackageLayout.IntuneDetectionFileName, detect));
            if (remediate is not null)
            {
                files.Add(new RenderedFile(PackageLayout.IntuneFolder(plan.PairName) + PackageLayout.IntuneRemediationFileName, remediate));
            }

            files.Add(new RenderedFile(PackageLayout.IntuneFolder(plan.PairName) + PackageLayout.IntuneBodyFileName, PackageText.Utf8(IntuneHealthScriptBody.Create(plan, detect, remediate))));
            files.Add(new RenderedFile(
                PackageLayout.ConfigMgrFolder(plan.PairName) + PackageLayout.ConfigMgrDiscoveryFileName,
                PackageText.Script(PackageLayout.ConfigMgrDiscoveryFileName, scripts.ConfigMgrDiscovery)));
            if (scripts.ConfigMgrRemediation is { } configMgrRemediation)
            {
                files.Add(new RenderedFile(
                    PackageLayout.ConfigMgrFolder(plan.PairName) + PackageLayout.ConfigMgrRemediationFileName,
                    PackageText.Script(PackageLayout.ConfigMgrRemediationFileName, configMgrRemediation)));
            }

            files.AddRange(RenderSiteFiles(plan));
            var targetNames = plan.Targets.Select(t => t.Server).ToList();
            files.Add(new RenderedFile(PackageLayout.TargetsFile(plan.PairName), PackageText.Utf8(string.Concat(targetNames.Select(t => t + "\n")))));
            items.Add(new ConfigMgrItemModel(
                $"{PackageLayout.ToolName} {siteCode} {plan.PairName}",
                plan.Description,
                plan.PairName,
                $"{plan.PairName} is Compliant",
                PackageLayout.PairFileFromTarget(plan.PairName, PackageLayout.ConfigMgrDiscoveryFileName),
                plan.HasRemediation ? PackageLayout.PairFileFromTarget(plan.PairName, PackageLayout.ConfigMgrRemediationFileName) : string.Empty,
                $"{PackageLayout.ToolName} {siteCode} {plan.PairName}",
                CollectionName(siteCode, plan),
                [.. targetNames.Distinct(StringComparer.OrdinalIgnoreCase)]));
        }

        var import = new ConfigMgrImportModel(toolVersion, siteCode, inputs.Site.SiteServer ?? string.Empty, items);
        // The import script: its help, parameters and items; the connection; the import itself.
        var importScript = renderer.Render(PackageTemplates.ConfigMgrImportHeader, import)
            + renderer.Render(PackageTemplates.ConfigMgrConnect, import)
            + renderer.Render(PackageTemplates.ConfigMgrImport, import);
        files.Add(new RenderedFile(PackageLayout.ConfigMgrFile(PackageLayout.ImportScriptName), PackageText.Script(PackageLayout.ImportScriptName, importScript)));
        files.AddRange(RenderStatusScripts(inputs, import));
        files.Add(new RenderedFile(PackageLayout.ReadmeFileName, PackageText.Utf8(RenderReadme(inputs))));
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        files.Add(new RenderedFile(PackageLayout.ManifestFileName, PackageText.Utf8(new PackageManifest(renderer.Catalog, toolVersion).Write(inputs, files))));
        return new RenderedPackage(siteCode, files);
    }

    /// <summary>Publish and status scripts (issue 14): they take the pairs' names and targets as PowerShell literals only.</summary>
    private IEnumerable<RenderedFile> RenderStatusScripts(PackageInputs inputs, ConfigMgrImportModel import)
    {
        var siteCode = inputs.Site.SiteCode;
        var intune = new IntuneScriptsModel(
            toolVersion,
            siteCode,
            [.. inputs.Plans.Select(p => new IntunePairModel(p.PairName, IntuneHealthScriptBody.DisplayName(p), PackageLayout.PairFileFromTarget(p.PairName, PackageLayout.IntuneBodyFileName), p.HasRemediation))]);
        yield return new RenderedFile(PackageLayout.IntuneFile(PackageLayout.PublishScriptName), PackageText.Script(PackageLayout.PublishScriptName, renderer.Render(PackageTemplates.IntunePublish, intune)));
        yield return new RenderedFile(PackageLayout.IntuneFile(PackageLayout.IntuneStatusScriptName), PackageText.Script(PackageLayout.IntuneStatusScriptName, renderer.Render(PackageTemplates.IntuneStatus, intune)));
        var configMgr = new ConfigMgrStatusModel(
            toolVersion,
            siteCode,
            import.ProviderMachineName,
            [.. inputs.Plans.Select(p => new ConfigMgrStatusPair(p.PairName, $"{PackageLayout.ToolName} {siteCode} {p.PairName}", [.. p.Targets.Select(t => t.Server)]))]);
        // The ConfigMgr status script: its help, parameters and pairs; the connection; the report.
        var statusScript = renderer.Render(PackageTemplates.ConfigMgrStatusHeader, configMgr)
            + renderer.Render(PackageTemplates.ConfigMgrConnect, configMgr)
            + renderer.Render(PackageTemplates.ConfigMgrStatus, configMgr);
        yield return new RenderedFile(PackageLayout.ConfigMgrFile(PackageLayout.ConfigMgrStatusScriptName), PackageText.Script(PackageLayout.ConfigMgrStatusScriptName, statusScript));
    }

    private IEnumerable<RenderedFile> RenderSiteFiles(FixPlan plan)
    {
        var model = new PairScriptModel(toolVersion, plan.SiteCode, plan.PairName, plan.Title, "Site-side", plan.TemplateModel);
        foreach (var siteFile in plan.SiteFiles)
        {
            var path = PackageLayout.SiteFolder(plan.PairName) + siteFile.FileName;
            var text = string.Concat(siteFile.Templates.Select(template => renderer.Render(PackageTemplates.PairPart(plan.Problem, template), model)));
            var ascii = siteFile.FileName.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || siteFile.FileName.EndsWith(".inf", StringComparison.OrdinalIgnoreCase);
            yield return new RenderedFile(path, ascii ? PackageText.Script(path, text) : PackageText.Utf8(text));
        }
    }

    /// <summary>The device collection the import script can create for one pair: exactly that pair's targets.</summary>
    public static string CollectionName(string siteCode, FixPlan plan) => $"{PackageLayout.ToolName} {siteCode} {plan.PairName} targets";

    private string RenderReadme(PackageInputs inputs)
    {
        var site = inputs.Site;
        var findings = inputs.SiteFindings
            .Select(f => new ReadmeFinding(
                f.RuleId,
                f.Server ?? "(log not tied to a server)",
                f.Resolution is { } resolution ? $"Resolved: {resolution.Explanation} (Was: {f.Summary})" : f.Summary,
                f.Occurrences,
                [.. f.Evidence.Select(e => new ReadmeEvidence(e.File, e.Line, LocalTime(e), Utc(e), e.Message))]))
            .ToList();
        var rejected = inputs.SiteRejected
            .Select(r => new ReadmeRejected(r.Evidence.File, r.Evidence.Line, r.Value, r.Reason))
            .ToList();
        var intro = new ReadmeIntroModel(
            toolVersion,
            site.SiteCode,
            site.SiteServer ?? "(unknown)",
            inputs.Facts.Origin,
            inputs.Targets.ToString().ToLowerInvariant(),
            inputs.LogsRead,
            findings,
            rejected,
            [.. inputs.Notes, .. inputs.Facts.Warnings]);
        var builder = new StringBuilder(renderer.Render(PackageTemplates.ReadmeIntro, intro));
        foreach (var plan in inputs.Plans)
        {
            var section = new ReadmeFixModel(
                site.SiteCode,
                plan.Title,
                plan.Description,
                plan.TemplateModel,
                [.. plan.Targets.Select(t => new ReadmeTarget(t.Server, string.Join(", ", t.Roles), t.Reason, t.InFacts ? "yes" : "NO: check it"))],
                PackageLayout.IntuneFolder(plan.PairName),
                PackageLayout.ConfigMgrFolder(plan.PairName),
                PackageLayout.TargetsFile(plan.PairName),
                CollectionName(site.SiteCode, plan));
            builder.Append(renderer.Render(PackageTemplates.Readme(plan.Problem), section));
        }

        builder.Append(renderer.Render(PackageTemplates.ReadmeDeploy, new ReadmeDeployModel([.. inputs.Plans.Select(p => CollectionName(site.SiteCode, p))])));
        return builder.ToString();
    }

    private static string LocalTime(Evidence evidence) => evidence.Time?.ToIsoString() ?? "(no time)";

    private static string Utc(Evidence evidence) =>
        evidence.Time?.ToUtcIsoString() ?? "(no bias)";
}
