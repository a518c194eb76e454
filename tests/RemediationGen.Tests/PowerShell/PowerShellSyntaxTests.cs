namespace RemediationGen.Tests.PowerShell;

/// <summary>
/// The PowerShell parser and the assertions built on it. Every snippet below is parsed by one check over all of
/// them (<see cref="PowerShellSnippets"/>); only the check's own failure path runs a check of its own.
/// </summary>
public sealed class PowerShellSyntaxTests(PowerShellSnippets parsed) : IClassFixture<PowerShellSnippets>
{
    /// <summary>The folder of <see cref="Check_Directory_ParsesPs1FilesRecursivelyInOneReport"/>, given to the checker as a folder.</summary>
    internal const string TreeFolder = "tree";

    public static TheoryData<string, string> ValidSnippets => new()
    {
        {
            "strict-mode-header",
            "#Requires -Version 5.1\nSet-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n"
        },
        {
            "try-catch-exit",
            "try {\n    $value = Get-ItemPropertyValue -Path 'HKLM:\\SOFTWARE\\X' -Name 'Y'\n}\ncatch {\n    Write-Output \"Failed: $($_.Exception.Message)\"\n    exit 1\n}\n"
        },
        {
            "if-else-exit",
            "$service = Get-Service -Name 'WDSServer' -ErrorAction SilentlyContinue\nif ($null -ne $service -and $service.Status -eq 'Running') {\n    Write-Output 'Compliant'\n    exit 0\n}\nelse {\n    Write-Output 'Not compliant'\n    exit 1\n}\n"
        },
        {
            "splatted-cm-cmdlet",
            "$settingParameters = @{\n    SettingName = 'PXE'\n    DataType = 'String'\n    Is64Bit = $true\n    DiscoveryScriptLanguage = 'PowerShell'\n    DiscoveryScriptText = $discovery\n}\nAdd-CMComplianceSettingScript -InputObject $ci @settingParameters\n"
        },
        {
            "reg-exe-64-bit-view",
            "& REG.exe ADD \"HKLM\\SOFTWARE\\X\" /v Y /t REG_MULTI_SZ /d \"a\\0b\" /f /reg:64\nif ($LASTEXITCODE -ne 0) { exit 1 }\n"
        },
        {
            "char-concatenation",
            "$quote = [char]0x2018 + 'text' + [char]0x2019\n$dash = 'a' + [char]0x2013 + 'b'\n"
        },
        {
            "here-string",
            "$script = @'\nline one\n  \"quoted\" $notExpanded\n'@\nWrite-Output $script\n"
        },
        {
            "function-with-param-on-its-own-line",
            "function Test-Value {\n    param([string] $Name)\n    try { return $Name.Length -gt 0 } catch { return $false }\n}\n"
        },
        {
            "crlf-line-endings",
            "Set-StrictMode -Version Latest\r\nif (Test-Path -Path 'C:\\Temp') {\r\n    exit 0\r\n}\r\nelse {\r\n    exit 1\r\n}\r\n"
        },
    };

    /// <summary>Every file the one run parses; a test whose snippet is missing here fails: the report has no entry for it.</summary>
    internal static IReadOnlyList<PowerShellSnippet> Snippets =>
    [
        .. ValidSnippets.Select(row => ValidSnippet((string)row[0])),
        Bom, Unclosed, Unterminated, Direct, OneLine, Splat, Reassigned, Additions, .. Tree, Good, Bad, Documented, MadeUp, MadeUpCmdlet,
    ];

