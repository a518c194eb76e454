using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>
/// KB 4469580: the IssuingCertificateList value is missing under HKLM\SOFTWARE\Microsoft\SMS\Security on a DP (or MP).
/// CertMgr.log on the site server cannot copy that key from the DP (0x80070005), and SMSPXE.log on the DP cannot
/// build a certificate store (0x80092002), so PXE boot fails. See docs/rules/IssuingCertificateList.md.
/// </summary>
internal sealed class IssuingCertificateListProblem : IProblem
{
    public const string Id = "IssuingCertificateList";

    /// <summary>The problem's names and texts; its rule and fix take theirs from here.</summary>
    public static ProblemDescriptor Descriptor { get; } = new(
        Id,
        Title: "IssuingCertificateList registry value is missing",
        KnowledgeBase: "KB 4469580",
        Severity: Severity.Error,
        Description:
            "The IssuingCertificateList value under HKLM\\SOFTWARE\\Microsoft\\SMS\\Security is missing on a distribution point "
            + "or management point: CertMgr.log cannot copy the Security registry key (0x80070005) and SMSPXE.log cannot create "
            + "a certificate store (0x80092002), so PXE boot fails (KB 4469580).",
        FixDescription:
            "A detection/remediation pair per site that writes the site's IssuingCertificateList with REG.exe ADD ... /t REG_MULTI_SZ ... /reg:64 on its MPs and PXE-enabled DPs.",
        Order: 1);

    ProblemDescriptor IProblem.Descriptor => Descriptor;

    public IDiagnosticRule Rule { get; } = new IssuingCertificateListRule();

    public IFix Fix { get; } = new IssuingCertificateListFix();
}
