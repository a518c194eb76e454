using System.Text;
using System.Text.RegularExpressions;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems.PxePasswordCertificate;
using RemediationGen.Tests.PowerShell;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Problems.PxePasswordCertificate;

public sealed class PxePasswordCertificateFixTests
{
    private const string Runbook = "site/PxePasswordCertificate/Invoke-PxePasswordRunbook.ps1";

    private static readonly SiteFacts Site = new(
        "PS1",
        "cm01.contoso.com",
        null,
        [],
        [
            new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: false),
            new DistributionPointFacts("dp02.contoso.com", IsPxe: true, PxePasswordSet: true) { PxeResponder = "SccmPxe", CertificateThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567" },
            new DistributionPointFacts("dp03.contoso.com", IsPxe: false, PxePasswordSet: true),
        ]);

    private static Finding Blocked(string server, Resolution? resolution = null) => new(
        PxePasswordCertificateProblem.Id,
        Severity.Error,
        "PS1",
        server,
        ServerInFacts: true,
        "summary",
        [new Evidence("SMSPXE.log", 3, null, "SMSPXE", "Failed to validate PXEClientKey certificate.")],
        Occurrences: 3) { Resolution = resolution };

    private static GenerationResult Generate(TargetSelection selection, params Finding[] findings)
    {
        var facts = new HierarchyFacts([Site], "test", null, []);
        return TestGenerator.Generate(facts, new DiagnosisResult(findings, [], [], 1, 1), logsRead: true, new GenerateOptions(selection, []));
    }

    private static string Text(RenderedPackage package, string path) => TestGenerator.Text(package, path);

    [Fact]
    public void Plan_AllTargets_PxeDistributionPointsWithAPasswordAndThoseInTheLogs()
    {
        var package = Assert.Single(Generate(TargetSelection.All, Blocked("dp01.contoso.com")).Packages);

        Assert.Equal("dp01.contoso.com\r\ndp02.contoso.com\r\n", Text(package, "targets/PxePasswordCertificate.txt"));
    }

    [Fact]
    public void Plan_AffectedTargets_OnlyUnresolvedFindings()
    {
        var resolved = Blocked("dp02.contoso.com", new Resolution(new Evidence("distmgr.log", 9, null, null, "DP registry settings have been successfully updated on dp02.contoso.com"), "updated"));

        var package = Assert.Single(Generate(TargetSelection.Affected, Blocked("dp01.contoso.com"), resolved).Packages);

        Assert.Equal("dp01.contoso.com\r\n", Text(package, "targets/PxePasswordCertificate.txt"));
    }

