using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems;
using RemediationGen.Tests.Rules;

namespace RemediationGen.Tests.Problems.ExampleCertificate;

/// <summary>The made-up problem's rule, run by the engine like any other: violating fixtures give a finding, clean ones none.</summary>
public sealed class ExampleCertificateRuleTests
{
    private static readonly ProblemHome Home = ProblemHome.Of(new ExampleCertificateProblem());

    private static DiagnosisResult Diagnose(string kind)
    {
        var discovery = LogDiscovery.Discover([Home.Fixtures(kind)], TestFacts.TwoSites);
        return new Diagnoser(ProblemHome.All.Rules).Run(discovery.Files, new DiagnosisContext(TestFacts.TwoSites), discovery.Problems);
    }

    [Fact]
    public void Violating_GivesOneFindingForTheServerWhoseLogItIs()
    {
        var finding = Assert.Single(Diagnose("violating").Of(ExampleCertificateProblem.Id));

        Assert.Equal("mp01.contoso.com", finding.Server);
        Assert.Equal("PS1", finding.SiteCode);
        Assert.True(finding.ServerInFacts);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(ExampleCertificateProblem.Descriptor.FixDescription, finding.Fix);
        Assert.Equal(1, finding.Occurrences);
        Assert.Equal("example.log", Path.GetFileName(Assert.Single(finding.Evidence).File));
    }

    [Fact]
    public void Clean_GivesNoFinding()
    {
        var result = Diagnose("clean");

        Assert.Empty(result.Of(ExampleCertificateProblem.Id));
        Assert.Equal(1, result.FilesRead);
    }

    [Fact]
    public void TheCoreRulesAlone_DoNotSeeIt()
    {
        var discovery = LogDiscovery.Discover([Home.Fixtures("violating")], TestFacts.TwoSites);

        var result = new Diagnoser(ProblemSet.Core.Rules).Run(discovery.Files, new DiagnosisContext(TestFacts.TwoSites), discovery.Problems);

        Assert.Empty(result.Findings);
    }
}
