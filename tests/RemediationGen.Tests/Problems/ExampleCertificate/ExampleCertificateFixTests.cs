using System.Text.Json;
using RemediationGen.Fixes;
using RemediationGen.Jobs;
using RemediationGen.Packaging;
using RemediationGen.Verification;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Problems.ExampleCertificate;

/// <summary>
/// The made-up fourth problem end to end, through the same job as <c>generate</c>: supplied to the engine (discovery
/// reads only the core assembly), diagnosed from its fixtures, planned, rendered from the templates in its folder,
/// packaged, written and verified. No engine file names it.
/// </summary>
public sealed class ExampleCertificateFixTests
{
    private static readonly ProblemHome Home = ProblemHome.Of(new ExampleCertificateProblem());

    private static GenerateJobResult Generate(string folder, string fixtures, FixOptionValues? options = null) =>
        GenerateJob.Run(
            new GenerateJobOptions(new FactsSource.Demo(), [Home.Fixtures(fixtures)], folder, ["PS1"], TargetSelection.All, TemplateDirectory: null, Force: false)
            {
                Problems = ProblemHome.All,
                FixOptions = options ?? FixOptionValues.None,
            },
            TimeProvider.System);

    [Fact]
    public void Violating_IsDiagnosedGeneratedPackagedAndVerified()
    {
        using var output = new TempDirectory();

        var result = Generate(output.Combine("out"), "violating");

        var finding = Assert.Single(result.Diagnosis.Findings, f => f.RuleId == ExampleCertificateProblem.Id);
        Assert.Equal(("PS1", "mp01.contoso.com"), (finding.SiteCode, finding.Server));
        var package = Assert.Single(result.Packages);
        var paths = package.Files.Select(f => f.RelativePath).ToList();
        Assert.Contains("intune/ExampleCertificate/detect.ps1", paths);
        Assert.Contains("configmgr/ExampleCertificate/discovery.ps1", paths);
        Assert.DoesNotContain("intune/ExampleCertificate/remediate.ps1", paths);
        Assert.Equal("mp01.contoso.com\r\n", TestGenerator.Text(package, "targets/ExampleCertificate.txt"));
        Assert.Contains("$ExampleSubject = 'CN=example.ps1.contoso.com'\r\n", TestGenerator.Text(package, "intune/ExampleCertificate/detect.ps1"), StringComparison.Ordinal);
        Assert.Contains("## Example certificate for site PS1\r\n", TestGenerator.Text(package, "README.md"), StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(TestGenerator.Text(package, PackageLayout.ManifestFileName));
        Assert.Contains(manifest.RootElement.GetProperty("pairs").EnumerateArray(), pair => pair.GetProperty("name").GetString() == ExampleCertificateProblem.Id);
        Assert.Contains(manifest.RootElement.GetProperty("templates").EnumerateArray(), t => t.GetProperty("name").GetString() == "example-certificate/check.ps1.scriban");
        var report = PackageVerifier.Verify(Path.Combine(output.Combine("out"), "PS1"), [], TimeProvider.System);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Clean_GivesNoPairForIt()
    {
        using var output = new TempDirectory();

        var result = Generate(output.Combine("out"), "clean");

        Assert.DoesNotContain(result.Diagnosis.Findings, f => f.RuleId == ExampleCertificateProblem.Id);
        Assert.All(result.Packages, package => Assert.DoesNotContain(package.Files, f => f.RelativePath.Contains(ExampleCertificateProblem.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public void ItsPair_ComesLastInEachPackage()
    {
        using var output = new TempDirectory();

        var package = Assert.Single(Generate(output.Combine("out"), "violating").Packages);

        using var manifest = JsonDocument.Parse(TestGenerator.Text(package, PackageLayout.ManifestFileName));
        Assert.Equal(ExampleCertificateProblem.Id, manifest.RootElement.GetProperty("pairs").EnumerateArray().Last().GetProperty("name").GetString());
    }

    [Fact]
    public void ItsOption_ReachesTheScriptAndTheDigest_WithNoEngineEdit()
    {
        using var output = new TempDirectory();

        var plain = Assert.Single(Generate(output.Combine("plain"), "violating").Packages);
        var given = Assert.Single(Generate(output.Combine("given"), "violating", FixOptionValues.None.With("--example-subject", "CN=other")).Packages);

        Assert.Contains("$ExampleSubject = 'CN=other'\r\n", TestGenerator.Text(given, "intune/ExampleCertificate/detect.ps1"), StringComparison.Ordinal);
        Assert.NotEqual(TestGenerator.InputDigest(plain), TestGenerator.InputDigest(given));
    }

    [Fact]
    public void ItsOption_IsCheckedBeforeAnythingIsRead()
    {
        using var output = new TempDirectory();

        var ex = Assert.Throws<RemediationGenException>(() => Generate(output.Combine("out"), "violating", FixOptionValues.None.With("--example-subject", string.Empty)));

        Assert.Equal("--example-subject: the subject is empty.", ex.Message);
        Assert.False(Directory.Exists(output.Combine("out")));
    }
}
