using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Tests.PowerShell;
using RemediationGen.Tests.Scripts;
using RemediationGen.Tests.Support;
using RemediationGen.Tests.Templates;

namespace RemediationGen.Tests.Packaging;

/// <summary>
/// A value read from a database or a log must never change what a generated script does. Site codes and server
/// names are validated on the way in (FactsFileTests, the rule and reader tests); these tests feed hostile text through
/// every field that is free text and check the scripts still parse, hold it only as data, and do the same things.
/// </summary>
public sealed class HostileInputTests
{
    // One list of hostile values for generation (here) and for running the scripts (the script harness).
    private static string[] HostileEntries => PackageUnderTest.HostileEntries;

    private static SiteFacts Site(string value) => new(
        "PS1",
        "cm01.contoso.com",
        value,
        ["mp01.contoso.com"],
        [new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: false)]);

    private static DiagnosisResult HostileLogs()
    {
        var evidence = new Evidence("logs/cm01.contoso.com/CertMgr.log", 7, null, "SMS_CERTIFICATE_MANAGER", "| # <script>alert(1)</script> `$(Invoke-Pwned)` [x](javascript:y)\n## heading");
        var finding = new Finding(IssuingCertificateListProblem.Id, Severity.Error, "PS1", "dp01.contoso.com", true, "summary with | and `ticks`", [evidence], 1);
        var rejected = new RejectedEvidence(IssuingCertificateListProblem.Id, null, "dp05'; Invoke-Pwned; '|<b>", "not a host name", evidence);
        return new DiagnosisResult([finding], [rejected], [], 1, 1);
    }

    private static RenderedPackage Generate(string value, DiagnosisResult diagnosis)
    {
        var facts = new HierarchyFacts([Site(value)], "test", null, ["warning with | pipe and <html>"]);
        return Assert.Single(TestGenerator.Generate(facts, diagnosis, logsRead: true, new GenerateOptions(TargetSelection.All, [])).Packages);
    }

    private static string Text(RenderedPackage package, string path) => TestGenerator.Text(package, path);

    [Fact]
    public void HostileValue_ScriptsParseAndDoTheSameAsWithABenignValue()
    {
        using var folder = new TempDirectory();
        // The benign value also holds a quote, so both take the same (registry API) write path.
        var benign = Generate("\"PLAIN\"\\0ENTRY", DiagnosisResult.Empty);
        var hostile = Generate(string.Join("\\0", HostileEntries), HostileLogs());
        PackageWriter.Write(folder.Combine("benign"), [benign], force: false);
        PackageWriter.Write(folder.Combine("hostile"), [hostile], force: false);

        var report = PowerShellAssert.ParsesWithoutErrors([folder.Path]);
        PowerShellAssert.PassesWindowsPowerShell51Gate(report);

        foreach (var script in hostile.Files.Where(f => f.RelativePath.EndsWith(".ps1", StringComparison.Ordinal)))
        {
            var hostileCommands = report.ForFile(folder.Combine("hostile", "PS1", script.RelativePath)).Commands.Select(c => c.Name);
            var benignCommands = report.ForFile(folder.Combine("benign", "PS1", script.RelativePath)).Commands.Select(c => c.Name);
            Assert.Equal(benignCommands, hostileCommands);
            Assert.DoesNotContain("Invoke-Pwned", hostileCommands);
        }
    }

    [Fact]
    public void HostileValue_IsCarriedAsLiteralEntriesAndWrittenWithTheRegistryApi()
    {
        var package = Generate(string.Join("\\0", HostileEntries), DiagnosisResult.Empty);

        foreach (var path in new[] { "intune/IssuingCertificateList/detect.ps1", "configmgr/IssuingCertificateList/remediation.ps1" })
        {
            var line = Text(package, path).Split("\r\n").Single(l => l.StartsWith("$ExpectedIssuingCertificateList = [string[]]", StringComparison.Ordinal));
            Assert.Equal(HostileEntries, PowerShellLiteralDecoder.DecodeList(line["$ExpectedIssuingCertificateList = [string[]]".Length..]));
        }

        var remediation = Text(package, "intune/IssuingCertificateList/remediate.ps1");
        Assert.DoesNotContain("& $regExe", remediation, StringComparison.Ordinal);
        Assert.Contains("$key.SetValue($IssuingCertificateListValueName, [string[]]$ExpectedIssuingCertificateList, [Microsoft.Win32.RegistryValueKind]::MultiString)", remediation, StringComparison.Ordinal);
        Assert.Contains("# Not REG.exe: 'the value holds a double quote, which Windows PowerShell 5.1 cannot pass to REG.exe intact'.", remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileLogText_ReachesNoScriptAndIsEscapedInTheReadme()
    {
        var package = Generate("AAAA", HostileLogs());

        foreach (var script in package.Files.Where(f => f.RelativePath.EndsWith(".ps1", StringComparison.Ordinal)))
        {
            var text = Encoding.ASCII.GetString(script.Content);
            Assert.DoesNotContain("Invoke-Pwned", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        }

        var readme = Text(package, "README.md");
        Assert.DoesNotContain("<script>", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("\n## heading", readme, StringComparison.Ordinal);
        Assert.Contains(@"\| # \<script\>alert(1)\</script\> \`$(Invoke-Pwned)\` \[x\](javascript:y) ## heading", readme, StringComparison.Ordinal);
        Assert.Contains(@"dp05'; Invoke-Pwned; '\|\<b\>", readme, StringComparison.Ordinal);
        Assert.Contains(@"warning with \| pipe and \<html\>", readme, StringComparison.Ordinal);
    }
}
