using System.Reflection;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems;
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

    private static RenderedPackage Generate(FixOptionValues? options = null, bool logsRead = false, IReadOnlyList<string>? warnings = null, SiteFacts? site = null)
    {
        var facts = new HierarchyFacts([site ?? Site], "test", null, warnings ?? []);
        var generateOptions = new GenerateOptions(TargetSelection.All, []) { FixOptions = options ?? FixOptionValues.None };
        return Assert.Single(TestGenerator.Generate(facts, DiagnosisResult.Empty, logsRead, generateOptions).Packages);
    }

    /// <summary>Files other than the manifest whose bytes differ between two packages.</summary>
    private static List<string> ChangedFiles(RenderedPackage before, RenderedPackage after) =>
        [.. before.Files.Select(f => f.RelativePath)
            .Union(after.Files.Select(f => f.RelativePath))
            .Where(path => path != PackageLayout.ManifestFileName)
            .Where(path => !(before.Files.FirstOrDefault(f => f.RelativePath == path)?.Content ?? []).AsSpan()
                .SequenceEqual(after.Files.FirstOrDefault(f => f.RelativePath == path)?.Content ?? []))
            .Order(StringComparer.Ordinal)];

    private static readonly string[] TrustedRoot = ["0123456789ABCDEF0123456789ABCDEF01234567"];

    /// <summary>A value other than the default for every option a fix declares (a row per option: see <see cref="EveryDeclaredOption_HasARow"/>).</summary>
    public static TheoryData<string, object> OptionChanges => new()
    {
        { "--icl-overwrite-different", true },
        { "--amt-threshold-days", 60 },
        { "--amt-trusted-root", TrustedRoot },
        { "--amt-organization", "Fabrikam" },
        { "--amt-locality", "Berlin" },
        { "--amt-state", "Berlin" },
        { "--amt-country", "DE" },
    };

    private static SiteFacts SiteWithIssuingCertificateList { get; } = Site with { IssuingCertificateList = "AAAA", ManagementPoints = ["mp01.contoso.com"] };

    [Fact]
    public void SameInputs_SameDigest()
    {
        var first = TestGenerator.InputDigest(Generate());
        var second = TestGenerator.InputDigest(Generate(FixOptionValues.None.With("--amt-trusted-root", Array.Empty<string>())));

        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void AmtThresholdDays_ChangesTheScriptsAndTheDigest()
    {
        // generate --demo --amt-threshold-days 60 changed six files but not the digest.
        var before = Generate();
        var after = Generate(FixOptionValues.None.With("--amt-threshold-days", 60));

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
        Assert.NotEqual(TestGenerator.InputDigest(before), TestGenerator.InputDigest(after));
    }

    [Fact]
    public void IclOverwriteDifferent_ChangesTheIssuingCertificateListFilesAndTheDigest()
    {
        var before = Generate(site: SiteWithIssuingCertificateList);
        var after = Generate(FixOptionValues.None.With("--icl-overwrite-different", true), site: SiteWithIssuingCertificateList);

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
        Assert.NotEqual(TestGenerator.InputDigest(before), TestGenerator.InputDigest(after));
    }

    [Theory]
    [MemberData(nameof(OptionChanges))]
    public void EveryFixOption_ThatChangesAFile_ChangesTheDigest(string option, object changed)
    {
        var before = Generate(site: SiteWithIssuingCertificateList);
        var after = Generate(FixOptionValues.None.With(option, changed), site: SiteWithIssuingCertificateList);

        Assert.True(ChangedFiles(before, after).Count > 0, $"{option}: the test's change should reach a file");
        Assert.NotEqual(TestGenerator.InputDigest(before), TestGenerator.InputDigest(after));
    }

    [Fact]
    public void LogsReadAndFactsWarnings_ChangeTheReadmeAndTheDigest()
    {
        var plain = Generate();
        var logsRead = Generate(logsRead: true);
        var warned = Generate(warnings: ["dp09 was not used: not a host name."]);

        Assert.Equal(["README.md"], ChangedFiles(plain, logsRead));
        Assert.Equal(["README.md"], ChangedFiles(plain, warned));
        Assert.Equal(3, new[] { TestGenerator.InputDigest(plain), TestGenerator.InputDigest(logsRead), TestGenerator.InputDigest(warned) }.Distinct().Count());
    }

    [Fact]
    public void EveryDeclaredOption_HasARow()
    {
        // Each fix writes its own options into the digest (IFixOptions.WriteDigest); a new option gets a row above, which proves it does.
        Assert.Equal(
            [.. ProblemSet.Core.Fixes.SelectMany(fix => fix.Options).Select(option => option.Name).Order(StringComparer.Ordinal)],
            [.. OptionChanges.Select(row => (string)row[0]).Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public void Inputs_AreTheOnesTheDigestKnows()
    {
        // A new package input must be written into PackageManifest.InputDigest and covered above; then list it here.
        static string[] Properties(Type type) =>
            [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["FixOptions", "Sites", "Targets"], Properties(typeof(GenerateOptions)));
        Assert.Equal(["Diagnosis", "Facts", "FixOptions", "LogsRead", "Notes", "Plans", "Site", "SiteFindings", "SiteRejected", "Targets"], Properties(typeof(PackageInputs)));
    }
}
