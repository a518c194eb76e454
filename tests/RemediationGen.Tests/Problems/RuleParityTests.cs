using System.Text.RegularExpressions;
using RemediationGen.Problems;
using RemediationGen.Templates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Problems;

/// <summary>
/// One name per problem: every discovered problem (and the test project's own, ExampleCertificate) has its doc page,
/// its templates, violating and clean log fixtures, and rule and fix tests; and nothing in docs/rules or templates/ is
/// left without its problem. Adding a problem means adding all of these (docs/adding-a-problem.md).
/// </summary>
public sealed partial class RuleParityTests
{
    public static TheoryData<string> ProblemIds => [.. ProblemHome.All.All.Select(p => p.Descriptor.Id)];

    private static ProblemHome Home(string id) => ProblemHome.Of(ProblemHome.All.All.Single(p => p.Descriptor.Id == id));

    [Theory]
    [MemberData(nameof(ProblemIds))]
    public void Problem_HasItsDocPage(string id)
    {
        var home = Home(id);

        Assert.True(File.Exists(home.DocPage), $"{home.DocPage} is missing");
    }

    [Theory]
    [MemberData(nameof(ProblemIds))]
    public void Problem_HasViolatingAndCleanFixtures(string id)
    {
        var home = Home(id);

        foreach (var kind in new[] { "violating", "clean" })
        {
            var folder = home.Fixtures(kind);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any(), $"{kind} fixtures for {id} are missing: {folder}");
        }
    }

    [Theory]
    [MemberData(nameof(ProblemIds))]
    public void Problem_HasTheTemplatesPackagingRenders(string id)
    {
        var folder = Home(id).Problem.TemplateFolder;

        // Every pair has a check and a README section; the rest (remediate.ps1, site files) depends on the fix.
        Assert.Contains($"{folder}/check.ps1", ProblemHome.Templates.Names);
        Assert.Contains($"{folder}/readme.md", ProblemHome.Templates.Names);
    }

    [Theory]
    [MemberData(nameof(ProblemIds))]
    public void Problem_HasRuleAndFixTests(string id)
    {
        var home = Home(id);

        foreach (var file in new[] { $"{id}RuleTests.cs", $"{id}FixTests.cs" })
        {
            var path = Path.Combine(home.TestFolder, file);
            Assert.True(File.Exists(path), $"{path} is missing");
            var text = File.ReadAllText(path);
            Assert.True(TestAttribute().Count(text) > 0, $"{path} holds no [Fact] or [Theory]");
            Assert.Contains($"class {Path.GetFileNameWithoutExtension(file)}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Problems_HaveOneOrderEach_AndTheCoreKeepsTodaysOrder()
    {
        Assert.Equal(["IssuingCertificateList", "PxePasswordCertificate", "AmtProvisioningCertificate"], ProblemSet.Core.All.Select(p => p.Descriptor.Id));
        Assert.Equal(ProblemHome.All.All.Count, ProblemHome.All.All.Select(p => p.Descriptor.Order).Distinct().Count());
    }

    [Fact]
    public void EveryDocPageAndTemplateFolder_BelongsToAProblemOfTheCore()
    {
        var ids = ProblemSet.Core.All.Select(p => p.Descriptor.Id).ToHashSet(StringComparer.Ordinal);
        var docs = Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension);
        var folders = TemplateCatalog.Embedded().Names.Select(n => n.Split('/')[0]).Where(f => f != "shared").Distinct(StringComparer.Ordinal);

        Assert.All(docs, doc => Assert.Contains(doc!, ids));
        Assert.All(folders, folder => Assert.Contains(ProblemSet.Core.All, p => p.Descriptor.TemplateFolder == folder));
    }

    [GeneratedRegex(@"\[(Fact|Theory)[\](]")]
    private static partial Regex TestAttribute();
}
