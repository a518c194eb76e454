using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>
/// Intel AMT (vPro) provisioning certificate (ConfigMgr 2007 SP1 - 2012 R2 out-of-band management): warn weeks before
/// it expires, and hand the admin a renewal kit. Nothing on the service point is safe to change automatically, so the
/// pair is detection-only; its output names the certificate, its expiry and the kit.
/// </summary>
internal sealed class AmtProvisioningCertificateFix : IFix
{
    public const string RequestFile = "request.inf";
    public const string ValidationScript = "Test-AmtProvisioningCertificate.ps1";
    public const string ExportScript = "Export-AmtProvisioningCertificate.ps1";

    // The renewal kit's templates (templates/amt-provisioning-certificate/).
    private static readonly TemplatePart RequestTemplate = TemplatePart.Own("request.inf");
    private static readonly TemplatePart ValidateHeaderTemplate = TemplatePart.Own("validate-header.ps1");
    private static readonly TemplatePart ValidateTemplate = TemplatePart.Own("validate.ps1");
    private static readonly TemplatePart ExportTemplate = TemplatePart.Own("export.ps1");

    public ProblemDescriptor Problem => AmtProvisioningCertificateProblem.Descriptor;

    /// <summary>Detection-only: no remediation body.</summary>
    public IReadOnlyList<TemplatePart> OwnTemplates { get; } = [TemplatePart.Check, RequestTemplate, ValidateHeaderTemplate, ValidateTemplate, ExportTemplate];

    public IReadOnlyList<FixOption> Options => AmtOptions.Declared;

    public IFixOptions BindOptions(FixOptionValues values) => AmtOptions.Bind(values);

    public FixPlanResult Plan(SiteFacts site, FixContext context)
    {
        var options = context.Options.Get<AmtOptions>();
        var findings = context.OpenFindings(AmtProvisioningCertificateProblem.Id, site.SiteCode);
        var outOfBand = site.OutOfBand;
        if (outOfBand is null && findings.Count == 0)
        {
            // No out-of-band service point in the facts and nothing in the logs: the site does not use AMT.
            return new FixPlanResult(null, []);
        }

        var targets = Targets(site, outOfBand, findings, context.Targets);
        if (targets.Count == 0)
        {
            return new FixPlanResult(null, [$"Site {site.SiteCode}: no AMT provisioning certificate package: no out-of-band service point is shown failing in the logs (--targets affected)."]);
        }

        var notes = new List<string>();
        var servicePoint = outOfBand?.ServicePoint ?? (targets.Count == 1 ? targets[0].Server : null);
        var subject = options.SubjectOver(outOfBand?.Subject);
        if (subject is null || servicePoint is null)
        {
            notes.Add($"Site {site.SiteCode}: the AMT renewal kit's certificate request ({RequestFile}) is a placeholder to complete by hand: "
                + (servicePoint is null ? "the out-of-band service point is unknown (outOfBandManagement.servicePoint in the facts). " : string.Empty)
                + (subject is null ? $"give the subject with {AmtOptions.OrganizationOption.Name}, {AmtOptions.LocalityOption.Name}, {AmtOptions.StateOption.Name} and {AmtOptions.CountryOption.Name} (or outOfBandManagement.provisioningCertificateSubject in the facts)." : string.Empty));
        }

        var roots = (outOfBand?.TrustedRootHashes ?? []).Concat(options.TrustedRootHashes).Distinct(StringComparer.Ordinal).ToList();
        if (roots.Count == 0)
        {
            notes.Add($"Site {site.SiteCode}: no AMT-trusted root hashes are configured, so the check and the validation script cannot tell whether the certificate chains to a root the AMT firmware trusts; add them with {AmtOptions.TrustedRootOption.Name} or outOfBandManagement.trustedRootHashes (the hashes your vPro firmware holds; RemediationGen never guesses them).");
        }

        var (inUse, inUseSource) = InUse(outOfBand, findings);
        var model = new AmtProvisioningCertificateModel(
            options.ThresholdDays,
            roots,
            servicePoint ?? string.Empty,
            HasRequest: subject is not null && servicePoint is not null,
            subject?.Organization ?? string.Empty,
            subject?.Locality ?? string.Empty,
            subject?.State ?? string.Empty,
            subject?.Country ?? string.Empty,
            $"{context.Paths.SiteFolder(Problem)} in the RemediationGen package of site {site.SiteCode}",
            [.. findings.Select(f => $"{f.Server ?? "(unknown server)"}: {f.Summary}")],
            inUse,
            inUseSource);
        var siteFiles = new List<SiteFile>();
        // Without a known subject the request is a placeholder whose <...> parts the admin fills in (see RequestSubject).
        siteFiles.Add(new SiteFile(RequestFile, [RequestTemplate]));

        // The validation script runs the check's own functions (purpose, chain root) on the issued certificate.
        siteFiles.Add(new SiteFile(ValidationScript, [ValidateHeaderTemplate, TemplatePart.Check, ValidateTemplate]));
        siteFiles.Add(new SiteFile(ExportScript, [ExportTemplate]));
        var plan = new FixPlan(
            AmtProvisioningCertificateProblem.Descriptor,
            site.SiteCode,
            Title: $"AMT provisioning certificate for site {site.SiteCode}",
            Description: $"Warns when the Intel AMT provisioning certificate of site {site.SiteCode}'s out-of-band service point is missing, expires within {options.ThresholdDays} days, has no private key or chains to an untrusted root; detection only, with a renewal kit.",
            targets,
            findings,
            model)
        {
            HasRemediation = false,
            SiteFiles = siteFiles,
        };
        return new FixPlanResult(plan, notes);
    }

