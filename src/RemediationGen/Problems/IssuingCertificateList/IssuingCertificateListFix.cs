using System.Security.Cryptography;
using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>
/// KB 4469580: put the site's IssuingCertificateList (Value1 of the site database) under
/// HKLM\SOFTWARE\Microsoft\SMS\Security on its management points and PXE-enabled distribution points. One pair per
/// site, because the expected value is per site.
/// </summary>
internal sealed class IssuingCertificateListFix : IFix
{
    public ProblemDescriptor Problem => IssuingCertificateListProblem.Descriptor;

    public IReadOnlyList<TemplatePart> OwnTemplates { get; } = [TemplatePart.Check, TemplatePart.Remediate];

    public IReadOnlyList<FixOption> Options => IssuingCertificateListOptions.Declared;

    public IFixOptions BindOptions(FixOptionValues values) => IssuingCertificateListOptions.Bind(values);

    public FixPlanResult Plan(SiteFacts site, FixContext context)
    {
        var findings = context.OpenFindings(IssuingCertificateListProblem.Id, site.SiteCode);
        var entries = site.IssuingCertificateList is { } value ? IssuingCertificateListValue.Entries(value) : [];
        if (entries.Count == 0)
        {
            var note = $"Site {site.SiteCode}: the site database holds no IssuingCertificateList value, so there is nothing to write"
                + (findings.Count > 0 ? $" although the logs show {findings.Count} affected server(s); check the site server's certificates first." : ".");
            return new FixPlanResult(null, [note]);
        }

        var targets = SelectTargets(site, findings, context.Targets);
        if (targets.Count == 0)
        {
            var why = context.Targets == TargetSelection.Affected
                ? "no server of this site is shown failing in the logs (--targets affected)"
                : "the site has no management point and no PXE-enabled distribution point";
            return new FixPlanResult(null, [$"Site {site.SiteCode}: no IssuingCertificateList package: {why}."]);
        }

        var (method, reason) = RegistryWriteMethodChooser.Choose(entries);
        var model = new IssuingCertificateListModel(
            entries,
            method == RegistryWriteMethod.RegExe,
            reason,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(site.IssuingCertificateList!))),
            site.IssuingCertificateList!.Length,
            context.Facts.Origin,
            context.Facts.CollectedAt is { } collectedAt ? IsoTime.Utc(collectedAt) : IssuingCertificateListModel.UnknownCaptureTime,
            context.Options.Get<IssuingCertificateListOptions>().OverwriteDifferent,
            SiteSystemGuard.PxeServiceWaitSeconds);
        var notes = targets.Where(t => !t.InFacts)
            .Select(t => $"{t.Server} is named in the logs but not in the site facts; it is targeted, check that it belongs to site {site.SiteCode}.")
            .ToList();
        var plan = new FixPlan(
            IssuingCertificateListProblem.Descriptor,
            site.SiteCode,
            Title: $"IssuingCertificateList for site {site.SiteCode}",
            Description: $"Restores HKLM\\SOFTWARE\\Microsoft\\SMS\\Security\\IssuingCertificateList (REG_MULTI_SZ, 64-bit view) to site {site.SiteCode}'s value on its management points and PXE-enabled distribution points (KB 4469580).",
            targets,
            findings,
            model)
        {
            Guard = SiteSystemGuard.ManagementPointOrDistributionPoint,
            RemediationParts = [SiteSystemGuard.PxeServiceTemplate],
        };
        return new FixPlanResult(plan, notes);
    }

    private static List<FixTarget> SelectTargets(SiteFacts site, IReadOnlyList<Finding> findings, TargetSelection selection)
    {
        var roles = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void AddRole(string server, string role)
        {
            if (!roles.TryGetValue(server, out var list))
            {
                roles[server] = list = [];
            }

            list.Add(role);
        }

        foreach (var mp in site.ManagementPoints)
        {
            AddRole(mp, "management point");
        }

        foreach (var dp in site.DistributionPoints)
        {
            AddRole(dp.ServerName, dp.IsPxe ? "PXE-enabled distribution point" : "distribution point (PXE not enabled)");
        }

        var findingsByServer = FixContext.ByServer(findings);
        var servers = new SortedSet<string>(StringComparer.Ordinal);
        servers.UnionWith(site.ManagementPoints);
        servers.UnionWith(site.DistributionPoints.Where(dp => dp.IsPxe).Select(dp => dp.ServerName));
        servers.UnionWith(findingsByServer.Keys);

        var targets = new List<FixTarget>();
        foreach (var server in servers)
        {
            var serverFindings = findingsByServer.GetValueOrDefault(server) ?? [];
            if (selection == TargetSelection.Affected && serverFindings.Count == 0)
            {
                continue;
            }

            var inFacts = roles.TryGetValue(server, out var serverRoles) || string.Equals(server, site.SiteServer, StringComparison.Ordinal);
            var reason = serverFindings.Count > 0
                ? $"the logs show it failing ({serverFindings.Sum(f => f.Occurrences)} record(s))"
                : serverRoles!.Contains("management point")
                    ? "management point: the value belongs on every MP of the site; the check changes nothing where it is right"
                    : "PXE-enabled distribution point: PXE needs the value; the check changes nothing where it is right";
            targets.Add(new FixTarget(server, serverRoles ?? (inFacts ? ["site server"] : ["named in logs only"]), inFacts, reason, serverFindings));
        }

        return targets;
    }
}
