using RemediationGen.Fixes;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.PowerShell;

/// <summary>The Windows PowerShell 5.1 gate on every generated script, and planted violations of each kind.</summary>
public sealed class WindowsPowerShell51GateTests
{
    private const string File = "planted.ps1";

    private const string ImportScript = "configmgr/Import-ConfigMgrBaseline.ps1";

    [Fact]
    public void DemoScripts_OfBothPrimarySites_PassTheGate()
    {
        var report = DemoPackages.Shared.Scripts;
        Assert.Equal(30, report.Files.Count);

        PowerShellAssert.PassesWindowsPowerShell51Gate(report);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoSitePackages_WithAndWithoutLogs_PassTheGate(bool logsRead)
    {
        using var folder = new TempDirectory();
        var result = TestGenerator.Generate(Rules.TestFacts.TwoSites, RemediationGen.Diagnosis.DiagnosisResult.Empty, logsRead, new RemediationGen.Packaging.GenerateOptions(TargetSelection.All, []));
        Assert.Equal(["PS1", "PS2"], result.Packages.Select(package => package.SiteCode));
        RemediationGen.Packaging.PackageWriter.Write(folder.Path, result.Packages, force: false);

        var report = PowerShellAssert.ParsesWithoutErrors([folder.Path]);

        // PxePasswordCertificate scripts only for PS2: its DP is the one with a PXE password.
        string[] issuingCertificateList = ["configmgr/IssuingCertificateList/discovery.ps1", "configmgr/IssuingCertificateList/remediation.ps1", "intune/IssuingCertificateList/detect.ps1", "intune/IssuingCertificateList/remediate.ps1"];
        string[] pxePassword = ["configmgr/PxePasswordCertificate/discovery.ps1", "configmgr/PxePasswordCertificate/remediation.ps1", "intune/PxePasswordCertificate/detect.ps1", "intune/PxePasswordCertificate/remediate.ps1", "site/PxePasswordCertificate/Invoke-PxePasswordRunbook.ps1"];
        // Every package: the import, publish and status scripts (issue 14).
        string[] perPackage = [ImportScript, "configmgr/Get-ConfigMgrBaselineStatus.ps1", "intune/Get-IntuneRemediationStatus.ps1", "intune/Publish-IntuneRemediation.ps1"];
        Assert.Equal(
            [.. issuingCertificateList.Concat(perPackage).Select(path => "PS1/" + path).Order(StringComparer.Ordinal),
             .. issuingCertificateList.Concat(pxePassword).Concat(perPackage).Select(path => "PS2/" + path).Order(StringComparer.Ordinal)],
            report.Files.Select(file => Path.GetRelativePath(folder.Path, file.File).Replace('\\', '/')).Order(StringComparer.Ordinal));
        PowerShellAssert.PassesWindowsPowerShell51Gate(report);
    }

    public static TheoryData<string, string> SyntaxViolations => new()
    {
        { "$a = $b ? 1 : 2", "1: Syntax: the ternary operator (a ? b : c) is PowerShell 7.0+" },
        { "$a = $b ?? 'default'", "1: Syntax: the null-coalescing operator ?? is PowerShell 7.0+" },
        { "$a ??= 'default'", "1: Syntax: the null-coalescing assignment ??= is PowerShell 7.0+" },
        { "$n = ${a}?.Length", "1: Syntax: the null-conditional member access ?. is PowerShell 7.1+" },
        { "$n = ${a}?[0]", "1: Syntax: the null-conditional index ?[] is PowerShell 7.1+" },
        { "Test-Path -Path 'C:\\x' && Write-Output 'yes'", "1: Syntax: the pipeline chain operator && is PowerShell 7.0+" },
        { "Test-Path -Path 'C:\\x' || Write-Output 'no'", "1: Syntax: the pipeline chain operator || is PowerShell 7.0+" },
        { "function F {\n    process { $_ }\n    clean { Write-Output 'done' }\n}", "3: Syntax: the clean block is PowerShell 7.3+" },
        { "Start-Sleep -Seconds 1 &", "1: Syntax: the background operator & at the end of a pipeline is PowerShell 6.0+" },
        { "$list = $x.ConvertAll[string]({ $args[0] })", "1: Syntax: generic method type arguments (.Method[T]()) are PowerShell 7.3+" },
        { "Write-Output \"`e[1mbold\"", "1: Syntax: the escape `e (ESC) is PowerShell 6.0+; 5.1 reads it as a plain 'e'" },
        { "Write-Output \"`u{2019}\"", "1: Syntax: the escape `u{...} is PowerShell 6.0+; 5.1 reads it as 'u{...}'" },
        { "$mask = 0b1010", "1: Syntax: the number literal 0b1010 (0b binary form) is PowerShell 6.2+" },
        { "$count = 5u", "1: Syntax: the number literal 5u (suffix u) is PowerShell 6.2+" },
        { "Set-StrictMode -Version Latest\nif ($IsWindows) { exit 0 }", "2: Syntax: $IsWindows is an automatic variable of PowerShell 6+; 5.1 has none (an error under Set-StrictMode)" },
        { "#Requires -Version 7.0\nexit 0", "1: Syntax: #Requires -Version 7.0 cannot run in Windows PowerShell 5.1" },
    };

    [Theory]
    [MemberData(nameof(SyntaxViolations))]
    public void Check_SyntaxWindowsPowerShell51Lacks_IsReported(string script, string expected) => AssertViolations(script, expected);

    [Fact]
    public void Check_ForEachObjectParallel_IsReportedAsSyntaxAndAsAParameter51Lacks()
    {
        AssertViolations(
            "1..3 | ForEach-Object -Parallel { $_ }",
            "1: Syntax: ForEach-Object -Parallel is PowerShell 7.0+",
            "1: Parameter: ForEach-Object has no parameter -Parallel in Windows PowerShell 5.1");
    }

    public static TheoryData<string, string> CommandViolations => new()
    {
        { "Get-Foo -Name 'x'", "1: Command: 'Get-Foo' is no Windows PowerShell 5.1 / Server 2016 cmdlet, no ConfigurationManager cmdlet, no function of this script and no native program" },
        { "$items = Get-Content -Path 'a.txt' | ConvertFrom-Markdown", "1: Command: 'ConvertFrom-Markdown' is no Windows PowerShell 5.1 / Server 2016 cmdlet, no ConfigurationManager cmdlet, no function of this script and no native program" },
    };

    [Theory]
    [MemberData(nameof(CommandViolations))]
    public void Check_CommandWindowsPowerShell51Lacks_IsReported(string script, string expected) => AssertViolations(script, expected);

    public static TheoryData<string, string> ParameterViolations => new()
    {
        { "$bytes = Get-Content -Path 'a.bin' -AsByteStream", "1: Parameter: Get-Content has no parameter -AsByteStream in Windows PowerShell 5.1" },
        { "$h = '{}' | ConvertFrom-Json -AsHashtable", "1: Parameter: ConvertFrom-Json has no parameter -AsHashtable in Windows PowerShell 5.1" },
        { "Get-ChildItem -Path 'C:\\' -F", "1: Parameter: Get-ChildItem: -F is ambiguous, it matches -File, -Filter, -FollowSymlink, -Force" },
        { "$p = @{ Path = 'C:\\'; Depht = 2 }\nGet-ChildItem @p", "2: Parameter: Get-ChildItem has no parameter -Depht (splatted) in Windows PowerShell 5.1" },
        { "$p = @{ Path = 'C:\\' }\n$p.NoSuch = 1\nGet-ChildItem @p", "3: Parameter: Get-ChildItem has no parameter -NoSuch (splatted) in Windows PowerShell 5.1" },
        { "$p = @{ Path = 'C:\\' }\n$p['NoSuch'] = 1\nGet-ChildItem @p", "3: Parameter: Get-ChildItem has no parameter -NoSuch (splatted) in Windows PowerShell 5.1" },
        { "Get-ChildItem @fromElsewhere", "1: Parameter: Get-ChildItem: splatted @fromElsewhere has no '$fromElsewhere = @{ ... }' in this file, so its parameters cannot be checked" },
        { "'x' | Out-File -FilePath 'a.txt' -Encoding utf8NoBOM", "1: Parameter: Out-File -Encoding utf8NoBOM: not a value Windows PowerShell 5.1 accepts (ASCII, BigEndianUnicode, BigEndianUTF32, Byte, Default, OEM, String, Unicode, Unknown, UTF32, UTF7, UTF8)" },
        { "Set-Content -Path 'a.txt' -Value 'x' -Encoding ansi", "1: Parameter: Set-Content -Encoding ansi: not a value Windows PowerShell 5.1 accepts (ASCII, BigEndianUnicode, BigEndianUTF32, Byte, Default, OEM, String, Unicode, Unknown, UTF32, UTF7, UTF8)" },
        { "Get-Item -Path 'C:\\x' -ErrorAction Break", "1: Parameter: Get-Item -ErrorAction Break: not a value Windows PowerShell 5.1 accepts (Continue, Ignore, Inquire, SilentlyContinue, Stop, Suspend)" },
        { "Set-Service -Name 'WDSServer' -StartupType AutomaticDelayedStart", "1: Parameter: Set-Service -StartupType AutomaticDelayedStart: not a value Windows PowerShell 5.1 accepts (Automatic, Boot, Disabled, Manual, System)" },
        { "function Get-TimeLeft {\n    param([DateTime]$Deadline)\n}\n$left = Get-TimeLeft -Dedline (Get-Date)", "4: Parameter: Get-TimeLeft has no parameter -Dedline (a function of this script)" },
        { "function Save-State {\n    [CmdletBinding()]\n    param([Alias('Path')][string]$FilePath)\n}\nSave-State -Path 'a' -ErrorAction Stop -WhatIf", "5: Parameter: Save-State has no parameter -WhatIf (a function of this script)" },
        { "$ci = Get-CMConfigurationItem -Name 'x' -DiscoveryScript 'y'", "1: Parameter: Get-CMConfigurationItem has no parameter -DiscoveryScript in Windows PowerShell 5.1" },
    };

    [Theory]
    [MemberData(nameof(ParameterViolations))]
    public void Check_ParameterTheCmdletLacks_IsReported(string script, string expected) => AssertViolations(script, expected);

    public static TheoryData<string, string> ParameterSetViolations => new()
    {
        { "Get-ItemProperty -Path 'HKLM:\\SOFTWARE' -LiteralPath 'HKLM:\\SOFTWARE' -Name 'x'", "1: ParameterSet: Get-ItemProperty: -Path (Path) and -LiteralPath (LiteralPath) share no parameter set" },
        { "$p = @{ Name = 'WDSServer'; DisplayName = 'Windows Deployment Services Server' }\nStop-Service @p", "2: ParameterSet: Stop-Service: -Name (Default) and -DisplayName (DisplayName) share no parameter set" },
    };

    [Theory]
    [MemberData(nameof(ParameterSetViolations))]
    public void Check_ParametersOfDifferentSets_AreReported(string script, string expected) => AssertViolations(script, expected);

    public static TheoryData<string, string> TypeViolations => new()
    {
        { "$x = [System.NoSuchType]::new()", "1: Type: no type [System.NoSuchType] in .NET Framework 4.8 or Windows PowerShell 5.1" },
        { "$x = [System.NoSuchType]::$member", "1: Type: no type [System.NoSuchType] in .NET Framework 4.8 or Windows PowerShell 5.1" },
        { "[uint]$count = 3", "1: Type: the type accelerator [uint] is PowerShell 6+; 5.1 cannot find it" },
        { "$v = [semver]'1.2.3'", "1: Type: the type accelerator [semver] is PowerShell 6+; 5.1 cannot find it" },
        { "$o = [ordered]::new()", "1: Type: [ordered] works in 5.1 only directly before a hashtable literal @{ ... }" },
        { "$e = [System.Web.HttpUtility]::UrlEncode('a b')", "1: Type: [System.Web.HttpUtility] is in assembly System.Web, which Windows PowerShell 5.1 does not load by default: Add-Type -AssemblyName System.Web first" },
        { "$r = New-Object -TypeName System.Text.Json.JsonDocumentOptions", "1: Type: no type [System.Text.Json.JsonDocumentOptions] in .NET Framework 4.8 or Windows PowerShell 5.1" },
        { "function F {\n    param([ValidateNotNullOrWhiteSpace()][string]$Name)\n}", "2: Type: the type accelerator [ValidateNotNullOrWhiteSpace] names System.Management.Automation.ValidateNotNullOrWhiteSpaceAttribute, which Windows PowerShell 5.1 does not have" },
    };

    [Theory]
    [MemberData(nameof(TypeViolations))]
    public void Check_TypeWindowsPowerShell51Lacks_IsReported(string script, string expected) => AssertViolations(script, expected);

    public static TheoryData<string, string> StaticMemberViolations => new()
    {
        { "$n = [Math]::Clamp($v, 0, 10)", "1: StaticMember: [Math]::Clamp(3 argument(s)): System.Math has no public static method Clamp in .NET Framework 4.8" },
        { "$hex = [Convert]::ToHexString($bytes)", "1: StaticMember: [Convert]::ToHexString(1 argument(s)): System.Convert has no public static method ToHexString in .NET Framework 4.8" },
        { "$r = [System.IO.Path]::GetRelativePath('a', 'b')", "1: StaticMember: [System.IO.Path]::GetRelativePath(2 argument(s)): System.IO.Path has no public static method GetRelativePath in .NET Framework 4.8" },
        { "$t = [string]::IsNullOrEmpty('a', 'b')", "1: StaticMember: [string]::IsNullOrEmpty(2 argument(s)): no overload of System.String.IsNullOrEmpty takes 2 argument(s) in .NET Framework 4.8 (it takes 1)" },
        { "$u = [System.Text.UTF8Encoding]::new($false, $true, $false)", "1: StaticMember: [System.Text.UTF8Encoding]::new(3 argument(s)): no constructor of System.Text.UTF8Encoding takes 3 argument(s) in .NET Framework 4.8 (they take 0, 1, 2)" },
        { "$u = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false, $true, $false", "1: StaticMember: New-Object System.Text.UTF8Encoding: no constructor of System.Text.UTF8Encoding takes 3 argument(s) in .NET Framework 4.8 (they take 0, 1, 2)" },
        { "$v = [Microsoft.Win32.RegistryView]::Registry128", "1: StaticMember: [Microsoft.Win32.RegistryView]::Registry128: Microsoft.Win32.RegistryView has no public static property, field or method Registry128 in .NET Framework 4.8" },
    };

    [Theory]
    [MemberData(nameof(StaticMemberViolations))]
    public void Check_StaticMemberOrOverloadNetFramework48Lacks_IsReported(string script, string expected) => AssertViolations(script, expected);

    public static TheoryData<string, string> InstanceMemberTraps => new()
    {
        { "$found = $text.Contains('x', [StringComparison]::OrdinalIgnoreCase)", "1: InstanceMemberTrap: .Contains('x', [StringComparison]::OrdinalIgnoreCase): String.Contains(string, StringComparison) is .NET Core 2.1+; .NET Framework 4.8 has Contains(string) only (use .IndexOf(x, comparison) -ge 0)" },
        { "$found = $text.Contains('x', 'Ordinal')", "1: InstanceMemberTrap: .Contains('x', 'Ordinal'): String.Contains(string, StringComparison) is .NET Core 2.1+; .NET Framework 4.8 has Contains(string) only (use .IndexOf(x, comparison) -ge 0)" },
        { "$parts = $data.Split('\\0')", "1: InstanceMemberTrap: .Split('\\0'): String.Split(string) is .NET Core 2.0+; 5.1 binds Split(char[]) and splits on each of the characters '\\0', not on the string (use -split or [string[]]@('...'))" },
        { "$added = $map.TryAdd('k', 1)", "1: InstanceMemberTrap: .TryAdd('k', 1): Dictionary.TryAdd is .NET Core 2.0+; .NET Framework 4.8 has no TryAdd" },
        { "$t = $text.Replace('a', 'b', [System.StringComparison]::Ordinal)", "1: InstanceMemberTrap: .Replace('a', 'b', [System.StringComparison]::Ordinal): String.Replace(string, string, StringComparison) is .NET Core 2.0+; .NET Framework 4.8 has Replace(a, b) only" },
    };

    [Theory]
    [MemberData(nameof(InstanceMemberTraps))]
    public void Check_InstanceCallWhoseArgumentsProveAMissingOverload_IsReported(string script, string expected) => AssertViolations(script, expected);

    public static TheoryData<string, string> OddTypeNames => new()
    {
        { "$e = [System.String, mscorlib]::Empty", "" },
        { "$m = New-Object -TypeName 'int[,]' -ArgumentList 2, 2", "" },
        { "$f = [System.Environment+SpecialFolder]::System", "" },
        { "$l = New-Object -TypeName 'System.Collections.Generic.List[string'", "1: Type: New-Object: 'System.Collections.Generic.List[string' is not a type name" },
        { "$x = New-Object -TypeName 'a]; Invoke-Pwned; [b'", "1: Type: New-Object: 'a]; Invoke-Pwned; [b' is not a type name" },
        { "$t = [System.Collections.Generic.List``1]", "" },
        { "$t = [System.Collections.Generic.NoList``1]", "1: Type: no type [System.Collections.Generic.NoList`1] in .NET Framework 4.8 or Windows PowerShell 5.1" },
    };

    [Theory]
    [MemberData(nameof(OddTypeNames))]
    public void Check_OddTypeNames_AreReportedWithoutThrowing(string script, string expected) =>
        AssertViolations(script, expected.Length == 0 ? [] : [expected]);

    [Fact]
    public void Check_ScriptThatDoesNotParse_ReportsOnlyTheParseError()
    {
        AssertViolations("$a = (1 +\n$b ? 1 : 2", "2: ParseError: MissingEndParenthesisInExpression: Missing closing ')' in expression.");
    }

    public static TheoryData<string> CleanScripts => new()
    {
        "Get-ChildItem -Path 'C:\\' -Recu -ea SilentlyContinue -Verbose | Out-Null\n'x' | Out-File -FilePath 'a.txt' -Encoding utf8 -ErrorAction Stop\nSet-Service -Name 'x' -StartupType Disabled",
        "$p = @{ Path = 'HKLM:\\SOFTWARE'; Name = 'x' }\n$p.ErrorAction = 'Stop'\nGet-ItemProperty @p -WhatIf:$false -Confirm:$false | Out-Null".Replace(" -WhatIf:$false -Confirm:$false", string.Empty, StringComparison.Ordinal),
        "Add-Type -AssemblyName System.Web\n$e = [System.Web.HttpUtility]::UrlEncode('a b')",
        "$s = Get-Service -Name 'WDSServer'\nif ($s.Status -eq [System.ServiceProcess.ServiceControllerStatus]::Running) { exit 0 }",
        "using namespace System.Text\n$b = [StringBuilder]::new(16)\n$e = New-Object UTF8Encoding $false",
        "class Item { [string]$Name }\n$i = [Item]::new()\n$o = [ordered]@{ A = 1 }\n$c = [pscustomobject]@{ B = 2 }",
        "$parts = $data.Split(',')\n$lines = $text -split '\\\\0'\n$x = [string]::Join(',', [string[]]@('a', 'b'))",
        "$k = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)",
        "$list = New-Object -TypeName 'System.Collections.Generic.List[string]'\n$d = [System.Collections.Generic.Dictionary[string, int]]::new([StringComparer]::OrdinalIgnoreCase)",
        "& \"$env:SystemRoot\\System32\\reg.exe\" QUERY 'HKLM\\SOFTWARE' /reg:64\ncertutil.exe -store My\n& $tool",
        "function Get-Thing {\n    [CmdletBinding(SupportsShouldProcess = $true)]\n    param([Parameter(Mandatory)][ValidateSet('a', 'b')][string]$Name)\n    Get-Thing -Name 'a'\n}",
        "$ci = Get-CMConfigurationItem -Name 'x' -Fast\n$p = @{ DiscoveryScriptText = 'x'; Is64Bit = $true }\nAdd-CMComplianceSettingScript -InputObject $ci @p -WhatIf",
    };

    [Theory]
    [MemberData(nameof(CleanScripts))]
    public void Check_ScriptWindowsPowerShell51Runs_ReportsNothing(string script)
    {
        Assert.Empty(WindowsPowerShell51Gate.Check(script, File));
    }

    [Fact]
    public void Check_DemoImportScriptWithAMadeUpParameter_ReportsItOnItsLine()
    {
        // A real generated script, one parameter renamed: the gate sees it among everything else the script does.
        var path = DemoPackages.Shared.Files("Import-ConfigMgrBaseline.ps1")[0];
        var lines = System.IO.File.ReadAllLines(path);
        var index = Array.FindIndex(lines, line => line.Contains("New-PSDrive", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("New-PSDrive", "New-PSDrive -Persistent", StringComparison.Ordinal);

        var violation = Assert.Single(WindowsPowerShell51Gate.Check(string.Join("\r\n", lines), path));

        Assert.Equal($"{path}:{index + 1}: Parameter: New-PSDrive has no parameter -Persistent in Windows PowerShell 5.1", violation.ToString());
    }

    [Fact]
    public void PassesWindowsPowerShell51Gate_KnownViolationThatNoLongerOccurs_Fails()
    {
        var report = new PowerShellSyntaxReport([PowerShellSyntax.Analyze("exit 0", File)]);

        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            PowerShellAssert.PassesWindowsPowerShell51Gate(report, [$"{File}:1: Type: gone"]));

        Assert.Contains($"1 known violation(s) no longer occur; remove them from the list:{Environment.NewLine}{File}:1: Type: gone", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ast_WhatPowerShell76HasBeyond51_IsExactlyWhatTheGateChecks()
    {
        // Compares the parser's own AST surface with the SMA 5.1 reference assembly: a newer SDK that adds syntax
        // fails here until the gate checks it (ChainableAst is the base of PipelineChainAst; the Default token is the
        // switch statement's 'default', which 5.1 reads as a plain word).
        const string Language = "System.Management.Automation.Language.";
        var astTypes = typeof(System.Management.Automation.Language.Ast).Assembly.GetExportedTypes()
            .Where(type => typeof(System.Management.Automation.Language.Ast).IsAssignableFrom(type)).ToList();
        Type? Type51(string name) => WindowsPowerShell51Types.Default.Find(Language + name, ["System.Management.Automation"]);

        var newTypes = astTypes.Where(type => Type51(type.Name) is null).Select(type => type.Name).Order(StringComparer.Ordinal);
        var newProperties = astTypes.Where(type => Type51(type.Name) is not null)
            .SelectMany(type => type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(property => Type51(type.Name)!.GetProperties().All(property51 => property51.Name != property.Name))
                .Select(property => type.Name + "." + property.Name))
            .Order(StringComparer.Ordinal);
        var tokenKinds51 = Type51("TokenKind")!.GetFields().Select(field => field.Name).ToHashSet(StringComparer.Ordinal);
        var newTokenKinds = Enum.GetNames<System.Management.Automation.Language.TokenKind>().Where(name => !tokenKinds51.Contains(name)).Order(StringComparer.Ordinal);

        Assert.Equal(["ChainableAst", "PipelineChainAst", "TernaryExpressionAst"], newTypes);
        Assert.Equal(["IndexExpressionAst.NullConditional", "InvokeMemberExpressionAst.GenericTypeArguments", "MemberExpressionAst.NullConditional", "PipelineAst.Background", "ScriptBlockAst.CleanBlock"], newProperties);
        Assert.Equal(["Clean", "Default", "QuestionDot", "QuestionLBracket", "QuestionMark", "QuestionQuestion", "QuestionQuestionEquals"], newTokenKinds);
    }

    [Fact]
    public void WindowsPowerShell51CmdletReference_Default_LoadsEveryCmdletWithSets()
    {
        var reference = WindowsPowerShell51CmdletReference.Default;

        Assert.Equal(1011, reference.CmdletCount);
        var name = Assert.Single(reference.ParametersOf("stop-service")!, parameter => parameter.Name == "Name");
        Assert.Equal(["ServiceName"], name.Aliases);
        Assert.Equal(["Default"], name.Sets);
        Assert.Null(reference.ParametersOf("Get-CMSite"));
    }

    private static void AssertViolations(string script, params string[] expected)
    {
        Assert.Equal(expected.Select(violation => $"{File}:{violation}"), WindowsPowerShell51Gate.Check(script, File).Select(violation => violation.ToString()));
    }
}
