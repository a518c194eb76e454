using System.Collections.ObjectModel;
using RemediationGen.Problems.AmtProvisioningCertificate;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Problems.PxePasswordCertificate;

namespace RemediationGen.Diagnosis;

/// <summary>Every diagnosis rule the tool knows, in a fixed order. Rules are stateless, so one instance serves all runs.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IDiagnosticRule> All { get; } =
        new ReadOnlyCollection<IDiagnosticRule>([new IssuingCertificateListRule(), new PxePasswordCertificateRule(), new AmtProvisioningCertificateRule()]);
}
