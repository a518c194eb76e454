using RemediationGen.Diagnosis;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>
/// The Intel AMT (vPro) provisioning certificate of the out-of-band service point is about to expire or has expired:
/// amtopmgr.log warns daily, then unloads the certificate and reports it invalid, and vPro computers can no longer be
/// provisioned. Out-of-band management exists only on ConfigMgr 2007 SP1, 2012 and 2012 R2. Findings are warnings
/// while days are left and errors once the certificate has expired. See docs/rules/AmtProvisioningCertificate.md.
/// </summary>
internal sealed class AmtProvisioningCertificateRule : IDiagnosticRule
{
    public ProblemDescriptor Problem => AmtProvisioningCertificateProblem.Descriptor;

    public IReadOnlyList<string> Signatures => AmtProvisioningCertificateSignatures.All;

    public IRuleScan BeginScan(DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AmtProvisioningCertificateScan(this, context);
    }
}
