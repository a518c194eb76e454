using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems;
using RemediationGen.Templates;
using RemediationGen.Tests.Problems;

namespace RemediationGen.Tests.Packaging;

/// <summary>
/// Typed template references against the embedded files: a template without a typed reference (so without a model),
/// a renamed file, or a part a fix declares without its file fails here, not at render time.
/// </summary>
public sealed class PackageTemplatesTests
{
    private static List<ITemplateRef> References(ProblemSet problems) =>
        [.. PackageTemplates.Shared, .. problems.Fixes.SelectMany(PackageTemplates.Own)];

    [Fact]
    public void EveryEmbeddedTemplate_HasExactlyOneTypedReference()
    {
        var references = References(ProblemHome.All);

        Assert.Empty(references.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(ProblemHome.Templates.Names.Except(references.Select(r => r.Name), StringComparer.Ordinal));
    }

    [Fact]
    public void EveryTypedReference_NamesAnEmbeddedTemplate()
    {
        var references = References(ProblemHome.All);

        Assert.Empty(references.Select(r => r.Name).Except(ProblemHome.Templates.Names, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryTypedReference_RendersWithATemplateModel()
    {
        Assert.All(References(ProblemHome.All), r => Assert.True(typeof(ITemplateModel).IsAssignableFrom(r.ModelType), r.Name));
    }

    [Fact]
    public void CoreTemplates_AreExactlyTheCoreReferences()
    {
        Assert.Equal(
            TemplateCatalog.Embedded().Names,
            References(ProblemSet.Core).Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PairPart_SharedTemplateOfAnotherModel_IsRefused()
    {
        var problem = ProblemSet.Core.All[0].Descriptor;

        var ex = Assert.Throws<InvalidOperationException>(() => PackageTemplates.PairPart(problem, TemplatePart.Shared("intune-publish.ps1")));

        Assert.Equal("Shared template 'intune-publish.ps1' does not render with a pair's model; this is a bug in RemediationGen.", ex.Message);
    }

    [Fact]
    public void PairPart_SharedPartsAFixMayName_ResolveToTheirOneReference()
    {
        var problem = ProblemSet.Core.All[0].Descriptor;

        Assert.Same(PackageTemplates.PxeService, PackageTemplates.PairPart(problem, SiteSystemGuard.PxeServiceTemplate));
        Assert.Same(PackageTemplates.ConfigMgrConnect, PackageTemplates.PairPart(problem, SiteFile.ConfigMgrConnectTemplate));
    }

    [Fact]
    public void Own_ReadmeRendersWithTheReadmeModel_PartsWithThePairModel()
    {
        var fix = ProblemSet.Core.Fixes.Single(f => f.Problem.Id == "IssuingCertificateList");

        var own = PackageTemplates.Own(fix).Select(r => $"{r.Name}:{r.ModelType.Name}").ToList();

        Assert.Equal(
            ["issuing-certificate-list/readme.md:ReadmeFixModel", "issuing-certificate-list/check.ps1:PairScriptModel", "issuing-certificate-list/remediate.ps1:PairScriptModel"],
            own);
    }
}
