using RemediationGen.Fixes;
using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>
/// Composes a pair's four scripts from small templates. The wrappers differ only in their last part; the check body
/// (and the remediation body) is the same template in every target:
/// header + check + intune-detection, header + check + remediate + intune-remediation, and so on.
/// </summary>
internal sealed class PairScripts
{
    private PairScripts(string intuneDetection, string? intuneRemediation, string configMgrDiscovery, string? configMgrRemediation)
    {
        IntuneDetection = intuneDetection;
        IntuneRemediation = intuneRemediation;
        ConfigMgrDiscovery = configMgrDiscovery;
        ConfigMgrRemediation = configMgrRemediation;
    }

    public string IntuneDetection { get; }

    /// <summary>Null for a detection-only pair.</summary>
    public string? IntuneRemediation { get; }

    public string ConfigMgrDiscovery { get; }

    /// <summary>Null for a detection-only pair.</summary>
    public string? ConfigMgrRemediation { get; }

    public static PairScripts Render(TemplateRenderer renderer, FixPlan plan, string toolVersion)
    {
        var check = PackageTemplates.PairPart(plan.Problem, TemplatePart.Check);
        var remediate = PackageTemplates.PairPart(plan.Problem, TemplatePart.Remediate);
        ITemplateRef<PairScriptModel>[] head = plan.Guard is null ? [PackageTemplates.ScriptHeader] : [PackageTemplates.ScriptHeader, PackageTemplates.SiteSystemGuard];
        string Compose(string kind, params ITemplateRef<PairScriptModel>[] parts)
        {
            var model = new PairScriptModel(toolVersion, plan.SiteCode, plan.PairName, plan.Title, kind, plan.TemplateModel) { SiteSystem = SiteSystemModel.Of(plan.Guard) };
            return string.Concat(head.Concat(parts).Select(part => renderer.Render(part, model)));
        }

        ITemplateRef<PairScriptModel>[] remediation = [check, .. plan.RemediationParts.Select(part => PackageTemplates.PairPart(plan.Problem, part)), remediate];
        return new PairScripts(
            Compose("Intune detection", check, PackageTemplates.IntuneDetection),
            plan.HasRemediation ? Compose("Intune remediation", [.. remediation, PackageTemplates.IntuneRemediation]) : null,
            Compose("ConfigMgr discovery", check, PackageTemplates.ConfigMgrDiscovery),
            plan.HasRemediation ? Compose("ConfigMgr remediation", [.. remediation, PackageTemplates.ConfigMgrRemediation]) : null);
    }
}
