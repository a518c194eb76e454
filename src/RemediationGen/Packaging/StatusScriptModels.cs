using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>
/// Model of <c>intune/Publish-IntuneRemediation.ps1</c> and <c>intune/Get-IntuneRemediationStatus.ps1</c>: the pairs,
/// by the display name Intune knows them by and the Graph body file the publish script sends.
/// </summary>
internal sealed record IntuneScriptsModel(string ToolVersion, string SiteCode, IReadOnlyList<IntunePairModel> Pairs) : ITemplateModel;

/// <param name="BodyFile">The pair's deviceHealthScript.json, relative to the intune folder, with Windows separators.</param>
/// <param name="HasRemediation">False for a detection-only pair: its assignments never run a remediation.</param>
internal sealed record IntunePairModel(string Name, string DisplayName, string BodyFile, bool HasRemediation);

/// <summary>Model of <c>configmgr/Get-ConfigMgrBaselineStatus.ps1</c>: each pair's baseline and target servers.</summary>
internal sealed record ConfigMgrStatusModel(string ToolVersion, string SiteCode, string ProviderMachineName, IReadOnlyList<ConfigMgrStatusPair> Pairs) : ITemplateModel;

/// <param name="TargetServers">The pair's targets as the package lists them (host names).</param>
internal sealed record ConfigMgrStatusPair(string Name, string BaselineName, IReadOnlyList<string> TargetServers);
