using RemediationGen.Templates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Templates;

public sealed class TemplateRendererTests
{
    private sealed record Model(string SiteCode, IReadOnlyList<string> Entries, bool Flag) : ITemplateModel;

    private sealed record Nested(string SiteCode, Model Fix) : ITemplateModel;

    private static readonly Model Sample = new("PS1", ["a'b", "\u2018"], Flag: true);

    private static string RenderOverride(string text, ITemplateModel model, string name = "shared/configmgr-remediation.ps1")
    {
        using var folder = new TempDirectory();
        folder.WriteFile(name + ".scriban", text);
        return new TemplateRenderer(TemplateCatalog.Create(folder.Path)).Render(new TemplateRef<ITemplateModel>(name), model);
    }

    [Fact]
    public void Render_PsHelper_WritesCompleteLiterals()
    {
        var text = RenderOverride("$site = {{ ps SiteCode }}\n$entries = {{ Entries | ps }}\n{{ if Flag }}$on = $true{{ end }}\n", Sample);

        Assert.Equal("$site = 'PS1'\n$entries = @('a''b', ('' + [char]0x2018))\n$on = $true\n", text);
    }

    [Fact]
    public void Render_MdHelperInACodeSpan_WritesThePathLiterally()
    {
        var model = new Model(@"\\cm01\SMS_PS1\Logs\distmgr.log", ["x`y"], Flag: true);

        var text = RenderOverride("Read `{{ md SiteCode }}` and {{ md SiteCode }}.\n`a` then {{ for entry in Entries }}`{{ md entry }}`{{ end }}\n", model, "shared/readme-intro.md");

        Assert.Equal("Read `\\\\cm01\\SMS_PS1\\Logs\\distmgr.log` and \\\\\\cm01\\SMS_PS1\\Logs\\distmgr.log.\n`a` then `x'y`\n", text);
    }

    [Fact]
    public void Render_StandaloneBlockTags_LeaveNoLineBehind()
    {
        var text = RenderOverride("@(\n{{~ for entry in Entries ~}}\n    {{ ps entry }}\n{{~ end ~}}\n)\n{{~ if Flag ~}}\nyes\n{{~ else ~}}\nno\n{{~ end ~}}\n", Sample);

        Assert.Equal("@(\n    'a''b'\n    ('' + [char]0x2018)\n)\nyes\n", text);
    }

    [Fact]
    public void Render_EmptyListEmptyStringAndZero_AreFalse()
    {
        var model = new Model(string.Empty, [], Flag: false);

        var text = RenderOverride("{{ if Entries }}list{{ end }}{{ if SiteCode }}text{{ end }}{{ if !Entries && !SiteCode }}none{{ end }}", model);

        Assert.Equal("none", text);
    }

    [Fact]
    public void Render_UnknownName_NamesTemplateLineColumnAndWhatIsDefined()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("shared/configmgr-remediation.ps1.scriban", "# ok\n$a = {{ ps SiteCode }}\n$b = {{ ps SiteKode }}\n");
        var renderer = new TemplateRenderer(TemplateCatalog.Create(folder.Path));

        var ex = Assert.Throws<RemediationGenException>(() => renderer.Render(new TemplateRef<Model>("shared/configmgr-remediation.ps1"), Sample));

        Assert.Equal($"Template '{path}' line 3, column 12: 'SiteKode' is not defined. Defined here: Entries, Flag, SiteCode.", ex.Message);
    }

    [Fact]
    public void Render_UnknownMember_IsAnErrorNotAnEmptyValue()
    {
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("$a = {{ ps Fix.SiteKode }}\n", new Nested("PS1", Sample)));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.EndsWith("line 1, column 16: Cannot get member with name SiteKode.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SiteKode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PsOfAnObject_IsATemplateErrorNamingTheHelper()
    {
        // Issue 10 item 7: {{ps Fix}} exited 70; it is the template's fault (exit 2).
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("$fix = {{ ps Fix }}\n", new Nested("PS1", Sample)));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.EndsWith("line 1, column 11: {{ ps }} takes a string, number or bool or a list of them, not an object.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PsOfAListOfObjects_IsATemplateError()
    {
        var model = new RemediationGen.Packaging.ConfigMgrImportModel("1.0", "PS1", "cm01", []);

        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("$items = {{ ps Items }}\n", model with { Items = [new("n", "d", "s", "r", "df", "rf", "b", "c", ["dp01"])] }));

        Assert.EndsWith("line 1, column 13: {{ ps }} takes a string, number or bool or a list of them, not a list of objects or lists.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MdOfAList_IsATemplateError()
    {
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("{{ md CollectionNames }}", new RemediationGen.Packaging.ReadmeDeployModel(["a"]), "shared/readme-deploy.md"));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.EndsWith("{{ md }} takes a string, number or bool, not a list.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ModelMethodsAndDotNetMembers_AreNotVisible()
    {
        // Only the model's properties are globals: no .NET member of a value (string.Length, ToString) is reachable.
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("{{ ps SiteCode.Length }}", Sample));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("line 1, column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RunawayLoop_StopsAtTheLoopLimit()
    {
        var huge = Sample with { Entries = [.. Enumerable.Repeat("x", 1_000_001)] };

        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("{{ for e in Entries }}{{ end }}", huge));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("line 1, column", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1000000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Include_IsNotAvailable()
    {
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("{{ if include 'shared/script-header.ps1' }}x{{ end }}", Sample));

        Assert.Contains("line 1, column 7: an if condition may only read values (a function call is not allowed there).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnclosedBlock_IsAnErrorNamingTheTemplateAndLine()
    {
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("{{ if Flag }}\nexit 0\n", Sample));

        Assert.StartsWith("Template '", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("line 1, column 14: Error while parsing if statement: The <end> statement was not found in: if <expression> ... end|else|else if", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileAll_BrokenTemplate_EveryLaterUseThrowsTheSameError()
    {
        using var folder = new TempDirectory();
        folder.WriteFile("shared/configmgr-remediation.ps1.scriban", "{{ if Flag }}\nexit 0\n");
        var renderer = new TemplateRenderer(TemplateCatalog.Create(folder.Path));

        var ahead = Assert.Throws<RemediationGenException>(() => renderer.CompileAll());
        var onUse = Assert.Throws<RemediationGenException>(() => renderer.Render(new TemplateRef<Model>("shared/configmgr-remediation.ps1"), Sample));

        Assert.Equal(ahead.Message, onUse.Message);
    }

    [Fact]
    public void CompileAll_Cancelled_StopsAndLeavesRenderingWorking()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var renderer = new TemplateRenderer(TemplateCatalog.Embedded());

        Assert.Throws<OperationCanceledException>(() => renderer.CompileAll(cancelled.Token));
        var text = renderer.Render(RemediationGen.Packaging.PackageTemplates.ReadmeDeploy, new RemediationGen.Packaging.ReadmeDeployModel(["All DPs"]));

        Assert.Contains("All DPs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileAll_EveryEmbeddedTemplateLoadsAndPassesTheSafetyRule()
    {
        var renderer = new TemplateRenderer(TemplateCatalog.Embedded());

        var ex = Record.Exception(() => renderer.CompileAll());

        Assert.Null(ex);
        Assert.Equal(30, renderer.Catalog.Names.Count);
    }

    [Fact]
    public void Render_MdHelper_EscapesMarkdown()
    {
        var text = RenderOverride("{{ for name in CollectionNames }}| {{ md name }} |{{ end }}", new RemediationGen.Packaging.ReadmeDeployModel(["a|b\n# c"]), "shared/readme-deploy.md");

        Assert.Equal(@"| a\|b # c |", text);
    }
}
