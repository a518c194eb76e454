using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;

namespace RemediationGen.Tests.Problems.ExampleCertificate;

/// <summary>A detection-only pair per site, for the servers the logs show failing; its one template is check.ps1.</summary>
internal sealed class ExampleCertificateFix : IFix
{
    public ProblemDescriptor Problem => ExampleCertificateProblem.Descriptor;

    public IReadOnlyList<TemplatePart> OwnTemplates { get; } = [TemplatePart.Check];

    public IReadOnlyList<FixOption> Options => [ExampleCertificateOptions.SubjectOption];

    public IFixOptions BindOptions(FixOptionValues values) => ExampleCertificateOptions.Bind(values);

    public FixPlanResult Plan(SiteFacts site, FixContext context)
    {
        var findings = context.OpenFindings(ExampleCertificateProblem.Id, site.SiteCode);
        if (findings.Count == 0)
        {
            return new FixPlanResult(null, []);
        }

        var targets = FixContext.ByServer(findings)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new FixTarget(pair.Key, ["management point"], pair.Value[0].ServerInFacts, "example.log says its certificate has expired", pair.Value))
            .ToList();
        var plan = new FixPlan(
            Problem,
            site.SiteCode,
            Title: $"Example certificate for site {site.SiteCode}",
            Description: $"Reports whether the example certificate of site {site.SiteCode} is still valid; detection only.",
            targets,
            findings,
            new ExampleCertificateModel(context.Options.Get<ExampleCertificateOptions>().Subject ?? $"CN=example.{site.SiteCode.ToLowerInvariant()}.contoso.com"))
        {
            HasRemediation = false,
        };
        return new FixPlanResult(plan, []);
    }
}

/// <summary>What the example templates see as <c>Fix</c>.</summary>
internal sealed record ExampleCertificateModel(string Subject) : IFixModel;
