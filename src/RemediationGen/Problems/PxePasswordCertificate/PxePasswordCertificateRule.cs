using RemediationGen.Diagnosis;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>
/// KB 4511618: a PXE password on a DP blocks its certificate update after the site server was moved or recovered
/// (the new machine keys cannot decrypt the password). distmgr.log: "Failed to get the encrypted PXE password" and no
/// "DP registry settings have been successfully updated"; hman.log: spUpdateDPCert; SMSPXE.log: the old certificate
/// has expired (800B0101). See docs/rules/PxePasswordCertificate.md.
/// </summary>
internal sealed class PxePasswordCertificateRule : IDiagnosticRule, IKeepsNewestRecord
{
    public ProblemDescriptor Problem => PxePasswordCertificateProblem.Descriptor;

    public IReadOnlyList<string> Signatures => PxePasswordCertificateSignatures.All;

    public string? NewestRecordKey(Logs.LogFile file, ReadOnlySpan<char> message) => PxePasswordCertificateScan.NewestRecordKey(file, message);

    public IRuleScan BeginScan(DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PxePasswordCertificateScan(this, context);
    }
}
