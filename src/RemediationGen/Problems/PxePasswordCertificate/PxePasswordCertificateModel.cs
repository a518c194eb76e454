using RemediationGen.Fixes;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>Template model of the KB 4511618 pair and runbook (templates/pxe-password-certificate/).</summary>
/// <param name="SiteServer">SMS Provider for the runbook (the site server; empty when unknown).</param>
/// <param name="DistmgrLogPath">distmgr.log of the site server through its admin share (empty when the site server is unknown).</param>
/// <param name="RemediationWaitSeconds">How long the DP-side remediation may take to restart the PXE service and see the provider validate a certificate, both together: under ConfigMgr's default 60-second script timeout.</param>
internal sealed record PxePasswordCertificateModel(
    string SiteServer,
    string DistmgrLogPath,
    int RemediationWaitSeconds,
    string RunbookLocation,
    IReadOnlyList<PxeDistributionPointModel> DistributionPoints) : IFixModel;

/// <param name="ExpectedThumbprint">The certificate the site expects, when the facts know it; empty otherwise.</param>
/// <param name="Responder">WDSServer or SccmPxe when the facts know it; empty otherwise. The runbook always asks the DP which service to restart and says when that differs.</param>
internal sealed record PxeDistributionPointModel(string Name, string ExpectedThumbprint, string Responder);
