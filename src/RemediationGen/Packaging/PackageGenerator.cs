using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>
/// Facts + findings -> plans -> rendered packages, all in memory. Writing is the caller's next step
/// (<see cref="PackageWriter"/>), so a template or data error never leaves a half-written package.
/// </summary>
internal sealed class PackageGenerator(IReadOnlyList<IFix> fixes, TemplateRenderer renderer, string toolVersion)
{
    /// <summary>As below, with the fixes' options bound from <see cref="GenerateOptions.FixOptions"/> (an invalid value throws naming its option).</summary>
    public GenerationResult Generate(HierarchyFacts facts, DiagnosisResult diagnosis, bool logsRead, GenerateOptions options) =>
        Generate(facts, diagnosis, logsRead, options, FixOptionSet.Bind(fixes, options.FixOptions));

    /// <summary>The packages of the sites selected, with the fixes' options already bound (<see cref="FixOptionSet.Bind"/>).</summary>
    public GenerationResult Generate(HierarchyFacts facts, DiagnosisResult diagnosis, bool logsRead, GenerateOptions options, FixOptionSet fixOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sites = SelectSites(facts, options.Sites);
        var context = new FixContext(facts, diagnosis, options.Targets, fixOptions, PackageLayout.Paths);
        var builder = new SitePackageBuilder(renderer, toolVersion);
        var packages = new List<RenderedPackage>();
        var notes = new List<string>();
        foreach (var site in sites)
        {
            var plans = new List<FixPlan>();
            var siteNotes = new List<string>();
            foreach (var fix in fixes)
            {
                var result = fix.Plan(site, context);
                siteNotes.AddRange(result.Notes);
                if (result.Plan is { } plan)
                {
                    plans.Add(plan);
                }
            }

            notes.AddRange(siteNotes);
            if (plans.Count > 0)
            {
                packages.Add(builder.Build(new PackageInputs(site, facts, diagnosis, options.Targets, fixOptions, logsRead, plans, siteNotes)));
            }
        }

        var unattributed = diagnosis.Findings.Where(f => f.SiteCode is null).ToList();
        notes.AddRange(unattributed.Select(f =>
            $"{f.RuleId}: evidence in {f.Evidence[0].File} is not tied to a site{(f.Server is null ? " or server (put each server's logs in a folder named after it)" : $" (server {f.Server})")}; no package targets it."));
        notes.AddRange(facts.Warnings);
        return new GenerationResult(packages, notes);
    }

    private static List<SiteFacts> SelectSites(HierarchyFacts facts, IReadOnlyList<string> requested)
    {
        if (requested.Count == 0)
        {
            return [.. facts.Sites];
        }

        var selected = new List<SiteFacts>();
        foreach (var code in requested.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            selected.Add(facts.FindSite(code) ?? throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"Site '{code}' is not in the facts ({facts.Origin}); sites there: {string.Join(", ", facts.Sites.Select(s => s.SiteCode))}."));
        }

        return [.. selected.OrderBy(s => s.SiteCode, StringComparer.Ordinal)];
    }
}
