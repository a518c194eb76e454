using RemediationGen.Problems.AmtProvisioningCertificate;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Problems.PxePasswordCertificate;

namespace RemediationGen.Fixes;

/// <summary>Every fix the generator knows. Adding a problem: add its rule and its fix, and register both.</summary>
public static class FixCatalog
{
    public static IReadOnlyList<IFix> All { get; } = [new IssuingCertificateListFix(), new PxePasswordCertificateFix(), new AmtProvisioningCertificateFix()];
}
