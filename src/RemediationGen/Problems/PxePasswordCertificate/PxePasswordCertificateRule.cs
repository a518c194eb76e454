using RemediationGen.Diagnosis;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>
/// KB 4511618: a PXE password on a DP blocks its certificate update after the site server was moved or recovered
/// (the new machine keys cannot decrypt the password). distmgr.log: "Failed to get the encrypted PXE password" and no
/// "DP registry settings have been successfully updated"; hman.log: spUpdateDPCert; SMSPXE.log: the old certificate
/// has expired (800B0101). See docs/rules/PxePasswordCertificate.md.
/// </summary>
public sealed class PxePasswordCertificateRule : IDiagnosticRule
{
    public const string RuleId = "PxePasswordCertificate";

    public string Id => RuleId;

    public string Title => "PXE password blocks the distribution point's certificate update";

    public Severity Severity => Severity.Error;

    public string Description =>
        "A PXE password set on a distribution point cannot be decrypted after the site server was moved or recovered, so "
        + "distmgr.log fails with \"Failed to get the encrypted PXE password\", the DP's new certificate never reaches its "
        + "registry, and SMSPXE.log keeps using the expired one (800B0101) (KB 4511618).";

    public IReadOnlyList<string> Signatures => PxePasswordCertificateSignatures.All;

    public string Fix =>
        "A site-side runbook (clear the PXE password, wait for distmgr.log, restart WDS/SccmPxe, verify SMSPXE.log, re-enter the password) and a DP-side detection/remediation pair.";

    public IRuleScan BeginScan(DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PxePasswordCertificateScan(this, context);
    }
}
