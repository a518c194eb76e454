using RemediationGen.Templates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Templates;

public sealed class TemplateRendererTests
{
    private sealed record Model(string SiteCode, IReadOnlyList<string> Entries, bool Flag);

    private static readonly Model Sample = new("PS1", ["a'b", "\u2018"], Flag: true);

    private static string RenderOverride(string text, object model)
    {
        using var folder = new TempDirectory();
        folder.WriteFile("shared/configmgr-remediation.ps1.hbs", text);
        return new TemplateRenderer(TemplateCatalog.Create(folder.Path)).Render("shared/configmgr-remediation.ps1", model);
    }

    [Fact]
    public void Render_PsHelper_WritesCompleteLiterals()
    {
        var text = RenderOverride("$site = {{ps SiteCode}}\n$entries = {{ps Entries}}\n{{#if Flag}}$on = $true{{/if}}\n", Sample);

        Assert.Equal("$site = 'PS1'\n$entries = @('a''b', ('' + [char]0x2018))\n$on = $true\n", text);
    }

    [Fact]
    public void Render_PlainValue_IsRefusedBecauseItWouldSkipEscaping()
    {
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("$site = {{SiteCode}}", Sample));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.EndsWith(": a value was written without a helper ('PS1'); use {{ps value}} in scripts or {{md value}} in Markdown.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownName_NamesTemplateLineAndWhatIsDefined()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("shared/configmgr-remediation.ps1.hbs", "# ok\n$a = {{ps SiteCode}}\n$b = {{ps SiteKode}}\n");
        var renderer = new TemplateRenderer(TemplateCatalog.Create(folder.Path));

        var ex = Assert.Throws<RemediationGenException>(() => renderer.Render("shared/configmgr-remediation.ps1", Sample));

        Assert.Equal($"Template '{path}' line 3: 'SiteKode' is not defined. Defined here: Entries, Flag, SiteCode.", ex.Message);
    }

    [Fact]
    public void Render_UnclosedBlock_IsAnErrorNamingTheTemplate()
    {
        var ex = Assert.Throws<RemediationGenException>(() => RenderOverride("{{#if Flag}}\nexit 0\n", Sample));

        Assert.Contains("Reached end of template before block expression 'if' was closed", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Template '", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileAll_BrokenTemplate_EveryLaterUseThrowsTheSameError()
    {
        using var folder = new TempDirectory();
        folder.WriteFile("shared/configmgr-remediation.ps1.hbs", "{{#if Flag}}\nexit 0\n");
        var renderer = new TemplateRenderer(TemplateCatalog.Create(folder.Path));

        var ahead = Assert.Throws<RemediationGenException>(() => renderer.CompileAll());
        var onUse = Assert.Throws<RemediationGenException>(() => renderer.Render("shared/configmgr-remediation.ps1", Sample));

        Assert.Equal(ahead.Message, onUse.Message);
        Assert.Contains("Reached end of template before block expression 'if' was closed", onUse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileAll_Cancelled_StopsAndLeavesRenderingWorking()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var renderer = new TemplateRenderer(TemplateCatalog.Embedded());

        Assert.Throws<OperationCanceledException>(() => renderer.CompileAll(cancelled.Token));
        var text = renderer.Render("shared/readme-deploy.md", new RemediationGen.Packaging.ReadmeDeployModel(["All DPs"]));

        Assert.Contains("All DPs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileAll_EveryEmbeddedTemplateCompiles()
    {
        var renderer = new TemplateRenderer(TemplateCatalog.Embedded());

        var ex = Record.Exception(() => renderer.CompileAll());

        Assert.Null(ex);
    }

    [Fact]
    public void WarmUp_TheTemplateItCompilesExists()
    {
        // The executable calls this on a background thread at start-up, where a failure would go unseen.
        var ex = Record.Exception(TemplateRenderer.WarmUp);

        Assert.Null(ex);
    }

    [Fact]
    public void Render_MdHelper_EscapesMarkdown()
    {
        using var folder = new TempDirectory();
        folder.WriteFile("shared/readme-deploy.md.hbs", "{{#each CollectionNames}}| {{md this}} |{{/each}}");
        var renderer = new TemplateRenderer(TemplateCatalog.Create(folder.Path));

        var text = renderer.Render("shared/readme-deploy.md", new RemediationGen.Packaging.ReadmeDeployModel(["a|b\n# c"]));

        Assert.Equal(@"| a\|b \# c |", text);
    }
}
