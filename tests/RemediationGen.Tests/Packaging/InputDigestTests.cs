using System.Reflection;
using System.Text.Json;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Generation;
using RemediationGen.Packaging;
using RemediationGen.Problems.AmtProvisioningCertificate;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Packaging;

/// <summary>
/// manifest.json's <c>inputs.digestSha256</c> must change whenever the package's bytes change for a reason other than
/// the tool version: the same inputs give the same digest, and every option that reaches a file changes it.
/// </summary>
public sealed class InputDigestTests
{
    private static readonly SiteFacts Site = new("PS1", "cm01.contoso.com", null, [], [])
    {
        OutOfBand = new OutOfBandFacts("oob01.contoso.com", new ProvisioningSubject("Contoso Ltd", "Redmond", "Washington", "US"), []),
    };

    private static RenderedPackage Generate(AmtOptions amt, bool logsRead = false, IReadOnlyList<string>? warnings = null, SiteFacts? site = null, bool iclOverwriteDifferent = false)
    {
        var facts = new HierarchyFacts([site ?? Site], "test", null, warnings ?? []);
        var options = new GenerateOptions(TargetSelection.All, []) { Amt = amt.Validated(), IclOverwriteDifferent = iclOverwriteDifferent };
        return Assert.Single(TestGenerator.Generate(facts, DiagnosisResult.Empty, logsRead, options).Packages);
    }

    private static string Digest(RenderedPackage package)
    {
        using var manifest = JsonDocument.Parse(TestGenerator.Text(package, SitePackageBuilder.ManifestFileName));
        return manifest.RootElement.GetProperty("inputs").GetProperty("digestSha256").GetString()!;
    }

    /// <summary>Files other than the manifest whose bytes differ between two packages.</summary>
    private static List<string> ChangedFiles(RenderedPackage before, RenderedPackage after) =>
        [.. before.Files.Select(f => f.RelativePath)
            .Union(after.Files.Select(f => f.RelativePath))
            .Where(path => path != SitePackageBuilder.ManifestFileName)
            .Where(path => !(before.Files.FirstOrDefault(f => f.RelativePath == path)?.Content ?? []).AsSpan()
                .SequenceEqual(after.Files.FirstOrDefault(f => f.RelativePath == path)?.Content ?? []))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string, AmtOptions> AmtOptionChanges => new()
    {
        { nameof(AmtOptions.ThresholdDays), AmtOptions.Default with { ThresholdDays = 60 } },
        { nameof(AmtOptions.TrustedRootHashes), AmtOptions.Default with { TrustedRootHashes = ["0123456789ABCDEF0123456789ABCDEF01234567"] } },
        { nameof(AmtOptions.Organization), AmtOptions.Default with { Organization = "Fabrikam" } },
        { nameof(AmtOptions.Locality), AmtOptions.Default with { Locality = "Berlin" } },
        { nameof(AmtOptions.State), AmtOptions.Default with { State = "Berlin" } },
        { nameof(AmtOptions.Country), AmtOptions.Default with { Country = "DE" } },
    };

    [Fact]
    public void SameInputs_SameDigest()
    {
        var first = Digest(Generate(AmtOptions.Default));
        var second = Digest(Generate(AmtOptions.Default with { TrustedRootHashes = [] }));

        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void AmtThresholdDays_ChangesTheScriptsAndTheDigest()
    {
        // generate --demo --amt-threshold-days 60 changed six files but not the digest.
        var before = Generate(AmtOptions.Default);
        var after = Generate(AmtOptions.Default with { ThresholdDays = 60 });

        Assert.Equal(
            [
                "README.md",
                "configmgr/AmtProvisioningCertificate/discovery.ps1",
                "configmgr/Import-ConfigMgrBaseline.ps1",
                "intune/AmtProvisioningCertificate/detect.ps1",
                "intune/AmtProvisioningCertificate/deviceHealthScript.json",
                "site/AmtProvisioningCertificate/Test-AmtProvisioningCertificate.ps1",
            ],
            ChangedFiles(before, after));
        Assert.NotEqual(Digest(before), Digest(after));
    }

    [Fact]
    public void IclOverwriteDifferent_ChangesTheIssuingCertificateListFilesAndTheDigest()
    {
        var site = Site with { IssuingCertificateList = "AAAA", ManagementPoints = ["mp01.contoso.com"] };
        var before = Generate(AmtOptions.Default, site: site);
        var after = Generate(AmtOptions.Default, site: site, iclOverwriteDifferent: true);

        Assert.Equal(
            [
                "README.md",
                "configmgr/IssuingCertificateList/discovery.ps1",
                "configmgr/IssuingCertificateList/remediation.ps1",
                "intune/IssuingCertificateList/detect.ps1",
                "intune/IssuingCertificateList/deviceHealthScript.json",
                "intune/IssuingCertificateList/remediate.ps1",
            ],
            ChangedFiles(before, after));
        Assert.NotEqual(Digest(before), Digest(after));
    }

    [Theory]
    [MemberData(nameof(AmtOptionChanges))]
    public void EveryAmtOption_ThatChangesAFile_ChangesTheDigest(string option, AmtOptions changed)
    {
        var before = Generate(AmtOptions.Default);
        var after = Generate(changed);

        Assert.True(ChangedFiles(before, after).Count > 0, $"{option}: the test's change should reach a file");
        Assert.NotEqual(Digest(before), Digest(after));
    }

    [Fact]
    public void LogsReadAndFactsWarnings_ChangeTheReadmeAndTheDigest()
    {
        var plain = Generate(AmtOptions.Default);
        var logsRead = Generate(AmtOptions.Default, logsRead: true);
        var warned = Generate(AmtOptions.Default, warnings: ["dp09 was not used: not a host name."]);

        Assert.Equal(["README.md"], ChangedFiles(plain, logsRead));
        Assert.Equal(["README.md"], ChangedFiles(plain, warned));
        Assert.Equal(3, new[] { Digest(plain), Digest(logsRead), Digest(warned) }.Distinct().Count());
    }

    [Fact]
    public void Options_AreTheOnesTheDigestKnows()
    {
        // A new option or package input must be written into PackageManifest.InputDigest and covered above; then list it here.
        static string[] Properties(Type type) =>
            [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["Country", "Locality", "Organization", "State", "ThresholdDays", "TrustedRootHashes"], Properties(typeof(AmtOptions)));
        Assert.Equal([.. AmtOptionChanges.Select(row => (string)row[0]).Order(StringComparer.Ordinal)], Properties(typeof(AmtOptions)));
        Assert.Equal(["Amt", "IclOverwriteDifferent", "Sites", "Targets"], Properties(typeof(GenerateOptions)));
        Assert.Equal(["Amt", "Diagnosis", "Facts", "IclOverwriteDifferent", "LogsRead", "Notes", "Plans", "Site", "Targets"], Properties(typeof(PackageInputs)));
    }
}
