namespace RemediationGen.Packaging;

/// <summary>Model of <c>configmgr/Import-ConfigMgrBaseline.ps1</c>: one baseline per site holding every pair's configuration item.</summary>
public sealed record ConfigMgrImportModel(
    string ToolVersion,
    string SiteCode,
    string ProviderMachineName,
    string CollectionName,
    string BaselineName,
    string BaselineDescription,
    IReadOnlyList<ConfigMgrItemModel> Items,
    IReadOnlyList<string> TargetDeviceNames);

/// <param name="DiscoveryFile">Path relative to the import script, with Windows separators.</param>
public sealed record ConfigMgrItemModel(
    string Name,
    string Description,
    string SettingName,
    string RuleName,
    string DiscoveryFile,
    string RemediationFile);
