using RemediationGen.Templates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Templates;

/// <summary>
/// The load-time rule on the parse tree (issue 11 item 1, issue 10 item 7). Each refused form sits in a branch that is
/// never taken (<c>if false</c>), so only a check of the whole tree can find it; the error names template, line and column.
/// </summary>
public sealed class TemplateSafetyRuleTests
{
    private const string Script = "shared/configmgr-remediation.ps1";

    private static RemediationGenException LoadRefused(string name, string text, out string path)
    {
        using var folder = new TempDirectory();
        path = folder.WriteFile(name + ".scriban", text);
        var catalog = TemplateCatalog.Create(folder.Path);
        return Assert.Throws<RemediationGenException>(() => catalog.Get(name));
    }

    private static string InUntakenBranch(string body) => "$a = 1\n{{ if false }}\n  " + body + "\n{{ end }}\n";

    [Theory]
    [InlineData("{{ SiteCode }}", "line 3, column 6: the plain value 'SiteCode' is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ 42 }}", "line 3, column 6: a number is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ true }}", "line 3, column 6: a bool is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ for c in Fix.ExpectedEntries }}{{ for.index }}{{ end }}", "line 3, column 40: a loop variable is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ Fix.ThresholdDays }}", "line 3, column 6: a member access is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ 1 + Fix.ThresholdDays }}", "line 3, column 6: an arithmetic or comparison result is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ SiteCode | string.upcase }}", "line 3, column 6: a pipe must end in ps: its result is written without escaping.")]
    [InlineData("{{ \"raw\" }}", "line 3, column 6: a string is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ md SiteCode }}", "line 3, column 6: {{ md }} is not the helper of .ps1 templates: use {{ ps value }}, which writes a complete PowerShell literal.")]
    [InlineData("{{ inf SiteCode }}", "line 3, column 6: {{ inf }} is not the helper of .ps1 templates: use {{ ps value }}, which writes a complete PowerShell literal.")]
    [InlineData("{{ SiteCode | md }}", "line 3, column 17: {{ md }} is not the helper of .ps1 templates: use {{ ps value }}, which writes a complete PowerShell literal.")]
    [InlineData("{{ ps SiteCode SiteCode }}", "line 3, column 6: {{ ps }} takes exactly one value, got 2.")]
    [InlineData("{{ ps (md SiteCode) }}", "line 3, column 9: the value given to ps must be a name, a member or a literal (a parenthesized expression is not allowed there).")]
    [InlineData("{{ ps Fix.ThresholdDays + 1 }}", "line 3, column 9: the value given to ps must be a name, a member or a literal (an arithmetic or comparison result is not allowed there).")]
    [InlineData("{{ for i in 1..2000000 }}{{ end }}", "line 3, column 15: a for loop's list must be a name, a member or a literal (an arithmetic or comparison result is not allowed there).")]
    [InlineData("{{ ps SiteCode; SiteCode }}", "line 3, column 19: the plain value 'SiteCode' is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ x = SiteCode }}", "line 3, column 6: assignments are not allowed: templates only read the model.")]
    [InlineData("{{ capture x }}a{{ end }}", "line 3, column 6: 'capture' is not allowed; templates may use text, if/else/end, for/end and {{ ps value }}.")]
    [InlineData("{{ func f; ret 1; end }}", "line 3, column 6: 'function' is not allowed; templates may use text, if/else/end, for/end and {{ ps value }}.")]
    [InlineData("{{ for c in Fix.ExpectedEntries }}{{ ps c }}{{ else }}none{{ end }}", "line 3, column 50: for ... else is not allowed: test the list with if instead.")]
    [InlineData("{{ while true }}{{ end }}", "line 3, column 6: 'while' is not allowed; templates may use text, if/else/end, for/end and {{ ps value }}.")]
    [InlineData("{{ include 'shared/script-header.ps1' }}", "line 3, column 6: a function call is written without escaping; write values only as {{ ps value }} in .ps1 templates.")]
    [InlineData("{{ if include 'shared/script-header.ps1' }}{{ end }}", "line 3, column 9: an if condition may only read values (a function call is not allowed there).")]
    [InlineData("{{ for c in include 'x' }}{{ end }}", "line 3, column 15: a for loop's list must be a name, a member or a literal (a function call is not allowed there).")]
    public void Load_RefusedFormInABranchNeverTaken_NamesTemplateLineAndColumn(string body, string expected)
    {
        var ex = LoadRefused(Script, InUntakenBranch(body), out var path);

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal($"Template '{path}' {expected}", ex.Message);
    }