    /// <summary>
    /// The certificate ConfigMgr uses: the one amtopmgr.log warns about (when the open findings name exactly one), else the
    /// one the facts give. The newest certificate in the store is not necessarily loaded in the out-of-band component.
    /// </summary>
    private static (string Thumbprint, string Source) InUse(OutOfBandFacts? outOfBand, IReadOnlyList<Finding> findings)
    {
        var logged = findings
            .Where(f => f.Details.ContainsKey("thumbprint"))
            .GroupBy(f => f.Details["thumbprint"], StringComparer.Ordinal)
            .ToList();
        if (logged.Count == 1)
        {
            var servers = string.Join(", ", logged[0].Select(f => f.Server ?? "(unknown server)").Distinct(StringComparer.Ordinal));
            return (logged[0].Key, $"amtopmgr.log on {servers} when the package was generated");
        }

        return outOfBand?.ProvisioningCertificateThumbprint is { } facts
            ? (facts, "outOfBandManagement.provisioningCertificateThumbprint in the facts")
            : (string.Empty, string.Empty);
    }

    private static List<FixTarget> Targets(SiteFacts site, OutOfBandFacts? outOfBand, IReadOnlyList<Finding> findings, TargetSelection selection)
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
            // The service point, or a server the facts know in another role (the site server, where amtopmgr.log usually
            // is): only a server the facts do not know at all is flagged for the admin to check.
            var isServicePoint = outOfBand?.ServicePoint == server;
            var isSiteServer = string.Equals(server, site.SiteServer, StringComparison.Ordinal);
            var inFacts = isServicePoint || isSiteServer || serverFindings.Any(f => f.ServerInFacts);
            string[] roles = isServicePoint ? ["out-of-band service point"]
                : isSiteServer ? ["site server (amtopmgr.log; no out-of-band service point in the facts)"]
                : inFacts ? ["site system in the facts (amtopmgr.log)"]
                : ["named in logs only"];
            return new FixTarget(
                server,
                roles,
                inFacts,
                serverFindings.Count > 0
                    ? $"amtopmgr.log shows its provisioning certificate expiring or invalid ({serverFindings.Sum(f => f.Occurrences)} record(s))"
                    : "out-of-band service point: it holds the provisioning certificate; the check changes nothing",
                serverFindings);
        })];
    }
}