    [Fact]
    public void Runbook_KnowsItsDistributionPointsAndTheSiteServerLogs()
    {
        var runbook = Text(Assert.Single(Generate(TargetSelection.All).Packages), Runbook);

        Assert.Contains("    [pscustomobject]@{ Name = 'dp02.contoso.com'; ExpectedThumbprint = '0123456789ABCDEF0123456789ABCDEF01234567'; Responder = 'SccmPxe' }", runbook, StringComparison.Ordinal);
        Assert.Contains(@"[string]$DistmgrLogPath = '\\cm01.contoso.com\SMS_PS1\Logs\distmgr.log',", runbook, StringComparison.Ordinal);
        Assert.Contains("[ValidateSet('Preconditions', 'ClearPassword', 'WaitForDistmgr', 'RestartPxe', 'RestorePassword')]", runbook, StringComparison.Ordinal);
        foreach (var step in new[] { "Preconditions", "ClearPassword", "WaitForDistmgr", "RestartPxe", "RestorePassword" })
        {
            Assert.Contains($"function Invoke-{step} {{", runbook, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Package_ParsesAndNoFileHoldsAPasswordOrAPlaceToPasteOne()
    {
        using var folder = new TempDirectory();
        var package = Assert.Single(Generate(TargetSelection.All, Blocked("dp01.contoso.com")).Packages);
        PackageWriter.Write(folder.Path, [package], force: false);

        var report = PowerShellAssert.ParsesWithoutErrors([folder.Path]);

        PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report);
        foreach (var file in package.Files)
        {
            var text = Encoding.UTF8.GetString(file.Content);
            Assert.DoesNotContain("AsPlainText", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConvertTo-SecureString", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex(@"\$PxePassword\s*=\s*['""]", RegexOptions.IgnoreCase), text);
            Assert.DoesNotMatch(new Regex(@"password\s*[:=]\s*['""][^'""]", RegexOptions.IgnoreCase), text);
        }

        var runbook = Text(package, Runbook);
        Assert.Contains("    [System.Security.SecureString]$PxePassword\r\n)", runbook, StringComparison.Ordinal);
        Assert.Contains("Read-Host -Prompt ('New PXE password for ' + $DistributionPoint) -AsSecureString", runbook, StringComparison.Ordinal);
        Assert.Contains("Set-CMDistributionPoint -SiteSystemServerName $DistributionPoint -SiteCode $SiteCode -PxePassword $PxePassword", runbook, StringComparison.Ordinal);
    }

    [Fact]
    public void Runbook_WhatIfChangesNothing()
    {
        var lines = Text(Assert.Single(Generate(TargetSelection.All).Packages), Runbook).Split("\r\n");

        Assert.Contains("[CmdletBinding(SupportsShouldProcess = $true)]", lines);
        // Every change to the site or the DP sits in a ShouldProcess block...
        foreach (var change in new[] { "[void]$role.Put()", "Restart-PxeService -Name $serviceName", "Set-CMDistributionPoint -SiteSystemServerName" })
        {
            var index = Array.FindIndex(lines, l => l.Contains(change, StringComparison.Ordinal));
            Assert.True(index >= 0, $"{change} not found");
            Assert.True(PowerShellAssert.InsideShouldProcessBlock(lines, index), $"{change} runs outside a ShouldProcess block");
        }

        // ...the waits, the password prompt and ClearPassword's stop for the console are skipped, and only local
        // bookkeeping runs with -WhatIf:$false.
        Assert.Equal(4, lines.Count(l => l.Trim() == "if ($WhatIfPreference) {"));
        Assert.Contains("Start-Transcript -Path $transcriptPath -WhatIf:$false | Out-Null", lines);
        Assert.Contains("    if (-not $WhatIfPreference) {", lines);
    }

    [Fact]
    public void RemediationAndRunbook_ChooseThePxeServiceWithTheOneSharedFunction()
    {
        var package = Assert.Single(Generate(TargetSelection.All).Packages);
        var remediations = new[] { "intune/PxePasswordCertificate/remediate.ps1", "configmgr/PxePasswordCertificate/remediation.ps1" };

        foreach (var path in remediations.Append(Runbook))
        {
            var lines = Text(package, path).Split("\r\n");
            Assert.Single(lines, l => l.Contains("function Get-PxeServiceName", StringComparison.Ordinal));
            Assert.Single(lines, l => l.Contains("Get-Service", StringComparison.Ordinal) && l.Contains("-ErrorAction SilentlyContinue", StringComparison.Ordinal));
            Assert.Contains("        if ($null -ne $service -and [string]$service.StartType -ne 'Disabled') {", lines);
        }

        foreach (var path in remediations)
        {
            Assert.Contains("    $service = Get-PxeServiceName", Text(package, path).Split("\r\n"));
        }

        var runbook = Text(package, Runbook).Split("\r\n");
        Assert.Contains("    $serviceName = Get-PxeServiceName -ComputerName $DistributionPoint", runbook);
        Assert.Equal(
            ["$service = Get-Service @where -Name $name -ErrorAction SilentlyContinue", "$controller = Get-Service @where -Name $Name"],
            runbook.Where(l => l.Contains("Get-Service", StringComparison.Ordinal)).Select(l => l.Trim()));
    }

    [Fact]
    public void Runbook_StopsThePxeServiceOnlyWhenItRuns()
    {
        var lines = Text(Assert.Single(Generate(TargetSelection.All).Packages), Runbook).Split("\r\n");

        // The runbook restarts with the shared, bounded Restart-PxeService, which stops only a service that runs.
        Assert.Contains("            Restart-PxeService -Name $serviceName -ComputerName $DistributionPoint -Deadline ((Get-Date).AddMinutes(4))", lines);
        var stop = Array.IndexOf(lines, "            $controller.Stop()");
        Assert.True(stop > 0, "$controller.Stop() not found");
        Assert.Equal(
            "        if ($controller.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Stopped -and $controller.Status -ne [System.ServiceProcess.ServiceControllerStatus]::StopPending) {",
            lines[stop - 1]);
        Assert.Equal("        }", lines[stop + 1]);
        Assert.Equal("        $controller.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Stopped, (Get-TimeLeft -Deadline $Deadline.AddSeconds($LateStopSeconds)))", lines[stop + 2]);
    }

    [Fact]
    public void Check_RegexIsTheOneTheScriptsRunOnDotNet()
    {
        // PowerShell's [regex] is .NET's Regex: run the template's own pattern on a KB 4511618 record.
        var template = File.ReadAllText(Path.Combine(Repository.Root, "templates", "pxe-password-certificate", "check.ps1.scriban"));
        var pattern = Regex.Match(template, @"\[regex\]::Matches\(\$Text, '([^']+)'\)").Groups[1].Value;
        const string Log = "Begin validation of Certificate [Thumbprint 5F1966C815ADC9B25E8D9979917E26B5396D9154] issued to 'dp02.contoso.com'\n"
            + "Certificate [5F1966C815ADC9B25E8D9979917E26B5396D9154] issued to 'dp02.contoso.com' has expired.\n";

        var match = Regex.Matches(Log, pattern);

        Assert.Equal("5F1966C815ADC9B25E8D9979917E26B5396D9154", Assert.Single(match).Groups[1].Value);
    }

    [Fact]
    public void Remediation_WaitsLessThanConfigMgrsDefaultScriptTimeout()
    {
        var detect = Text(Assert.Single(Generate(TargetSelection.All).Packages), "configmgr/PxePasswordCertificate/remediation.ps1");

        Assert.Contains($"$PxeRestartWaitSeconds = {SiteSystemGuard.PxeServiceWaitSeconds}", detect, StringComparison.Ordinal);
        Assert.InRange(SiteSystemGuard.PxeServiceWaitSeconds, 10, 50);
    }

    [Fact]
    public void Remediation_TheDeadlineIsSetFirstAndBoundsTheRestartAndEveryWait()
    {
        var package = Assert.Single(Generate(TargetSelection.All).Packages);

        foreach (var path in new[] { "intune/PxePasswordCertificate/remediate.ps1", "configmgr/PxePasswordCertificate/remediation.ps1" })
        {
            var lines = Text(package, path).Split("\r\n");
            var start = Array.IndexOf(lines, "function Invoke-Remediation {");
            var body = lines[start..Array.IndexOf(lines, "}", start)];

            // The deadline is the first statement, so the restart's own time counts against it...
            Assert.Equal("    $deadline = (Get-Date).AddSeconds($PxeRestartWaitSeconds)", body.First(l => !l.TrimStart().StartsWith('#') && l != body[0]));
            Assert.Contains("    Restart-PxeService -Name $service -Deadline $deadline", body);
            Assert.Contains("    while ($null -eq $after -and (Get-Date) -lt $deadline) {", body);
            Assert.Contains("        Start-Sleep -Milliseconds ([int][Math]::Min(3000, (Get-TimeLeft -Deadline $deadline).TotalMilliseconds))", body);

            // ...and the restart waits for the service only until then: no Restart-Service, which waits without limit.
            Assert.DoesNotContain(lines, l => l.Contains("Restart-Service", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'));
            Assert.Equal(
                [
                    "$controller.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Stopped, (Get-TimeLeft -Deadline $Deadline.AddSeconds($LateStopSeconds)))",
                    "$controller.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Running, $startWait)",
                ],
                lines.Where(l => l.Contains("WaitForStatus", StringComparison.Ordinal)).Select(l => l.Trim()));
            Assert.Single(lines, l => l.Contains("Start-Sleep", StringComparison.Ordinal));
            Assert.Contains(
                "        if ($controller.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Stopped -and $controller.Status -ne [System.ServiceProcess.ServiceControllerStatus]::StopPending) {",
                lines);
        }
    }
}
