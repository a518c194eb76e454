using System.Security.Cryptography;
using System.Text;
using RemediationGen.Templates;
using Scriban;

namespace RemediationGen.Tests.Templates;

/// <summary>
/// Issue 8 item 4: template safety proven by PowerShell's parser. Every built-in .ps1 template passes; each of the three
/// holes the issue lists fails. The hostile templates here bypass <see cref="TemplateSafetyRule"/> on purpose (built
/// straight from text), to show the marker check holds on its own as the second line of defence.
/// </summary>
public sealed class ScriptMarkerCheckTests
{
    private static TemplateSource Unchecked(string text, string name = "shared/configmgr-remediation.ps1") =>
        new(name, text, "hostile.ps1.scriban", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), Template.Parse(text));

    private static string Refusal(string text)
    {
        var ex = Assert.Throws<RemediationGenException>(() => ScriptMarkerCheck.Check(Unchecked(text)));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        return ex.Message;
    }

    [Fact]
    public void Check_EveryBuiltInScriptTemplate_Passes()
    {
        var catalog = TemplateCatalog.Embedded();
        var scripts = catalog.Names.Where(n => n.EndsWith(".ps1", StringComparison.Ordinal)).ToList();

        var refused = scripts
            .Select(name => Record.Exception(() => ScriptMarkerCheck.Check(catalog.Get(name)))?.Message)
            .OfType<string>()
            .ToList();
        var markers = scripts.ToDictionary(name => name, name => ScriptMarkerCheck.Check(catalog.Get(name)));

        Assert.Empty(refused);
        Assert.Equal(24, scripts.Count);
        // Not vacuous: every {{ ps }} of every branch was rendered and found in place (each call site once per branch choice).
        Assert.Equal(7, markers["amt-provisioning-certificate/check.ps1"]);
        Assert.Equal(4, markers["shared/configmgr-import-header.ps1"]);
        Assert.Equal(9, markers["shared/configmgr-import.ps1"]);
        Assert.Equal(0, markers["shared/configmgr-connect.ps1"]);
    }

    [Theory]
    [InlineData("$n = {{ ThresholdDays }}\n", "line 1, column 9: the value written here lands as code")]
    [InlineData("$b = {{ UseRegExe }}\n", "line 1, column 9: the value written here lands as code")]
    [InlineData("{{ for e in Entries }}$i = {{ for.index }}\n{{ end }}", "line 1, column 31: the value written here lands as code")]
    [InlineData("$s = {{ 'literal' }}\n", "line 1, column 9: the value written here lands as code")]
    public void Check_HoleOne_IntBoolAndLoopIndexWrittenRaw_AreRefused(string text, string expected)
    {
        Assert.StartsWith($"Template 'hostile.ps1.scriban' {expected}", Refusal(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HoleTwo_ABranchNoRunTakes_IsRenderedAndRefused()
    {
        var text = "{{ if UseRegExe }}\n$a = {{ ps SiteCode }}\n{{ else if HasRequest }}\n$b = {{ ps SiteCode }}\n{{ else }}\n$c = {{ SiteCode }}\n{{ end }}\n";

        Assert.StartsWith("Template 'hostile.ps1.scriban' line 6, column 9: the value written here lands as code", Refusal(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Write-Output \"v: {{ ps SiteCode }}\"\n", "line 1, column 21: the value written here lands inside a double-quoted string, where PowerShell runs $(...)")]
    [InlineData("$h = @\"\n{{ ps SiteCode }}\n\"@\n", "line 2, column 4: the value written here lands inside a double-quoted here-string, where PowerShell runs $(...)")]
    [InlineData("$h = @'\n{{ ps SiteCode }}\n'@\n", "line 2, column 4: the value written here lands inside a here-string, which a value can end")]
    [InlineData("$a = 'x{{ ps SiteCode }}'\n", "line 1, column 11: the value written here lands as code")]
    [InlineData("# {{ SiteCode }}\n", "line 1, column 6: the value written here lands in a comment as raw text, which a line break in a value would leave")]
    public void Check_HoleThree_ALiteralInsideAnotherString_IsRefused(string text, string expected)
    {
        Assert.StartsWith($"Template 'hostile.ps1.scriban' {expected}", Refusal(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$tail = @\"\n")]
    [InlineData("function Get-Tail {\n")]
    [InlineData("<# open\n")]
    public void Check_AFragmentThatLeavesAStringOrBlockOpen_IsRefused(string text)
    {
        // The next template would be read inside it: a literal there could be expanded as code.
        Assert.StartsWith("Template 'hostile.ps1.scriban': rendered on its own it does not parse as PowerShell: ", Refusal(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$a = {{ ps SiteCode }}\n$b = @({{ ps Entries }})\n")]
    [InlineData("# Generated for {{ ps SiteCode }}.\n")]
    [InlineData("Write-Output ('v: ' + {{ ps SiteCode }})\n")]
    [InlineData("{{ for e in Entries }}\n    {{ ps e.Name }}\n{{ end }}")]
    public void Check_ValuesAsWholeLiterals_Pass(string text)
    {
        var markers = ScriptMarkerCheck.Check(Unchecked(text));

        Assert.Equal(text.Split("{{ ps ").Length - 1, markers);
    }

    [Fact]
    public void Generate_OverrideWithALiteralInsideADoubleQuotedString_Exit2BeforeAnythingIsWritten()
    {
        // The static rule allows {{ ps SiteCode }} anywhere; only PowerShell's parser sees that "..." would expand it.
        RefusedOverride.AssertGenerateRefuses(
            "Write-Output \"site: {{ ps SiteCode }}\"\n",
            template => $"remediationgen: Template '{template}' line 1, column 24: the value written here lands inside a double-quoted string, where PowerShell runs $(...); a value may only be a whole single-quoted literal, as {{{{ ps value }}}} writes it.\n");
    }
}
