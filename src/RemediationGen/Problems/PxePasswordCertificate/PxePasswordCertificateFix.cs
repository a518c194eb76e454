using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>
/// KB 4511618: a PXE-enabled DP keeps an expired certificate because a PXE password is set and the site's machine keys
/// changed (site moved or recovered). DP side: a pair that restarts the PXE service and checks the certificate in
/// SMSPXE.log. Site side: a runbook of the KB's steps (clear the password, wait for distmgr.log, restart, verify, set
/// the password again) that never writes the password anywhere.
/// </summary>
internal sealed class PxePasswordCertificateFix : IFix
{
    public const string RunbookFile = "Invoke-PxePasswordRunbook.ps1";

    // The site-side runbook's own templates (templates/pxe-password-certificate/).
    private static readonly TemplatePart RunbookHeaderTemplate = TemplatePart.Own("runbook-header.ps1");
    private static readonly TemplatePart RunbookTemplate = TemplatePart.Own("runbook.ps1");

    public ProblemDescriptor Problem => PxePasswordCertificateProblem.Descriptor;

    public IReadOnlyList<TemplatePart> OwnTemplates { get; } = [TemplatePart.Check, TemplatePart.Remediate, RunbookHeaderTemplate, RunbookTemplate];

    public FixPlanResult Plan(SiteFacts site, FixContext context)
    {
        var findings = context.OpenFindings(PxePasswordCertificateProblem.Id, site.SiteCode);
        var byServer = FixContext.ByServer(findings);
        var distributionPoints = site.DistributionPoints.ToDictionary(dp => dp.ServerName, StringComparer.Ordinal);
        var servers = new SortedSet<string>(byServer.Keys, StringComparer.Ordinal);
        if (context.Targets == TargetSelection.All)
        {
            servers.UnionWith(site.DistributionPoints.Where(dp => dp.IsPxe && dp.PxePasswordSet).Select(dp => dp.ServerName));
        }

        if (servers.Count == 0)
        {
            return new FixPlanResult(null, []);
        }

        // Each target with what the facts know of it (null for a server only the logs name), looked up once.
        var known = servers.Select(server => (Server: server, Dp: distributionPoints.GetValueOrDefault(server))).ToList();
        var targets = known.Select(t =>
        {
            var serverFindings = byServer.GetValueOrDefault(t.Server) ?? [];
            // A server the facts know in another role (serverInFacts) is not "named in logs only": the two must agree.
            var inFacts = t.Dp is not null || serverFindings.Any(f => f.ServerInFacts);
            var roles = t.Dp is not null
                ? new[] { t.Dp.PxePasswordSet ? "PXE-enabled distribution point with a PXE password" : "PXE-enabled distribution point" }
                : [inFacts ? "site system in the facts (not as a PXE-enabled distribution point)" : "named in logs only"];
            var reason = serverFindings.Count > 0
                ? $"the logs show its certificate blocked ({serverFindings.Sum(f => f.Occurrences)} record(s))"
                : "PXE password set: after a site move or recovery its certificate cannot be updated; the check changes nothing where PXE is healthy";
            return new FixTarget(t.Server, roles, inFacts, reason, serverFindings);
        }).ToList();

        var siteServer = site.SiteServer ?? string.Empty;
        var model = new PxePasswordCertificateModel(
            siteServer,
            siteServer.Length == 0 ? string.Empty : $@"\\{siteServer}\SMS_{site.SiteCode}\Logs\distmgr.log",
            SiteSystemGuard.PxeServiceWaitSeconds,
            $"{context.Paths.SiteFolder(Problem)}{RunbookFile} in the RemediationGen package of site {site.SiteCode}",
            [.. known.Select(t => new PxeDistributionPointModel(t.Server, t.Dp?.CertificateThumbprint ?? string.Empty, t.Dp?.PxeResponder ?? string.Empty))]);
        var notes = targets.Where(t => !t.InFacts)
            .Select(t => $"{t.Server} is named in the PXE-password logs but not in the site facts; it is targeted, check that it belongs to site {site.SiteCode}.")
            .ToList();
        if (siteServer.Length == 0)
        {
            notes.Add($"Site {site.SiteCode}: the site server is unknown, so the runbook needs -ProviderMachineName and -DistmgrLogPath when it runs.");
        }

        var plan = new FixPlan(
            PxePasswordCertificateProblem.Descriptor,
            site.SiteCode,
            Title: $"DP certificate blocked by a PXE password, site {site.SiteCode}",
            Description: $"Detects PXE-enabled DPs of site {site.SiteCode} whose PXE provider validates an expired or invalid certificate, restarts the PXE service, and gives a runbook for KB 4511618 (clear the PXE password, update, set it again).",
            targets,
            findings,
            model)
        {
            SiteFiles = [new SiteFile(RunbookFile, [RunbookHeaderTemplate, TemplatePart.Check, SiteSystemGuard.PxeServiceTemplate, SiteFile.ConfigMgrConnectTemplate, RunbookTemplate])],
            Guard = SiteSystemGuard.DistributionPoint,
            RemediationParts = [SiteSystemGuard.PxeServiceTemplate],
        };
        return new FixPlanResult(plan, notes);
    }
}
