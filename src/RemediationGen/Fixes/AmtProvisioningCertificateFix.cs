using RemediationGen.Diagnosis;
using RemediationGen.Facts;

namespace RemediationGen.Fixes;

/// <summary>
/// Intel AMT (vPro) provisioning certificate (ConfigMgr 2007 SP1 - 2012 R2 out-of-band management): warn weeks before
/// it expires, and hand the admin a renewal kit. Nothing on the service point is safe to change automatically, so the
/// pair is detection-only; its output names the certificate, its expiry and the kit.
/// </summary>
public sealed class AmtProvisioningCertificateFix : IFix
{
    public const string FixId = "AmtProvisioningCertificate";
    public const string RequestFile = "request.inf";
    public const string ValidationScript = "Test-AmtProvisioningCertificate.ps1";
    public const string ExportScript = "Export-AmtProvisioningCertificate.ps1";

    public string Id => FixId;

    public string TemplateFolder => "amt-provisioning-certificate";

    public FixPlanResult Plan(SiteFacts site, FixContext context)
    {
        var findings = context.OpenFindings(FixId, site.SiteCode);
        var outOfBand = site.OutOfBand;
        if (outOfBand is null && findings.Count == 0)
        {
            // No out-of-band service point in the facts and nothing in the logs: the site does not use AMT.
            return new FixPlanResult(null, []);
        }

        var targets = Targets(outOfBand, findings, context.Targets);
        if (targets.Count == 0)
        {
            return new FixPlanResult(null, [$"Site {site.SiteCode}: no AMT provisioning certificate package: no out-of-band service point is shown failing in the logs (--targets affected)."]);
        }

        var notes = new List<string>();
        var servicePoint = outOfBand?.ServicePoint ?? (targets.Count == 1 ? targets[0].Server : null);
        var subject = context.Amt.SubjectOver(outOfBand?.Subject);
        if (subject is null || servicePoint is null)
        {
            notes.Add($"Site {site.SiteCode}: the AMT renewal kit has no certificate request ({RequestFile}): "
                + (servicePoint is null ? "the out-of-band service point is unknown (outOfBandManagement.servicePoint in the facts). " : string.Empty)
                + (subject is null ? "give the subject with --amt-organization, --amt-locality, --amt-state and --amt-country (or outOfBandManagement.provisioningCertificateSubject in the facts)." : string.Empty));
        }

        var roots = (outOfBand?.TrustedRootHashes ?? []).Concat(context.Amt.TrustedRootHashes).Distinct(StringComparer.Ordinal).ToList();
        if (roots.Count == 0)
        {
            notes.Add($"Site {site.SiteCode}: no AMT-trusted root hashes are configured, so the check and the validation script cannot tell whether the certificate chains to a root the AMT firmware trusts; add them with --amt-trusted-root or outOfBandManagement.trustedRootHashes (the hashes your vPro firmware holds; RemediationGen never guesses them).");
        }

        var model = new AmtProvisioningCertificateModel(
            context.Amt.ThresholdDays,
            roots,
            servicePoint ?? string.Empty,
            HasRequest: subject is not null && servicePoint is not null,
            subject?.Organization ?? string.Empty,
            subject?.Locality ?? string.Empty,
            subject?.State ?? string.Empty,
            subject?.Country ?? string.Empty,
            $"site/{FixId}/ in the RemediationGen package of site {site.SiteCode}",
            [.. findings.Select(f => $"{f.Server ?? "(unknown server)"}: {f.Summary}")]);
        var siteFiles = new List<SiteFile>();
        if (model.HasRequest)
        {
            siteFiles.Add(new SiteFile(RequestFile, [$"{TemplateFolder}/request.inf"]));
        }

        // The validation script runs the check's own functions (purpose, chain root) on the issued certificate.
        siteFiles.Add(new SiteFile(ValidationScript, [$"{TemplateFolder}/validate-header.ps1", $"{TemplateFolder}/check.ps1", $"{TemplateFolder}/validate.ps1"]));
        siteFiles.Add(new SiteFile(ExportScript, [$"{TemplateFolder}/export.ps1"]));
        var plan = new FixPlan(
            FixId,
            TemplateFolder,
            site.SiteCode,
            PairName: FixId,
            Title: $"AMT provisioning certificate for site {site.SiteCode}",
            Description: $"Warns when the Intel AMT provisioning certificate of site {site.SiteCode}'s out-of-band service point is missing, expires within {context.Amt.ThresholdDays} days, has no private key or chains to an untrusted root; detection only, with a renewal kit.",
            targets,
            findings,
            model)
        {
            HasRemediation = false,
            SiteFiles = siteFiles,
        };
        return new FixPlanResult(plan, notes);
    }

    private static List<FixTarget> Targets(OutOfBandFacts? outOfBand, IReadOnlyList<Finding> findings, TargetSelection selection)
    {
        var byServer = FixContext.ByServer(findings);
        var servers = new SortedSet<string>(byServer.Keys, StringComparer.Ordinal);
        if (outOfBand is not null && selection == TargetSelection.All)
        {
            servers.Add(outOfBand.ServicePoint);
        }

        return [.. servers.Select(server =>
        {
            var serverFindings = byServer.GetValueOrDefault(server) ?? [];
            var inFacts = outOfBand?.ServicePoint == server;
            return new FixTarget(
                server,
                inFacts ? ["out-of-band service point"] : ["named in logs only"],
                inFacts,
                serverFindings.Count > 0
                    ? $"amtopmgr.log shows its provisioning certificate expiring or invalid ({serverFindings.Sum(f => f.Occurrences)} record(s))"
                    : "out-of-band service point: it holds the provisioning certificate; the check changes nothing",
                serverFindings);
        })];
    }
}