    [Theory]
    [MemberData(nameof(ValidSnippets))]
    public void Check_ValidSnippet_ReportsNoErrors(string name, string source)
    {
        var snippet = ValidSnippet(name);
        var file = parsed.PathOf(snippet.Name);
        Assert.Equal(source, File.ReadAllText(file));

        var report = parsed.ReportOf(snippet);

        PowerShellAssert.ParsesWithoutErrors(report);
        var fileReport = Assert.Single(report.Files);
        Assert.Empty(fileReport.Errors);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(fileReport.File));
    }

    private static PowerShellSnippet ValidSnippet(string name) =>
        new(name + ".ps1", ValidSnippets.Where(row => (string)row[0] == name).Select(row => (string)row[1]).Single());

    [Fact]
    public void Check_FilesAndAFolderInOneRun_ReportsEachFileOnceInArgumentOrder()
    {
        var expected = parsed.Arguments.SelectMany(argument => argument == parsed.PathOf(TreeFolder)
            ? [parsed.PathOf(TreeFolder + "/b.ps1"), parsed.PathOf(TreeFolder + "/sub/a.ps1")]
            : new[] { argument });

        Assert.Equal(expected, parsed.Report.Files.Select(file => Path.GetFullPath(file.File)));
    }

    private static readonly PowerShellSnippet Bom = new("bom.ps1", "Set-StrictMode -Version Latest\r\n\r\nWrite-Output 'x'\r\n", Utf8Bom: true);

    [Fact]
    public void Check_Utf8BomAndCrlf_ReportsCommandsOnTheirLines()
    {
        var fileReport = parsed.File(Bom);

        Assert.Empty(fileReport.Errors);
        Assert.Equal([("Set-StrictMode", 1), ("Write-Output", 3)], fileReport.Commands.Select(command => (command.Name, command.Line)));
    }

    private static readonly PowerShellSnippet Unclosed = new("unclosed.ps1", "Set-StrictMode -Version Latest\nif ($true) {\n    Write-Output 'x'\n");

    [Fact]
    public void Check_UnclosedBrace_ReportsMissingBraceAfterTheOpenBlock()
    {
        var error = Assert.Single(parsed.File(Unclosed).Errors);

        Assert.Equal("MissingEndCurlyBrace", error.ErrorId);
        Assert.Equal(2, error.Line);
        Assert.Equal(12, error.Column);
    }

    private static readonly PowerShellSnippet Unterminated = new("unterminated.ps1", "Set-StrictMode -Version Latest\n$a = 1\nWrite-Output \"abc\nexit 0\n");

    [Fact]
    public void Check_UnterminatedString_ReportsErrorOnThatLine()
    {
        var report = parsed.ReportOf(Unterminated);

        Assert.True(report.HasErrors);
        var error = Assert.Single(parsed.File(Unterminated).Errors);
        Assert.Equal("TerminatorExpectedAtEndOfString", error.ErrorId);
        Assert.Equal(3, error.Line);
        Assert.Equal(14, error.Column);
    }

    private static readonly PowerShellSnippet Direct = new("direct.ps1", "Add-CMComplianceSettingScript -InputObject $ci -Is64Bit $true\n");

    [Fact]
    public void Check_Is64BitWrittenDirectly_ParsesAsAParameter()
    {
        // tree-sitter-powershell, the parser before this one, failed on parameter names with digits; PowerShell does not.
        var fileReport = parsed.File(Direct);

        Assert.Empty(fileReport.Errors);
        Assert.Equal(["InputObject", "Is64Bit"], Assert.Single(fileReport.Commands).DirectParameters);
    }

    private static readonly PowerShellSnippet OneLine = new("one-line.ps1", "function F { param($a) try { $a } catch { } }\n");

    [Fact]
    public void Check_OneLineFunctionWithParamAndTry_ParsesWithoutErrors()
    {
        // tree-sitter-powershell failed on param(...) followed by try on one line; PowerShell does not.
        Assert.Empty(parsed.File(OneLine).Errors);
    }

    private static readonly PowerShellSnippet Splat = new("splat.ps1", """
        $settingParameters = @{
            SettingName = 'PXE'
            'DataType' = 'String'
            "Is64Bit" = $true
            Nested = @{ NotAKey = 1 }
        }
        Add-CMComplianceSettingScript -InputObject:$ci -Name 'x' @settingParameters -WhatIf
        """);

    [Fact]
    public void Check_SplattedHashtable_ResolvesKeysIntoParameters()
    {
        var fileReport = parsed.File(Splat);

        var hashtable = Assert.Single(fileReport.Hashtables);
        Assert.Equal("settingParameters", hashtable.Variable);
        Assert.Equal(1, hashtable.Line);
        Assert.Equal(["SettingName", "DataType", "Is64Bit", "Nested"], hashtable.Keys);
        var command = Assert.Single(fileReport.Commands, command => command.Name == "Add-CMComplianceSettingScript");
        Assert.Equal(7, command.Line);
        Assert.Equal(["InputObject", "Name", "WhatIf"], command.DirectParameters);
        Assert.Equal(["settingParameters"], command.SplattedVariables);
        Assert.Empty(command.UnresolvedSplattedVariables);
        Assert.Equal(["InputObject", "Name", "WhatIf", "SettingName", "DataType", "Is64Bit", "Nested"], command.Parameters);
    }

    private static readonly PowerShellSnippet Reassigned = new("reassigned.ps1", """
        $p = @{ Name = 'first' }
        Get-CMConfigurationItem @p
        $P = [ordered]@{ Id = 16777220 }
        Get-CMConfigurationItem @p
        Get-CMConfigurationItem @missing
        """);

    [Fact]
    public void Check_VariableReassigned_ResolvesSplatFromNearestPrecedingHashtable()
    {
        var commands = parsed.File(Reassigned).Commands;

        Assert.Equal(3, commands.Count);
        Assert.Equal(["Name"], commands[0].Parameters);
        Assert.Equal(["Id"], commands[1].Parameters);
        Assert.Empty(commands[2].Parameters);
        Assert.Equal(["missing"], commands[2].UnresolvedSplattedVariables);
    }

    private static readonly PowerShellSnippet Additions = new("additions.ps1", """
        $p = @{ Name = 'first' }
        $p.SiteCode = 'PS1'
        $p['Fast'] = $true
        $p[$dynamic] = 1
        Get-CMConfigurationItem @p
        $p.Late = 1
        """);

    [Fact]
    public void Check_KeysAddedAfterTheLiteral_CountAsSplattedParametersUpToTheCommand()
    {
        var command = Assert.Single(parsed.File(Additions).Commands);

        Assert.Equal(["Name", "SiteCode", "Fast"], command.Parameters);
    }

    private static readonly PowerShellSnippet[] Tree =
    [
        new(TreeFolder + "/b.ps1", "exit 0\n"),
        new(TreeFolder + "/sub/a.ps1", "exit 1\n"),
        new(TreeFolder + "/notes.txt", "not { powershell"),
    ];

    [Fact]
    public void Check_Directory_ParsesPs1FilesRecursivelyInOneReport()
    {
        // The run was given the folder (see Check_FilesAndAFolderInOneRun_...); these are the entries below it.
        var directory = parsed.PathOf(TreeFolder);
        Assert.Contains(directory, parsed.Arguments);
        var report = new PowerShellSyntaxReport(
            [.. parsed.Report.Files.Where(file => Path.GetFullPath(file.File).StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))]);

        Assert.Equal(
            [Path.Combine(directory, "b.ps1"), Path.Combine(directory, "sub", "a.ps1")],
            report.Files.Select(file => Path.GetFullPath(file.File)));
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void Check_MissingFile_ThrowsNamingIt()
    {
        var missing = parsed.PathOf("does-not-exist.ps1");

        var exception = Assert.Throws<InvalidOperationException>(() => PowerShellSyntax.Check(missing));

        Assert.Equal($"The PowerShell syntax check cannot read '{missing}': no such file or directory.", exception.Message);
    }

    private static readonly PowerShellSnippet Good = new("good.ps1", "exit 0\n");

    private static readonly PowerShellSnippet Bad = new("bad.ps1", "$a = 1\n$b = 2\nWrite-Output \"never closed\n");

    [Fact]
    public void ParsesWithoutErrors_BrokenScript_FailsListingFileLineColumnAndText()
    {
        var bad = parsed.PathOf(Bad.Name);
        var report = parsed.ReportOf(Good, Bad);

        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PowerShellAssert.ParsesWithoutErrors(report));

        Assert.Contains($"{bad}:3:14: TerminatorExpectedAtEndOfString: The string is missing the terminator: \".", exception.Message, StringComparison.Ordinal);
        Assert.Contains("    > Write-Output \"never closed", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("good.ps1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigMgrCmdletReference_Default_LoadsEveryCmdlet()
    {
        Assert.Equal(1186, ConfigMgrCmdletReference.Default.CmdletCount);
    }

    [Theory]
    [InlineData("Add-CMComplianceSettingScript", "DiscoveryScriptText", true)]
    [InlineData("add-cmcompliancesettingscript", "discoveryscripttext", true)]
    [InlineData("Add-CMComplianceSettingScript", "Is64Bit", true)]
    [InlineData("Add-CMComplianceSettingScript", "DiscoveryScript", false)]
    [InlineData("New-CMFoo", "Name", false)]
    public void ConfigMgrCmdletReference_IsKnownParameter_MatchesDocumentation(string cmdlet, string parameter, bool expected)
    {
        Assert.Equal(expected, ConfigMgrCmdletReference.Default.IsKnownParameter(cmdlet, parameter));
    }

    [Fact]
    public void ConfigMgrCmdletReference_IsKnownCmdlet_RejectsMadeUpCmdlet()
    {
        Assert.True(ConfigMgrCmdletReference.Default.IsKnownCmdlet("Add-CMComplianceSettingScript"));
        Assert.False(ConfigMgrCmdletReference.Default.IsKnownCmdlet("New-CMFoo"));
    }

    private static readonly PowerShellSnippet Documented = new("documented.ps1", """
        $p = @{ DiscoveryScriptText = $discovery; Is64Bit = $true; DataType = 'String' }
        Add-CMComplianceSettingScript -InputObject $ci -SettingName 'PXE' @p -ErrorAction Stop -WhatIf
        Get-Item -Path 'C:\' -NotACmParameter
        """);

    [Fact]
    public void UsesOnlyDocumentedConfigMgrParameters_DocumentedAndCommonParameters_Passes()
    {
        var report = parsed.ReportOf(Documented);
        PowerShellAssert.ParsesWithoutErrors(report);

        PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report);
        Assert.Equal(9, parsed.File(Documented).Commands.Sum(command => command.Parameters.Count));
    }

    private static readonly PowerShellSnippet MadeUp = new("made-up.ps1", """
        $p = @{ DiscoveryScript = $discovery }
        Add-CMComplianceSettingScript -InputObject $ci @p
        """);

    [Fact]
    public void UsesOnlyDocumentedConfigMgrParameters_MadeUpSplattedParameter_FailsNamingIt()
    {
        var file = parsed.PathOf(MadeUp.Name);
        var report = parsed.ReportOf(MadeUp);

        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report));

        Assert.Contains(
            $"{file}:2: Add-CMComplianceSettingScript: parameter -DiscoveryScript (splatted from @p) is not documented",
            exception.Message,
            StringComparison.Ordinal);
    }

    private static readonly PowerShellSnippet MadeUpCmdlet = new("made-up-cmdlet.ps1", """
        New-CMFoo -Name 'x'
        Get-CMConfigurationItem -Name 'x' -DiscoveryScript 'y'
        Set-CMThing @unknown
        """);

    [Fact]
    public void UsesOnlyDocumentedConfigMgrParameters_MadeUpCmdletAndDirectParameter_FailsForBoth()
    {
        var file = parsed.PathOf(MadeUpCmdlet.Name);
        var report = parsed.ReportOf(MadeUpCmdlet);

        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report));

        Assert.Contains($"{file}:1: New-CMFoo: not a documented ConfigurationManager cmdlet", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:2: Get-CMConfigurationItem: parameter -DiscoveryScript (written directly)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("3 ConfigurationManager cmdlet problem(s)", exception.Message, StringComparison.Ordinal);
    }
}
