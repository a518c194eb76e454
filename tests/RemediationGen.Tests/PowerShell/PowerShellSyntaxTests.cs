using System.Text;

namespace RemediationGen.Tests.PowerShell;

public sealed class PowerShellSyntaxTests : IDisposable
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rg-pssyntax-" + Guid.NewGuid().ToString("N"));

    public PowerShellSyntaxTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

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

    [Theory]
    [MemberData(nameof(ValidSnippets))]
    public void Check_ValidSnippet_ReportsNoErrors(string name, string source)
    {
        var file = Write(name + ".ps1", source);

        var report = PowerShellAssert.ParsesWithoutErrors([file]);

        var fileReport = Assert.Single(report.Files);
        Assert.Empty(fileReport.Errors);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(fileReport.File));
    }

    [Fact]
    public void Check_Utf8BomAndCrlf_ReportsCommandsOnTheirLines()
    {
        var file = Write("bom.ps1", "Set-StrictMode -Version Latest\r\n\r\nWrite-Output 'x'\r\n", Utf8WithBom);

        var fileReport = PowerShellSyntax.Check(file).ForFile(file);

        Assert.Empty(fileReport.Errors);
        Assert.Equal([("Set-StrictMode", 1), ("Write-Output", 3)], fileReport.Commands.Select(command => (command.Name, command.Line)));
    }

    [Fact]
    public void Check_UnclosedBrace_ReportsMissingBraceAfterTheOpenBlock()
    {
        var file = Write("unclosed.ps1", "Set-StrictMode -Version Latest\nif ($true) {\n    Write-Output 'x'\n");

        var error = Assert.Single(PowerShellSyntax.Check(file).ForFile(file).Errors);

        Assert.Equal(PowerShellSyntaxErrorKind.Missing, error.Kind);
        Assert.Equal(3, error.Line);
        Assert.Contains("}", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnterminatedString_ReportsErrorOnThatLine()
    {
        var file = Write("unterminated.ps1", "Set-StrictMode -Version Latest\n$a = 1\nWrite-Output \"abc\nexit 0\n");

        var report = PowerShellSyntax.Check(file);

        Assert.True(report.HasErrors);
        var error = Assert.Single(report.ForFile(file).Errors);
        Assert.Equal(PowerShellSyntaxErrorKind.Error, error.Kind);
        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void Check_Is64BitWrittenDirectly_ReportsGrammarError()
    {
        // Grammar limit of tree-sitter-powershell 0.26.4: parameter names with digits do not parse. Valid PowerShell,
        // but generators must splat such parameters (see Check_ValidSnippet_ReportsNoErrors "splatted-cm-cmdlet").
        var file = Write("direct.ps1", "Add-CMComplianceSettingScript -InputObject $ci -Is64Bit $true\n");

        var error = Assert.Single(PowerShellSyntax.Check(file).ForFile(file).Errors);

        Assert.Equal(1, error.Line);
        Assert.StartsWith("Add-CMComplianceSettingScript -InputObject $ci -Is", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OneLineFunctionWithParamAndTry_ReportsGrammarError()
    {
        // Grammar limit: param(...) followed by try on the same line does not parse; on its own line it does.
        var file = Write("one-line.ps1", "function F { param($a) try { $a } catch { } }\n");

        Assert.NotEmpty(PowerShellSyntax.Check(file).ForFile(file).Errors);
    }

    [Fact]
    public void Check_SplattedHashtable_ResolvesKeysIntoParameters()
    {
        var file = Write("splat.ps1", """
            $settingParameters = @{
                SettingName = 'PXE'
                'DataType' = 'String'
                "Is64Bit" = $true
                Nested = @{ NotAKey = 1 }
            }
            Add-CMComplianceSettingScript -InputObject:$ci -Name 'x' @settingParameters -WhatIf
            """);

        var fileReport = PowerShellSyntax.Check(file).ForFile(file);

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

    [Fact]
    public void Check_VariableReassigned_ResolvesSplatFromNearestPrecedingHashtable()
    {
        var file = Write("reassigned.ps1", """
            $p = @{ Name = 'first' }
            Get-CMConfigurationItem @p
            $P = [ordered]@{ Id = 16777220 }
            Get-CMConfigurationItem @p
            Get-CMConfigurationItem @missing
            """);

        var commands = PowerShellSyntax.Check(file).ForFile(file).Commands;

        Assert.Equal(3, commands.Count);
        Assert.Equal(["Name"], commands[0].Parameters);
        Assert.Equal(["Id"], commands[1].Parameters);
        Assert.Empty(commands[2].Parameters);
        Assert.Equal(["missing"], commands[2].UnresolvedSplattedVariables);
    }

    [Fact]
    public void Check_Directory_ParsesPs1FilesRecursivelyInOneReport()
    {
        Write("b.ps1", "exit 0\n");
        Write(Path.Combine("sub", "a.ps1"), "exit 1\n");
        Write("notes.txt", "not { powershell");

        var report = PowerShellSyntax.Check(_directory);

        Assert.Equal(
            [Path.Combine(_directory, "b.ps1"), Path.Combine(_directory, "sub", "a.ps1")],
            report.Files.Select(file => Path.GetFullPath(file.File)));
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void Check_MissingFile_ThrowsWithCheckerMessage()
    {
        var missing = Path.Combine(_directory, "does-not-exist.ps1");

        var exception = Assert.Throws<InvalidOperationException>(() => PowerShellSyntax.Check(missing));

        Assert.Contains("does-not-exist.ps1", exception.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsesWithoutErrors_BrokenScript_FailsListingFileLineColumnAndText()
    {
        var good = Write("good.ps1", "exit 0\n");
        var bad = Write("bad.ps1", "$a = 1\n$b = 2\nWrite-Output \"never closed\n");

        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PowerShellAssert.ParsesWithoutErrors([good, bad]));

        Assert.Contains($"{bad}:3:1: Error: Write-Output", exception.Message, StringComparison.Ordinal);
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

    [Fact]
    public void UsesOnlyDocumentedConfigMgrParameters_DocumentedAndCommonParameters_Passes()
    {
        var file = Write("documented.ps1", """
            $p = @{ DiscoveryScriptText = $discovery; Is64Bit = $true; DataType = 'String' }
            Add-CMComplianceSettingScript -InputObject $ci -SettingName 'PXE' @p -ErrorAction Stop -WhatIf
            Get-Item -Path 'C:\' -NotACmParameter
            """);

        var report = PowerShellAssert.ParsesWithoutErrors([file]);

        PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report);
        Assert.Equal(9, report.ForFile(file).Commands.Sum(command => command.Parameters.Count));
    }

    [Fact]
    public void UsesOnlyDocumentedConfigMgrParameters_MadeUpSplattedParameter_FailsNamingIt()
    {
        var file = Write("made-up.ps1", """
            $p = @{ DiscoveryScript = $discovery }
            Add-CMComplianceSettingScript -InputObject $ci @p
            """);
        var report = PowerShellSyntax.Check(file);

        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report));

        Assert.Contains(
            $"{file}:2: Add-CMComplianceSettingScript: parameter -DiscoveryScript (splatted from @p) is not documented",
            exception.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void UsesOnlyDocumentedConfigMgrParameters_MadeUpCmdletAndDirectParameter_FailsForBoth()
    {
        var file = Write("made-up-cmdlet.ps1", """
            New-CMFoo -Name 'x'
            Get-CMConfigurationItem -Name 'x' -DiscoveryScript 'y'
            Set-CMThing @unknown
            """);
        var report = PowerShellSyntax.Check(file);

        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report));

        Assert.Contains($"{file}:1: New-CMFoo: not a documented ConfigurationManager cmdlet", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:2: Get-CMConfigurationItem: parameter -DiscoveryScript (written directly)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("3 ConfigurationManager cmdlet problem(s)", exception.Message, StringComparison.Ordinal);
    }

    private string Write(string relativePath, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
