namespace RemediationGen.Packaging;

/// <summary>
/// Every name and path in a site's package, and every template name a package is rendered from: fixes and the other
/// engines ask here and never build one themselves.
/// </summary>
public static class PackageLayout
{
    public const string ManifestFileName = "manifest.json";
    public const string ToolName = "RemediationGen";
    public const string ImportScriptName = "Import-ConfigMgrBaseline.ps1";
    public const string PublishScriptName = "Publish-IntuneRemediation.ps1";
    public const string IntuneStatusScriptName = "Get-IntuneRemediationStatus.ps1";
    public const string ConfigMgrStatusScriptName = "Get-ConfigMgrBaselineStatus.ps1";
}
