using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>
/// The Intel AMT (vPro) provisioning certificate of the out-of-band service point is about to expire or has expired:
/// amtopmgr.log warns daily, then unloads the certificate and reports it invalid, and vPro computers can no longer be
/// provisioned. Out-of-band management exists only on ConfigMgr 2007 SP1, 2012 and 2012 R2. Findings are warnings
/// while days are left and errors once the certificate has expired. See docs/rules/AmtProvisioningCertificate.md.
/// </summary>
internal sealed class AmtProvisioningCertificateProblem : IProblem
{
    public const string Id = "AmtProvisioningCertificate";

    /// <summary>The problem's names and texts; its rule and fix take theirs from here.</summary>
    public static ProblemDescriptor Descriptor { get; } = new(
        Id,
        Title: "AMT provisioning certificate expiring or expired",
        KnowledgeBase: null,
        // The level while the certificate is still valid; an expired certificate gives an error.
        Severity: Severity.Warning,
        Description:
            "The Intel AMT provisioning certificate used by the out-of-band service point is about to expire or has expired: "
            + "amtopmgr.log warns \"will expire in N day(s)\", then removes the certificate from memory and reports an invalid "
            + "provision certificate, and vPro computers can no longer be provisioned (ConfigMgr 2007 SP1, 2012, 2012 R2 only).",
        FixDescription:
            "A monitoring pair for the provisioning certificate's expiry and a renewal kit (CSR INF, validation and PFX export scripts).",
        Order: 3);

    ProblemDescriptor IProblem.Descriptor => Descriptor;

    public IDiagnosticRule Rule { get; } = new AmtProvisioningCertificateRule();

    public IFix Fix { get; } = new AmtProvisioningCertificateFix();
}
