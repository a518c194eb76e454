using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Packaging;

/// <summary>
/// Every name and path in a site's package, and every template name a package is rendered from: fixes and the other
/// engines ask here and never build one themselves.
/// </summary>
internal static class PackageLayout
{
    public const string ManifestFileName = "manifest.json";
    public const string ToolName = "RemediationGen";
    public const string ImportScriptName = "Import-ConfigMgrBaseline.ps1";
    public const string PublishScriptName = "Publish-IntuneRemediation.ps1";
    public const string IntuneStatusScriptName = "Get-IntuneRemediationStatus.ps1";
    public const string ConfigMgrStatusScriptName = "Get-ConfigMgrBaselineStatus.ps1";

    /// <summary>The answers fixes get through <see cref="FixContext.Paths"/>.</summary>
    public static IPackagePaths Paths { get; } = new PackagePaths();

    /// <summary>The name of a template a plan asks for: under its problem's folder, or under shared/.</summary>
    public static string Template(ProblemDescriptor problem, TemplatePart part)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(part);
        return part.IsShared ? Shared(part.Name) : $"{problem.TemplateFolder}/{part.Name}";
    }

    /// <summary>A template under templates/shared/, e.g. <c>shared/script-header.ps1</c>.</summary>
    public static string Shared(string name) => $"shared/{name}";

    /// <summary>A shared template a plan names (it has no problem folder to resolve).</summary>
    public static string Shared(TemplatePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return part.IsShared ? Shared(part.Name) : throw new ArgumentException($"'{part.Name}' is not a shared template.", nameof(part));
    }

    /// <summary>A pair's folder for one target, e.g. <c>intune/IssuingCertificateList/</c>.</summary>
    public static string PairFolder(string target, string pairName) => $"{target}/{pairName}/";

    public static string IntuneFolder(string pairName) => PairFolder("intune", pairName);

    public static string ConfigMgrFolder(string pairName) => PairFolder("configmgr", pairName);

    public static string SiteFolder(string pairName) => PairFolder("site", pairName);

    public static string TargetsFile(string pairName) => $"targets/{pairName}.txt";

    private sealed class PackagePaths : IPackagePaths
    {
        public string SiteFolder(ProblemDescriptor problem)
        {
            ArgumentNullException.ThrowIfNull(problem);
            return PackageLayout.SiteFolder(problem.PairName);
        }
    }
}