    [Theory]
    [InlineData("shared/readme-deploy.md", "{{ ps SiteCode }}", "{{ ps }} is not the helper of .md templates: use {{ md value }}, which writes Markdown-escaped text.")]
    [InlineData("shared/readme-deploy.md", "{{ inf SiteCode }}", "{{ inf }} is not the helper of .md templates: use {{ md value }}, which writes Markdown-escaped text.")]
    [InlineData("amt-provisioning-certificate/request.inf", "{{ md SiteCode }}", "{{ md }} is not the helper of .inf templates: use {{ inf value }}, which writes a checked INF value.")]
    [InlineData("amt-provisioning-certificate/request.inf", "{{ ps SiteCode }}", "{{ ps }} is not the helper of .inf templates: use {{ inf value }}, which writes a checked INF value.")]
    public void Load_AnotherTypesHelper_IsRefused(string name, string body, string expected)
    {
        var ex = LoadRefused(name, InUntakenBranch(body), out var path);

        Assert.Equal($"Template '{path}' line 3, column 6: {expected}", ex.Message);
    }

    [Fact]
    public void Load_ElseBranchAndNestedLoop_AreCheckedToo()
    {
        var text = "{{ if true }}ok{{ else }}{{ for c in Fix.ExpectedEntries }}{{ if c }}{{ c }}{{ end }}{{ end }}{{ end }}";

        var ex = LoadRefused(Script, text, out var path);

        Assert.Equal($"Template '{path}' line 1, column 73: the plain value 'c' is written without escaping; write values only as {{{{ ps value }}}} in .ps1 templates.", ex.Message);
    }

    [Theory]
    [InlineData("$a = {{ ps SiteCode }}")]
    [InlineData("$a = {{ ps(SiteCode) }}")]
    [InlineData("$a = {{ SiteCode | ps }}")]
    [InlineData("{{~ for c in Fix.ExpectedEntries ~}}\n{{ ps c }}\n{{~ end ~}}")]
    [InlineData("{{ if Fix.UseRegExe && !Fix.Flag }}x{{ else if SiteCode == 'PS1' }}y{{ end }}")]
    [InlineData("<# no value here #>\n# {{ ps SiteCode }}")]
    public void Load_AllowedForms_Pass(string text)
    {
        using var folder = new TempDirectory();
        folder.WriteFile(Script + ".scriban", text);

        var ex = Record.Exception(() => TemplateCatalog.Create(folder.Path).Get(Script));

        Assert.Null(ex);
    }

    [Fact]
    public void Load_EveryBuiltInTemplate_Passes()
    {
        var catalog = TemplateCatalog.Embedded();

        var refused = catalog.Names
            .Select(name => (name, error: Record.Exception(() => catalog.Get(name))))
            .Where(r => r.error is not null)
            .Select(r => $"{r.name}: {r.error!.Message}")
            .ToList();

        Assert.Empty(refused);
        Assert.Equal(30, catalog.Names.Count);
    }

    [Fact]
    public void Generate_MdHelperInAScriptOverride_Exit2BeforeAnythingIsWritten()
    {
        // Issue 10 item 7: {{md v}} in a .ps1 override wrote "$v = AB; Invoke-Pwned; \#". Now it never loads.
        RefusedOverride.AssertGenerateRefuses(
            "$v = {{ md SiteCode }}\n",
            template => $"remediationgen: Template '{template}' line 1, column 9: {{{{ md }}}} is not the helper of .ps1 templates: use {{{{ ps value }}}}, which writes a complete PowerShell literal.\n");
    }

    [Fact]
    public void Generate_PsOfAnObject_Exit2NotInternalError()
    {
        // Issue 10 item 7: {{ps Fix}} exited 70.
        RefusedOverride.AssertGenerateRefuses(
            "$fix = {{ ps Fix }}\n",
            template => $"remediationgen: Template '{template}' line 1, column 11: {{{{ ps }}}} takes a string, number or bool or a list of them, not an object.\n");
    }
}
