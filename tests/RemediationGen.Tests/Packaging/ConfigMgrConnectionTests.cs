using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Packaging;

/// <summary>
/// The import script and the PXE runbook connect to the site (the console's module, the site drive) with one shared
/// function, so both refuse to create a site drive without a provider name, and both keep the drive after connecting.
/// </summary>
public sealed class ConfigMgrConnectionTests
{
    private const string ImportScript = "configmgr/Import-ConfigMgrBaseline.ps1";
    private const string Runbook = "site/PxePasswordCertificate/Invoke-PxePasswordRunbook.ps1";

    private static readonly string[] ConnectFunction =
    [
        "function Connect-ConfigMgrSite {",
        "    # Loads the ConfigurationManager module of the console and creates the site drive when it does not exist yet;",
        "    # shared by the import script and the PXE runbook. Connecting changes nothing on the site, so it happens even under",
        "    # -WhatIf (else a preview could not run). The drive is made in the script's scope: one made in this function's own",
        "    # scope would be gone when it returns.",
        "    param([string]$SiteCode, [string]$ProviderMachineName)",
        "",
        "    if (-not (Get-Module -Name ConfigurationManager)) {",
        "        if (-not $env:SMS_ADMIN_UI_PATH) {",
        "            throw 'The ConfigurationManager module was not found: run this script where the Configuration Manager console is installed.'",
        "        }",
        "        Import-Module -Name (Join-Path -Path $env:SMS_ADMIN_UI_PATH -ChildPath '..\\ConfigurationManager.psd1')",
        "    }",
        "    if (-not (Get-PSDrive -Name $SiteCode -PSProvider CMSite -ErrorAction SilentlyContinue)) {",
        "        if (-not $ProviderMachineName) {",
        "            throw ('There is no site drive ' + $SiteCode + ':, and no -ProviderMachineName (the SMS Provider) was given to create it.')",
        "        }",
        "        New-PSDrive -Name $SiteCode -PSProvider CMSite -Root $ProviderMachineName -Scope Script -WhatIf:$false | Out-Null",
        "    }",
        "}",
    ];

    private static RenderedPackage Generate(string? siteServer)
    {
        var site = new SiteFacts("PS1", siteServer, null, ["mp01.contoso.com"], [new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: true)]);
        var facts = new HierarchyFacts([site], "test", null, []);
        return Assert.Single(TestGenerator.Generate(facts, DiagnosisResult.Empty, logsRead: false, new GenerateOptions(TargetSelection.All, [])).Packages);
    }

    private static string[] Lines(RenderedPackage package, string path) => TestGenerator.Text(package, path).Split("\r\n");

    private static string[] FunctionLines(string[] lines)
    {
        var start = Array.IndexOf(lines, "function Connect-ConfigMgrSite {");
        Assert.True(start >= 0, "function Connect-ConfigMgrSite not found");
        return lines[start..(Array.IndexOf(lines, "}", start) + 1)];
    }

    [Theory]
    [InlineData(ImportScript)]
    [InlineData(Runbook)]
    public void Script_ConnectsWithTheSharedFunctionOnly(string path)
    {
        var lines = Lines(Generate("cm01.contoso.com"), path);

        Assert.Equal(ConnectFunction, FunctionLines(lines));
        Assert.Single(lines, l => l.Contains("function Connect-ConfigMgrSite", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("New-PSDrive", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Import-Module", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportScript_ConnectsBeforeItTouchesTheSite()
    {
        var lines = Lines(Generate(siteServer: null), ImportScript);

        var connect = Array.IndexOf(lines, "Connect-ConfigMgrSite -SiteCode $SiteCode -ProviderMachineName $ProviderMachineName");
        Assert.True(connect > Array.IndexOf(lines, "}"), "the import connects after the function is defined");
        Assert.True(connect < Array.IndexOf(lines, "Push-Location -Path ($SiteCode + ':\\')"), "the import connects before it uses the site drive");
        Assert.Contains("    [string]$ProviderMachineName = '',", lines);
    }

    [Fact]
    public void Runbook_ConnectsInEveryStepThatUsesTheSiteDrive()
    {
        var lines = Lines(Generate(siteServer: null), Runbook);

        Assert.Contains("    [string]$ProviderMachineName = '',", lines);
        Assert.Equal(
            ["Connect-Site -Step 'Preconditions'", "Connect-Site -Step 'RestorePassword'"],
            lines.Where(l => l.TrimStart().StartsWith("Connect-Site ", StringComparison.Ordinal)).Select(l => l.Trim()));
        Assert.Single(lines, l => l.Trim() == "Connect-ConfigMgrSite -SiteCode $SiteCode -ProviderMachineName $ProviderMachineName");
        Assert.Equal(2, lines.Count(l => l.Trim() == "Push-Location -Path ($SiteCode + ':\\')"));
        // ClearPassword talks to the SMS Provider directly: it refuses an empty name rather than asking this computer.
        Assert.Contains("        Stop-Runbook 'ClearPassword' 'no SMS Provider to edit the site control object on.' 'give -ProviderMachineName (the SMS Provider, usually the site server).'", lines);
    }
}
