using RemediationGen.Diagnosis;

namespace RemediationGen.Fixes;

/// <summary>
/// What one fix will do at one site: a detection/remediation pair (rendered for Intune and ConfigMgr from the same
/// check body), the servers it targets and why, the findings behind it, and the plain-data template model.
/// </summary>
/// <param name="Problem">The problem the plan fixes: its pair name and template folder.</param>
/// <param name="Description">One sentence for the Intune description and the ConfigMgr configuration item.</param>
internal sealed record FixPlan(
    ProblemDescriptor Problem,
    string SiteCode,
    string Title,
    string Description,
    IReadOnlyList<FixTarget> Targets,
    IReadOnlyList<Finding> Findings,
    IFixModel TemplateModel)
{
    public string FixId => Problem.Id;

    /// <summary>File and object name of the pair, e.g. <c>IssuingCertificateList</c>.</summary>
    public string PairName => Problem.PairName;

    /// <summary>
    /// False when nothing on the target is safe to change automatically: the pair is detection-only (Intune body
    /// with an empty remediation, a ConfigMgr setting without remediation), and the detection output says what to do.
    /// </summary>
    public bool HasRemediation { get; init; } = true;

    /// <summary>Files for the admin to run on the site side (a runbook, a renewal kit), under <c>site/&lt;PairName&gt;/</c>.</summary>
    public IReadOnlyList<SiteFile> SiteFiles { get; init; } = [];

    /// <summary>
    /// The kind of site system the pair belongs on; its scripts report "not applicable" and change nothing elsewhere
    /// (a wrong collection or group member). Null: no such guard.
    /// </summary>
    public SiteSystemGuard? Guard { get; init; }

    /// <summary>Templates rendered between the check and the remediation body.</summary>
    public IReadOnlyList<TemplatePart> RemediationParts { get; init; } = [];
}

/// <summary>What marks a server as a site system of one kind.</summary>
/// <param name="Kind">For messages, e.g. "management point or distribution point".</param>
/// <param name="Keys">Subkeys of HKLM\SOFTWARE\Microsoft\SMS of which at least one exists there (64-bit view), e.g. MP, DP.</param>
internal sealed record SiteSystemGuard(string Kind, IReadOnlyList<string> Keys)
{
    /// <summary>A distribution point has HKLM\SOFTWARE\Microsoft\SMS\DP.</summary>
    public static SiteSystemGuard DistributionPoint { get; } = new("distribution point", ["DP"]);

    /// <summary>A management point has HKLM\SOFTWARE\Microsoft\SMS\MP.</summary>
    public static SiteSystemGuard ManagementPointOrDistributionPoint { get; } = new("management point or distribution point", ["MP", "DP"]);

    /// <summary>Shared templates that define <c>Restart-PxeService</c>, <c>Get-PxeServiceName</c> and <c>Get-TimeLeft</c>.</summary>
    public static TemplatePart PxeServiceTemplate { get; } = TemplatePart.Shared("pxe-service.ps1");

    /// <summary>
    /// A remediation's one deadline for restarting the PXE service (<see cref="PxeServiceTemplate"/>) and waiting for the
    /// provider, set when it starts. ConfigMgr runs a script for 60 seconds by default: leave room for starting PowerShell and reading the log.
    /// </summary>
    public const int PxeServiceWaitSeconds = 45;
}

/// <summary>A site-side file: its templates rendered with the plan's model and joined in order.</summary>
/// <param name="FileName">File name under <c>site/&lt;PairName&gt;/</c>. <c>.ps1</c> and <c>.inf</c> files must be 7-bit ASCII.</param>
internal sealed record SiteFile(string FileName, IReadOnlyList<TemplatePart> Templates)
{
    /// <summary>
    /// Defines <c>Connect-ConfigMgrSite</c> (the console's module and the site drive, refusing an empty provider name):
    /// for a site-side script that uses the ConfigMgr cmdlets, after its parameters. The import script uses it too.
    /// </summary>
    public static TemplatePart ConfigMgrConnectTemplate { get; } = TemplatePart.Shared("configmgr-connect.ps1");
}

/// <summary>A server a pair is meant for, with the reason it is included.</summary>
/// <param name="Roles">What the facts say the server is ("management point", "PXE-enabled distribution point"), or "named in logs only".</param>
/// <param name="InFacts">False for a server only the logs name: included, and flagged for the admin to check.</param>
internal sealed record FixTarget(
    string Server,
    IReadOnlyList<string> Roles,
    bool InFacts,
    string Reason,
    IReadOnlyList<Finding> Findings);
