using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>
/// KB 4511618: a PXE password on a DP blocks its certificate update after the site server was moved or recovered
/// (the new machine keys cannot decrypt the password). distmgr.log: "Failed to get the encrypted PXE password" and no
/// "DP registry settings have been successfully updated"; hman.log: spUpdateDPCert; SMSPXE.log: the old certificate
/// has expired (800B0101). See docs/rules/PxePasswordCertificate.md.
/// </summary>
internal sealed class PxePasswordCertificateProblem : IProblem
{
    public const string Id = "PxePasswordCertificate";

    /// <summary>The problem's names and texts; its rule and fix take theirs from here.</summary>
    public static ProblemDescriptor Descriptor { get; } = new(
        Id,
        Title: "PXE password blocks the distribution point's certificate update",
        KnowledgeBase: "KB 4511618",
        Severity: Severity.Error,
        Description:
            "A PXE password set on a distribution point cannot be decrypted after the site server was moved or recovered, so "
            + "distmgr.log fails with \"Failed to get the encrypted PXE password\", the DP's new certificate never reaches its "
            + "registry, and SMSPXE.log keeps using the expired one (800B0101) (KB 4511618).",
        FixDescription:
            "A site-side runbook (clear the PXE password, wait for distmgr.log, restart WDS/SccmPxe, verify SMSPXE.log, re-enter the password) and a DP-side detection/remediation pair.",
        Order: 2);

    ProblemDescriptor IProblem.Descriptor => Descriptor;

    public IDiagnosticRule Rule { get; } = new PxePasswordCertificateRule();

    public IFix Fix { get; } = new PxePasswordCertificateFix();
}
