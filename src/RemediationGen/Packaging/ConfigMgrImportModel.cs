using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>
/// Model of <c>configmgr/Import-ConfigMgrBaseline.ps1</c>. Each pair becomes its own configuration item, baseline and
/// (optionally) collection and deployment, because each pair has its own targets: a check for one problem must not
/// run, let alone remediate, on the servers of another.
/// </summary>
internal sealed record ConfigMgrImportModel(
    string ToolVersion,
    string SiteCode,
    string ProviderMachineName,
    IReadOnlyList<ConfigMgrItemModel> Items) : ITemplateModel;

/// <param name="DiscoveryFile">Path relative to the import script, with Windows separators.</param>
/// <param name="RemediationFile">Empty for a detection-only pair.</param>
/// <param name="TargetServers">Host names of the pair's targets: the script looks a device up by its NetBIOS name (the
/// first label) and keeps the one whose DNS names hold this FQDN, so another domain's namesake is never added.</param>
internal sealed record ConfigMgrItemModel(
    string Name,
    string Description,
    string SettingName,
    string RuleName,
    string DiscoveryFile,
    string RemediationFile,
    string BaselineName,
    string CollectionName,
    IReadOnlyList<string> TargetServers);
