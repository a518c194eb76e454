using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Packaging;

/// <summary>
/// Every name and path in a site's package, and, with <see cref="PackageTemplates"/>, every template name a package is
/// rendered from: fixes and the other engines ask here and never build one themselves.
/// </summary>
internal static class PackageLayout
{
    public const string ManifestFileName = "manifest.json";
    public const string ReadmeFileName = "README.md";
    public const string ToolName = "RemediationGen";
    public const string ImportScriptName = "Import-ConfigMgrBaseline.ps1";
    public const string PublishScriptName = "Publish-IntuneRemediation.ps1";
    public const string IntuneStatusScriptName = "Get-IntuneRemediationStatus.ps1";
    public const string ConfigMgrStatusScriptName = "Get-ConfigMgrBaselineStatus.ps1";

    /// <summary>The files of an Intune pair's folder: its scripts and the Graph create body that carries them.</summary>
    public const string IntuneDetectionFileName = "detect.ps1";
    public const string IntuneRemediationFileName = "remediate.ps1";
    public const string IntuneBodyFileName = "deviceHealthScript.json";

    /// <summary>The files of a ConfigMgr pair's folder: the configuration item's discovery and remediation scripts.</summary>
    public const string ConfigMgrDiscoveryFileName = "discovery.ps1";
    public const string ConfigMgrRemediationFileName = "remediation.ps1";

    /// <summary>The folder of the pairs' target lists (<see cref="TargetsFile"/>).</summary>
    public const string TargetsFolder = "targets/";

    private const string IntuneRoot = "intune";
    private const string ConfigMgrRoot = "configmgr";

    /// <summary>The answers fixes get through <see cref="FixContext.Paths"/>.</summary>
    public static IPackagePaths Paths { get; } = new PackagePaths();

    /// <summary>A pair's folder for one target, e.g. <c>intune/IssuingCertificateList/</c>.</summary>
    public static string PairFolder(string target, string pairName) => $"{target}/{pairName}/";

    public static string IntuneFolder(string pairName) => PairFolder(IntuneRoot, pairName);

    public static string ConfigMgrFolder(string pairName) => PairFolder(ConfigMgrRoot, pairName);

    /// <summary>A file of the package's Intune or ConfigMgr folder, e.g. <c>intune/Publish-IntuneRemediation.ps1</c>.</summary>
    public static string IntuneFile(string fileName) => $"{IntuneRoot}/{fileName}";

    public static string ConfigMgrFile(string fileName) => $"{ConfigMgrRoot}/{fileName}";

    /// <summary>A pair's file as a script in the package refers to it from its target's folder, e.g. <c>IssuingCertificateList\discovery.ps1</c>.</summary>
    public static string PairFileFromTarget(string pairName, string fileName) => $"{pairName}\\{fileName}";

    public static string SiteFolder(string pairName) => PairFolder("site", pairName);

    public static string TargetsFile(string pairName) => $"{TargetsFolder}{pairName}.txt";

    private sealed class PackagePaths : IPackagePaths
    {
        public string SiteFolder(ProblemDescriptor problem)
        {
            ArgumentNullException.ThrowIfNull(problem);
            return PackageLayout.SiteFolder(problem.PairName);
        }
    }
}
