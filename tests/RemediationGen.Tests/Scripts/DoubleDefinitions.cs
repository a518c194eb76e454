using System.Management.Automation;
using System.Text;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The PowerShell side of the doubles: a global function per Windows or ConfigMgr cmdlet the scripts use (a function
/// wins over a cmdlet of the same name), with the reference's parameters; type accelerators for the .NET types that
/// only work on Windows; the REG.exe alias; the <c>Invoke-Pwned</c> tripwire.
/// </summary>
internal static class DoubleDefinitions
{
    private const string World = "[RemediationGen.Tests.Scripts.ScriptWorld]::Running";

    /// <summary>Windows PowerShell 5.1 cmdlets whose real behaviour needs Windows, or a machine state the test sets.</summary>
    public static readonly string[] WindowsCmdlets =
    [
        "Get-Service", "Restart-Service", "Start-Sleep", "Get-Date", "Read-Host", "Get-Item", "Test-Path", "Export-PfxCertificate",
        "Get-Module", "Import-Module", "Get-PSDrive", "New-PSDrive", "Push-Location", "Pop-Location", "Start-Transcript",
        "Stop-Transcript", "Get-WmiObject",
    ];

    /// <summary>The ConfigurationManager cmdlets the scripts call.</summary>
    public static readonly string[] ConfigMgrCmdlets =
    [
        "Get-CMConfigurationItem", "Get-CMBaseline", "Get-CMDeviceCollection", "New-CMConfigurationItem", "Add-CMComplianceSettingScript",
        "New-CMBaseline", "Set-CMBaseline", "New-CMDeviceCollection", "Get-CMDevice", "Add-CMDeviceCollectionDirectMembershipRule",
        "New-CMSchedule", "New-CMBaselineDeployment", "Get-CMDistributionPoint", "Get-CMDistributionPointInfo", "Set-CMDistributionPoint",
        "Get-CMResource", "Get-CMBaselineDeployment", "Remove-CMBaselineDeployment", "Remove-CMBaseline", "Remove-CMConfigurationItem", "Remove-CMCollection",
        "Get-CMBaselineDeploymentStatus", "Get-CMDeploymentStatusDetails",
    ];

    /// <summary>The Microsoft.Graph.Authentication cmdlets the publish and status scripts call (graph-cmdlet-parameters.json).</summary>
    public static readonly string[] GraphCmdlets = ["Connect-MgGraph", "Invoke-MgGraphRequest"];

    /// <summary>Full type names a script names that are replaced by a fake (the real ones throw off Windows).</summary>
    public static readonly IReadOnlyDictionary<string, Type> FakeTypes = new Dictionary<string, Type>
    {
        ["Microsoft.Win32.RegistryKey"] = typeof(FakeRegistryKey),
        ["System.IO.DriveInfo"] = typeof(FakeDriveInfo),
        ["System.Security.Cryptography.X509Certificates.X509Store"] = typeof(FakeX509Store),
        ["System.IO.FileStream"] = typeof(FakeFileStream),
    };

    private const string DefaultBody =
        "$__answer = " + World + ".Invoke('__NAME__', $PSBoundParameters, [bool]$WhatIfPreference)\n" +
        "if ($null -ne $__answer) { foreach ($__item in $__answer) { if ($__item -is [RemediationGen.Tests.Scripts.Doubles.DoubleError]) { Write-Error -Message $__item.Message -Category ObjectNotFound } else { $__item } } }\n";

    /// <summary>Doubles that pass most calls to the real cmdlet, with Windows paths mapped to the world's folders.</summary>
    private static readonly Dictionary<string, string> SpecialBodies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Get-Date"] =
            "if ($PSBoundParameters.Count -eq 0) { return " + World + ".Now }\n" +
            "if (-not $PSBoundParameters.ContainsKey('Date')) { $PSBoundParameters['Date'] = " + World + ".Now }\n" +
            "Microsoft.PowerShell.Utility\\Get-Date @PSBoundParameters\n",
        ["Get-Item"] =
            "if ([string](@($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1) -like 'Cert:*') {\n" + DefaultBody.Replace("__NAME__", "Get-Item", StringComparison.Ordinal) + "return }\n" +
            MapPaths + "Microsoft.PowerShell.Management\\Get-Item @PSBoundParameters\n",
        ["Test-Path"] = MapPaths + "Microsoft.PowerShell.Management\\Test-Path @PSBoundParameters\n",
        // The site drive is a real drive here, so a script's location changes as on Windows, and a path that depends on it
        // (relative, or a bare \\server path) is resolved by the site drive's provider, not the FileSystem.
        ["New-PSDrive"] = DefaultBody.Replace("__NAME__", "New-PSDrive", StringComparison.Ordinal) + "if ([string]$PSProvider -eq 'CMSite') { Use-FakeSiteDrive -Name $Name }\n",
        ["Push-Location"] =
            DefaultBody.Replace("__NAME__", "Push-Location", StringComparison.Ordinal) +
            "if ($Path -match '^([A-Za-z0-9]{2,}):\\\\?$' -and " + World + ".ConfigMgr.SiteDriveExists) { Use-FakeSiteDrive -Name $Matches[1] }\n" +
            "Microsoft.PowerShell.Management\\Push-Location @PSBoundParameters\n",
        ["Pop-Location"] = DefaultBody.Replace("__NAME__", "Pop-Location", StringComparison.Ordinal) + "Microsoft.PowerShell.Management\\Pop-Location @PSBoundParameters\n",
        // As the real cmdlet: the status and headers go to the caller's variables; with -SkipHttpErrorCheck an error's body is returned.
        ["Invoke-MgGraphRequest"] =
            "$__response = " + World + ".Invoke('Invoke-MgGraphRequest', $PSBoundParameters, $false)\n" +
            "if ($StatusCodeVariable) { Set-Variable -Name $StatusCodeVariable -Value $__response.StatusCode -Scope 1 -WhatIf:$false }\n" +
            "if ($ResponseHeadersVariable) { Set-Variable -Name $ResponseHeadersVariable -Value $__response.Headers -Scope 1 -WhatIf:$false }\n" +
            "if ($__response.StatusCode -ge 400 -and -not $SkipHttpErrorCheck) { throw ('Response status code does not indicate success: ' + $__response.StatusCode) }\n" +
            "if ($__response.Json) { if ([string]$OutputType -eq 'PSObject') { $__response.Json | ConvertFrom-Json } else { $__response.Json | ConvertFrom-Json -AsHashtable } }\n",
    };

    private const string MapPaths =
        "foreach ($__key in @('Path', 'LiteralPath')) { if ($PSBoundParameters.ContainsKey($__key)) { $PSBoundParameters[$__key] = [string[]]@($PSBoundParameters[$__key] | ForEach-Object { " + World + ".MapCmdletPath([string]$_, [string]$ExecutionContext.SessionState.Path.CurrentLocation.Provider.Name) }) } }\n";

    /// <summary>The script that defines every double in a runspace (run once per runspace).</summary>
    public static string Script()
    {
        var script = new StringBuilder();
        foreach (var cmdlet in WindowsCmdlets.Concat(ConfigMgrCmdlets).Concat(GraphCmdlets))
        {
            var body = SpecialBodies.TryGetValue(cmdlet, out var special) ? special : DefaultBody.Replace("__NAME__", cmdlet, StringComparison.Ordinal);
            script.Append("function global:").Append(cmdlet).AppendLine(" {")
                .Append(CmdletReferences.ParamBlock(cmdlet))
                .Append(body)
                .AppendLine("}");
        }

        script.AppendLine("function global:Invoke-FakeRegExe {")
            .AppendLine("    $__result = " + World + ".RegExe([string[]]@($args | ForEach-Object { [string]$_ }))")
            .AppendLine("    if ($null -ne $__result.Error) { Write-Error -Message $__result.Error }")
            .AppendLine("    $global:LASTEXITCODE = $__result.ExitCode")
            .AppendLine("}");
        // The CMSite drive of a site: a drive of the Variable provider, as CMSite a provider that holds no files.
        script.AppendLine("function global:Use-FakeSiteDrive { param([string]$Name) if (-not (Microsoft.PowerShell.Management\\Get-PSDrive -Name $Name -ErrorAction SilentlyContinue)) { Microsoft.PowerShell.Management\\New-PSDrive -Name $Name -PSProvider Variable -Root '' -Scope Global -WhatIf:$false | Out-Null } }");
        script.AppendLine("function global:Invoke-Pwned { " + World + ".RecordCommand('Invoke-Pwned', [object[]]$args) }");
        script.AppendLine("$global:PSNativeCommandArgumentPassing = 'Legacy'");
        return script.ToString();
    }

    /// <summary>Per run: REG.exe under the world's %SystemRoot% (and by bare name) runs the double.</summary>
    public static string RunSetup() =>
        "foreach ($__name in @((Join-Path -Path $env:SystemRoot -ChildPath 'System32\\reg.exe'), 'reg.exe', 'reg')) { Set-Alias -Name $__name -Value Invoke-FakeRegExe -Scope Global -Force }\n" +
        "if (Test-Path -LiteralPath variable:global:LASTEXITCODE) { Remove-Variable -Name LASTEXITCODE -Scope Global }\n" +
        "Set-StrictMode -Version Latest\n";

    /// <summary>
    /// Registers the fake types for every runspace of the process (type accelerators are process-wide), and drops
    /// the real types from PowerShell's process-wide type-name cache: a parse made earlier in the test process (the
    /// parser resolves type literals) would otherwise keep resolving the full names to the real, Windows-only types.
    /// </summary>
    public static void UseFakeTypes()
    {
        var accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators")!;
        var add = accelerators.GetMethod("Add", [typeof(string), typeof(Type)])!;
        foreach (var (name, type) in FakeTypes)
        {
            add.Invoke(null, [name, type]);
        }

        var cache = (System.Collections.IDictionary)typeof(PSObject).Assembly.GetType("System.Management.Automation.Language.TypeCache")!
            .GetField("s_cache", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.GetValue(null)!;
        var stale = cache.Keys.Cast<object>().Where(key => cache[key] is Type cached && FakeTypes.ContainsKey(cached.FullName ?? string.Empty) && !FakeTypes.Values.Contains(cached)).ToList();
        foreach (var key in stale)
        {
            cache.Remove(key);
        }
    }
}
