using RemediationGen.Diagnosis;
using RemediationGen.Fixes;
using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>
/// Every template a package is rendered from, typed by its model (<see cref="TemplateRef{TModel}"/>): the shared ones
/// under templates/shared/, declared once here, and a problem's own, under its template folder: its <c>readme.md</c>
/// renders with <see cref="ReadmeFixModel"/>, every other part its fix names (<see cref="IFix.OwnTemplates"/>) with
/// <see cref="PairScriptModel"/>.
/// </summary>
internal static class PackageTemplates
{
    private const string SharedFolder = "shared/";
    private const string ReadmePart = "readme.md";

    public static TemplateRef<PairScriptModel> ScriptHeader { get; } = new(SharedFolder + "script-header.ps1");

    /// <summary>Defines <c>Get-NotApplicableReason</c>, which the wrappers call first when the pair has a guard.</summary>
    public static TemplateRef<PairScriptModel> SiteSystemGuard { get; } = new(SharedFolder + "site-system-guard.ps1");

    public static TemplateRef<PairScriptModel> IntuneDetection { get; } = new(SharedFolder + "intune-detection.ps1");

    public static TemplateRef<PairScriptModel> IntuneRemediation { get; } = new(SharedFolder + "intune-remediation.ps1");

    public static TemplateRef<PairScriptModel> ConfigMgrDiscovery { get; } = new(SharedFolder + "configmgr-discovery.ps1");

    public static TemplateRef<PairScriptModel> ConfigMgrRemediation { get; } = new(SharedFolder + "configmgr-remediation.ps1");

    /// <summary>Functions only (<c>Restart-PxeService</c>, ...): a plan names it as <see cref="Fixes.SiteSystemGuard.PxeServiceTemplate"/>.</summary>
    public static TemplateRef<PairScriptModel> PxeService { get; } = new(SharedFolder + Fixes.SiteSystemGuard.PxeServiceTemplate.Name);

    /// <summary>
    /// Defines <c>Connect-ConfigMgrSite</c> and reads no value, so it renders with any model: the import and status
    /// scripts', and a site-side script's (<see cref="SiteFile.ConfigMgrConnectTemplate"/>).
    /// </summary>
    public static TemplateRef<ITemplateModel> ConfigMgrConnect { get; } = new(SharedFolder + SiteFile.ConfigMgrConnectTemplate.Name);

    public static TemplateRef<ConfigMgrImportModel> ConfigMgrImportHeader { get; } = new(SharedFolder + "configmgr-import-header.ps1");

    public static TemplateRef<ConfigMgrImportModel> ConfigMgrImport { get; } = new(SharedFolder + "configmgr-import.ps1");

    public static TemplateRef<ConfigMgrStatusModel> ConfigMgrStatusHeader { get; } = new(SharedFolder + "configmgr-status-header.ps1");

    public static TemplateRef<ConfigMgrStatusModel> ConfigMgrStatus { get; } = new(SharedFolder + "configmgr-status.ps1");

    public static TemplateRef<IntuneScriptsModel> IntunePublish { get; } = new(SharedFolder + "intune-publish.ps1");

    public static TemplateRef<IntuneScriptsModel> IntuneStatus { get; } = new(SharedFolder + "intune-status.ps1");

    public static TemplateRef<ReadmeIntroModel> ReadmeIntro { get; } = new(SharedFolder + "readme-intro.md");

    public static TemplateRef<ReadmeDeployModel> ReadmeDeploy { get; } = new(SharedFolder + "readme-deploy.md");

    /// <summary>Every shared template, once.</summary>
    public static IReadOnlyList<ITemplateRef> Shared { get; } =
    [
        ScriptHeader, SiteSystemGuard, IntuneDetection, IntuneRemediation, ConfigMgrDiscovery, ConfigMgrRemediation, PxeService,
        ConfigMgrConnect, ConfigMgrImportHeader, ConfigMgrImport, ConfigMgrStatusHeader, ConfigMgrStatus, IntunePublish,
        IntuneStatus, ReadmeIntro, ReadmeDeploy,
    ];

    /// <summary>The shared templates a plan may name in a pair's or a site file's parts: they render with the pair's model.</summary>
    private static readonly Dictionary<TemplatePart, ITemplateRef<PairScriptModel>> SharedPairParts = new()
    {
        [Fixes.SiteSystemGuard.PxeServiceTemplate] = PxeService,
        [SiteFile.ConfigMgrConnectTemplate] = ConfigMgrConnect,
    };

    /// <summary>A problem's README section: <c>templates/&lt;folder&gt;/readme.md</c>.</summary>
    public static TemplateRef<ReadmeFixModel> Readme(ProblemDescriptor problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new($"{problem.TemplateFolder}/{ReadmePart}");
    }

    /// <summary>A part a plan names for a pair's scripts or a site file: its own problem's, or one of the shared ones that take the pair's model.</summary>
    public static ITemplateRef<PairScriptModel> PairPart(ProblemDescriptor problem, TemplatePart part)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(part);
        if (!part.IsShared)
        {
            return new TemplateRef<PairScriptModel>($"{problem.TemplateFolder}/{part.Name}");
        }

        return SharedPairParts.TryGetValue(part, out var shared)
            ? shared
            : throw new InvalidOperationException($"Shared template '{part.Name}' does not render with a pair's model; this is a bug in RemediationGen.");
    }

    /// <summary>Every template of one problem's folder: its README section and every part its fix declares.</summary>
    public static IEnumerable<ITemplateRef> Own(IFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        yield return Readme(fix.Problem);
        foreach (var part in fix.OwnTemplates)
        {
            yield return part.IsShared
                ? throw new InvalidOperationException($"{fix.GetType().Name}.OwnTemplates names the shared template '{part.Name}'.")
                : PairPart(fix.Problem, part);
        }
    }
}
