using RemediationGen.Diagnosis;

namespace RemediationGen.Fixes;

/// <summary>
/// What one fix will do at one site: a detection/remediation pair (rendered for Intune and ConfigMgr from the same
/// check body), the servers it targets and why, the findings behind it, and the plain-data template model.
/// </summary>
/// <param name="PairName">File and object name of the pair, e.g. <c>IssuingCertificateList</c>.</param>
/// <param name="Description">One sentence for the Intune description and the ConfigMgr configuration item.</param>
public sealed record FixPlan(
    string FixId,
    string TemplateFolder,
    string SiteCode,
    string PairName,
    string Title,
    string Description,
    IReadOnlyList<FixTarget> Targets,
    IReadOnlyList<Finding> Findings,
    object TemplateModel)
{
    /// <summary>
    /// False when nothing on the target is safe to change automatically: the pair is detection-only (Intune body
    /// with an empty remediation, a ConfigMgr setting without remediation), and the detection output says what to do.
    /// </summary>
    public bool HasRemediation { get; init; } = true;

    /// <summary>Files for the admin to run on the site side (a runbook, a renewal kit), under <c>site/&lt;PairName&gt;/</c>.</summary>
    public IReadOnlyList<SiteFile> SiteFiles { get; init; } = [];
}

/// <summary>A site-side file: its templates (names under templates/, without .scriban) rendered with the plan's model and joined in order.</summary>
/// <param name="FileName">File name under <c>site/&lt;PairName&gt;/</c>. <c>.ps1</c> and <c>.inf</c> files must be 7-bit ASCII.</param>
public sealed record SiteFile(string FileName, IReadOnlyList<string> Templates)
{
    /// <summary>
    /// Defines <c>Connect-ConfigMgrSite</c> (the console's module and the site drive, refusing an empty provider name):
    /// for a site-side script that uses the ConfigMgr cmdlets, after its parameters. The import script uses it too.
    /// </summary>
    public const string ConfigMgrConnectTemplate = "shared/configmgr-connect.ps1";
}

/// <summary>A server a pair is meant for, with the reason it is included.</summary>
/// <param name="Roles">What the facts say the server is ("management point", "PXE-enabled distribution point"), or "named in logs only".</param>
/// <param name="InFacts">False for a server only the logs name: included, and flagged for the admin to check.</param>
public sealed record FixTarget(
    string Server,
    IReadOnlyList<string> Roles,
    bool InFacts,
    string Reason,
    IReadOnlyList<Finding> Findings);
