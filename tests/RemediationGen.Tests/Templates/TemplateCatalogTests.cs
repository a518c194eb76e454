using RemediationGen.Templates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Templates;

public sealed class TemplateCatalogTests
{
    [Fact]
    public void Embedded_ListsEveryDefaultTemplate()
    {
        var names = TemplateCatalog.Embedded().Names;

        Assert.Contains("issuing-certificate-list/check.ps1", names);
        Assert.Contains("issuing-certificate-list/remediate.ps1", names);
        Assert.Contains("shared/script-header.ps1", names);
        Assert.Contains("shared/configmgr-import.ps1", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Create_UserFolder_OverridesOneFileAndKeepsTheRest()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("shared/intune-detection.ps1.scriban", "exit 1\r\n");

        var catalog = TemplateCatalog.Create(folder.Path);

        var overridden = catalog.Get("shared/intune-detection.ps1");
        Assert.Equal("exit 1\n", overridden.Text);
        Assert.Equal(path, overridden.Origin);
        Assert.True(overridden.IsUserOverride);
        Assert.Equal(TemplateCatalog.EmbeddedOrigin, catalog.Get("shared/script-header.ps1").Origin);
    }

    [Fact]
    public void Create_MisspeltOverride_IsAnErrorNamingTheFile()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("shared/intune-detect.ps1.scriban", "exit 1");

        var ex = Assert.Throws<RemediationGenException>(() => TemplateCatalog.Create(folder.Path));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.StartsWith($"Template '{path}' does not override any built-in template. Known names: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("shared/intune-detection.ps1.scriban", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingFolder_IsAnError()
    {
        var ex = Assert.Throws<RemediationGenException>(() => TemplateCatalog.Create("/nonexistent/templates"));

        Assert.Equal("Template folder '/nonexistent/templates' does not exist.", ex.Message);
    }

    [Fact]
    public void Create_OverrideUnderTheOldHandlebarsName_NamesTheFileToRenameItTo()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("shared/intune-detection.ps1.hbs", "exit 1");

        var ex = Assert.Throws<RemediationGenException>(() => TemplateCatalog.Create(folder.Path));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(
            $"Template '{path}' has the old Handlebars name: templates are Scriban now; rename it to '{folder.Path}/shared/intune-detection.ps1.scriban' and port it (see README, Templates).",
            ex.Message);
    }

    [Theory]
    [InlineData("ok\n# caf\u00e9", "line 2, column 6: templates must be 7-bit ASCII")]
    [InlineData("<# {{ ps SiteCode }} #>", "line 1: a value inside a <# #> block comment")]
    [InlineData("line1\n{{ if Flag }}\nexit 0\n", "line 2, column 14: Error while parsing if statement")]
    public void Get_UnsafeTemplate_IsRefusedWithItsLine(string text, string expected)
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("shared/intune-detection.ps1.scriban", text);
        var catalog = TemplateCatalog.Create(folder.Path);

        var ex = Assert.Throws<RemediationGenException>(() => catalog.Get("shared/intune-detection.ps1"));

        Assert.StartsWith($"Template '{path}' {expected}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreloadEmbedded_EveryCatalogSharesTheCheckedDefaults()
    {
        TemplateCatalog.PreloadEmbedded();

        var first = TemplateCatalog.Embedded();
        var second = TemplateCatalog.Embedded();

        Assert.All(first.Names, name => Assert.Same(first.Get(name), second.Get(name)));
        Assert.All(first.Names, name => Assert.Equal(TemplateCatalog.EmbeddedOrigin, first.Get(name).Origin));
    }

    [Fact]
    public void PreloadEmbedded_AnOverrideIsStillLoadedAndCheckedFromTheUsersFile()
    {
        TemplateCatalog.PreloadEmbedded();
        using var folder = new TempDirectory();
        var path = folder.WriteFile("shared/intune-detection.ps1.scriban", "{{ SiteCode }}\n");
        var catalog = TemplateCatalog.Create(folder.Path);

        var ex = Assert.Throws<RemediationGenException>(() => catalog.Get("shared/intune-detection.ps1"));

        Assert.StartsWith($"Template '{path}' line 1, column 4: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreloadEmbedded_Cancelled_StopsAndLeavesLoadingWorking()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => TemplateCatalog.PreloadEmbedded(cancelled.Token));

        Assert.Equal(TemplateCatalog.EmbeddedOrigin, TemplateCatalog.Embedded().Get("shared/readme-deploy.md").Origin);
    }
}
