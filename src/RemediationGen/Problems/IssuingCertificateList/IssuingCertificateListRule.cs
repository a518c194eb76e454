using RemediationGen.Diagnosis;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>
/// KB 4469580: the IssuingCertificateList value is missing under HKLM\SOFTWARE\Microsoft\SMS\Security on a DP (or MP).
/// CertMgr.log on the site server cannot copy that key from the DP (0x80070005), and SMSPXE.log on the DP cannot
/// build a certificate store (0x80092002), so PXE boot fails. See docs/rules/IssuingCertificateList.md.
/// </summary>
internal sealed class IssuingCertificateListRule : IDiagnosticRule
{
    public ProblemDescriptor Problem => IssuingCertificateListProblem.Descriptor;

    public IReadOnlyList<string> Signatures => IssuingCertificateListSignatures.All;

    public IRuleScan BeginScan(DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new IssuingCertificateListScan(this, context);
    }
}
