using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RemediationGen.Demo;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Tests.PowerShell;
using RemediationGen.Tests.Support;
using RemediationGen.Tests.Templates;

namespace RemediationGen.Tests.Packaging;

/// <summary>What must hold for every package the demo produces, whatever the exact text.</summary>
public sealed class GeneratedPackageTests
{
    private static DemoPackages Demo => DemoPackages.Shared;

    [Fact]
    public void EveryScript_ParsesWithThePowerShellParser()
    {
        var report = Demo.Scripts;

        PowerShellAssert.ParsesWithoutErrors(report);

        Assert.Equal(Demo.Files("*.ps1"), report.Files.Select(file => file.File));
        Assert.Equal(DemoSnapshot.Sites.Sum(site => site.Files.Count(f => f.EndsWith(".ps1", StringComparison.Ordinal))), report.Files.Count);
    }

    [Fact]
    public void ImportScripts_UseOnlyDocumentedConfigMgrCmdletsAndParameters()
    {
        var report = Demo.ScriptsMatching("Import-ConfigMgrBaseline.ps1");
        PowerShellAssert.ParsesWithoutErrors(report);

        PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report);
        var addSetting = report.Files.SelectMany(f => f.Commands).First(c => c.Name == "Add-CMComplianceSettingScript");
        Assert.Equal(["settingParameters", "remediationParameters"], addSetting.SplattedVariables);
        Assert.Superset(
            new HashSet<string>(["InputObject", "DataType", "DiscoveryScriptLanguage", "DiscoveryScriptText", "RemediationScriptLanguage", "RemediationScriptText", "Is64Bit", "ValueRule", "RuleName", "ExpressionOperator", "ExpectedValue", "Remediate"]),
            addSetting.Parameters.ToHashSet());
        var newItem = report.Files.SelectMany(f => f.Commands).First(c => c.Name == "New-CMConfigurationItem");
        Assert.Contains("CreationType", newItem.Parameters);
    }

    [Fact]
    public void ImportScripts_ChangeTheSiteOnlyInsideShouldProcessAndCanPreviewWithWhatIf()
    {
        var report = Demo.ScriptsMatching("Import-ConfigMgrBaseline.ps1");
        foreach (var file in report.Files)
        {
            var lines = File.ReadAllLines(file.File);
            Assert.Contains("[CmdletBinding(SupportsShouldProcess = $true)]", lines);
            // -WhatIf reaches New-PSDrive too; without -WhatIf:$false the preview would have no site drive.
            var drive = Assert.Single(file.Commands, c => c.Name == "New-PSDrive");
            Assert.Contains("WhatIf", drive.Parameters);
            foreach (var change in file.Commands.Where(c => c.Name.StartsWith("New-CM", StringComparison.Ordinal) && c.Name != "New-CMSchedule"
                || c.Name.StartsWith("Set-CM", StringComparison.Ordinal) || c.Name.StartsWith("Add-CM", StringComparison.Ordinal)))
            {
                Assert.True(PowerShellAssert.InsideShouldProcessBlock(lines, change.Line - 1), $"{change.Name} at line {change.Line} changes the site outside a ShouldProcess block");
            }
        }
    }

    [Fact]
    public void EveryScript_IsAsciiWithCrlfAndNoBom()
    {
        foreach (var script in Demo.Files("*.ps1"))
        {
            var bytes = File.ReadAllBytes(script);
            Assert.True(bytes.All(b => b is (>= 0x20 and <= 0x7E) or 0x0D or 0x0A), $"{script} must be printable 7-bit ASCII");
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == 0x0A)
                {
                    Assert.True(i > 0 && bytes[i - 1] == 0x0D, $"{script}: LF without CR at byte {i}");
                }
            }
        }
    }

    [Fact]
    public void IntuneDetection_EndsWithExplicitExitCodesAndNeverReturnsAtTopLevel()
    {
        foreach (var script in Demo.Files("detect.ps1"))
        {
            var lines = File.ReadAllLines(script);
            Assert.Equal("exit 1", lines[^1]);
            Assert.Contains("    exit 0", lines);
            Assert.DoesNotContain(lines, line => line.StartsWith("return", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains("Write-Host", StringComparison.Ordinal) || line.Contains("Write-Error", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ConfigMgrDiscovery_PrintsExactlyOneValueAndExitsZero()
    {
        var report = Demo.ScriptsMatching("discovery.ps1");
        foreach (var file in report.Files)
        {
            // Functions return values to their caller; the one thing the script writes is the discovery value.
            Assert.Equal(["Write-Output"], file.Commands.Where(c => c.Name.StartsWith("Write-", StringComparison.Ordinal)).Select(c => c.Name));
            var lines = File.ReadAllLines(file.File);
            Assert.Equal(["Write-Output $discoveryValue", "exit 0"], lines[^2..]);
            Assert.Contains("$discoveryValue = 'Compliant'", lines.Select(l => l.Trim()));
        }
    }

    [Fact]
    public void Remediation_WritesTheSixtyFourBitViewWithRegExeAndBacksUpFirst()
    {
        foreach (var script in Demo.Files("remediat*.ps1").Where(f => f.Contains("IssuingCertificateList", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(script);
            Assert.Contains("& $regExe ADD 'HKLM\\SOFTWARE\\Microsoft\\SMS\\Security' /v $IssuingCertificateListValueName /t REG_MULTI_SZ /d $data /f /reg:64", text, StringComparison.Ordinal);
            Assert.Contains("[Microsoft.Win32.RegistryView]::Registry64", text, StringComparison.Ordinal);
            Assert.True(
                text.IndexOf("$backup = Save-IssuingCertificateListBackup", StringComparison.Ordinal) < text.IndexOf("$method = Write-IssuingCertificateList", StringComparison.Ordinal),
                "the backup must come before the write");
        }
    }

    [Fact]
    public void Scripts_CarryTheSiteValueAsALiteralThatDecodesToItsEntries()
    {
        foreach (var site in DemoHierarchy.Facts().Sites.Where(s => s.ManagementPoints.Count > 0))
        {
            var script = Path.Combine(Demo.Folder, site.SiteCode, "intune", "IssuingCertificateList", "detect.ps1");
            var line = File.ReadAllLines(script).Single(l => l.StartsWith("$ExpectedIssuingCertificateList = [string[]]", StringComparison.Ordinal));

            var entries = PowerShellLiteralDecoder.DecodeList(line["$ExpectedIssuingCertificateList = [string[]]".Length..]);

            Assert.Equal(IssuingCertificateListValue.Entries(site.IssuingCertificateList!), entries);
        }
    }

    [Fact]
    public void IntuneBody_HoldsTheExactScriptBytesAndTheRequiredSettings()
    {
        foreach (var bodyPath in Demo.Files("deviceHealthScript.json"))
        {
            using var body = JsonDocument.Parse(File.ReadAllBytes(bodyPath));
            var root = body.RootElement;
            var folder = Path.GetDirectoryName(bodyPath)!;
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "detect.ps1")), Convert.FromBase64String(root.GetProperty("detectionScriptContent").GetString()!));
            var remediate = Path.Combine(folder, "remediate.ps1");
            var remediationContent = root.GetProperty("remediationScriptContent").GetString()!;
            if (File.Exists(remediate))
            {
                Assert.Equal(File.ReadAllBytes(remediate), Convert.FromBase64String(remediationContent));
            }
            else
            {
                // A detection-only pair: Graph takes an empty remediation.
                Assert.Equal(string.Empty, remediationContent);
            }
            Assert.Equal("system", root.GetProperty("runAsAccount").GetString());
            Assert.False(root.GetProperty("runAs32Bit").GetBoolean());
            Assert.False(root.GetProperty("enforceSignatureCheck").GetBoolean());
            Assert.Equal(["0"], root.GetProperty("roleScopeTagIds").EnumerateArray().Select(e => e.GetString()));
            Assert.NotEqual("Microsoft", root.GetProperty("publisher").GetString());
            Assert.StartsWith("RemediationGen ", root.GetProperty("displayName").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Manifest_ListsEveryOtherFileWithItsHash()
    {
        foreach (var manifestPath in Demo.Files("manifest.json"))
        {
            var siteFolder = Path.GetDirectoryName(manifestPath)!;
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            var listed = manifest.RootElement.GetProperty("files").EnumerateArray()
                .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("sha256").GetString()!);
            var onDisk = Directory.EnumerateFiles(siteFolder, "*", SearchOption.AllDirectories)
                .Where(f => f != manifestPath)
                .ToDictionary(f => Path.GetRelativePath(siteFolder, f).Replace('\\', '/'), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
            Assert.Equal(onDisk.OrderBy(p => p.Key, StringComparer.Ordinal), listed.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal("RemediationGen", manifest.RootElement.GetProperty("tool").GetString());
            Assert.Equal(64, manifest.RootElement.GetProperty("inputs").GetProperty("digestSha256").GetString()!.Length);
        }
    }

    [Fact]
    public void Demo_TargetsEveryManagementPointPxeDistributionPointAndAffectedServer()
    {
        // The expected targets are the snapshot's (output-samples/): its targets files, which its manifest explains.
        string[] Targets(string site, string pair) => Encoding.UTF8.GetString(
            Demo.Result.Packages.Single(p => p.SiteCode == site).Files.Single(f => f.RelativePath == $"targets/{pair}.txt").Content)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(DemoSnapshot.Sites.Select(s => s.Code), Demo.Result.Packages.Select(p => p.SiteCode));
        foreach (var site in DemoSnapshot.Sites)
        {
            foreach (var (pair, targets) in site.Pairs)
            {
                Assert.Equal(site.Text($"targets/{pair}.txt").Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Targets(site.Code, pair));
                Assert.Equal(targets.Select(t => t.Server), Targets(site.Code, pair));
            }
        }

        // IssuingCertificateList goes to every management point and PXE-enabled DP of a site, as the facts list them.
        foreach (var facts in DemoHierarchy.Facts().Sites.Where(s => DemoSnapshot.Sites.Any(p => p.Code == s.SiteCode)))
        {
            Assert.Superset(
                facts.ManagementPoints.Concat(facts.DistributionPoints.Where(d => d.IsPxe).Select(d => d.ServerName)).ToHashSet(StringComparer.Ordinal),
                Targets(facts.SiteCode, "IssuingCertificateList").ToHashSet(StringComparer.Ordinal));
        }

        // A site of the facts without a package says why.
        foreach (var code in DemoSnapshot.SitesWithoutPackage)
        {
            Assert.Single(Demo.Result.Notes, n => n.StartsWith($"Site {code}: no ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Generate_TwiceFromTheSameInputs_GivesTheSameBytes()
    {
        using var again = new DemoPackages();

        foreach (var file in Demo.Files("*"))
        {
            var relative = Path.GetRelativePath(Demo.Folder, file);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(again.Folder, relative)));
        }
    }
}
