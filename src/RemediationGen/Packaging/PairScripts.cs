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
    public static readonly string Header = PackageLayout.Shared("script-header.ps1");

    /// <summary>Defines <c>Get-NotApplicableReason</c>, which the wrappers call first when the pair has a guard.</summary>
    public static readonly string Guard = PackageLayout.Shared("site-system-guard.ps1");

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
        var check = PackageLayout.Template(plan.Problem, TemplatePart.Own("check.ps1"));
        var remediate = PackageLayout.Template(plan.Problem, TemplatePart.Own("remediate.ps1"));
        string[] head = plan.Guard is null ? [Header] : [Header, Guard];
        string Compose(string kind, params string[] parts)
        {
            var model = new PairScriptModel(toolVersion, plan.SiteCode, plan.PairName, plan.Title, kind, plan.TemplateModel) { SiteSystem = SiteSystemModel.Of(plan.Guard) };
            return string.Concat(head.Concat(parts).Select(part => renderer.Render(part, model)));
        }

        string[] remediation = [check, .. plan.RemediationParts.Select(part => PackageLayout.Template(plan.Problem, part)), remediate];
        return new PairScripts(
            Compose("Intune detection", check, PackageLayout.Shared("intune-detection.ps1")),
            plan.HasRemediation ? Compose("Intune remediation", [.. remediation, PackageLayout.Shared("intune-remediation.ps1")]) : null,
            Compose("ConfigMgr discovery", check, PackageLayout.Shared("configmgr-discovery.ps1")),
            plan.HasRemediation ? Compose("ConfigMgr remediation", [.. remediation, PackageLayout.Shared("configmgr-remediation.ps1")]) : null);
    }
}
