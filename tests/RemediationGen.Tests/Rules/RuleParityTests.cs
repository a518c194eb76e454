using RemediationGen.Diagnosis;
using RemediationGen.Fixes;
using RemediationGen.Templates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Rules;

/// <summary>
/// One name per problem: every rule has a doc page, violating and clean fixtures and a fix with a template folder,
/// and nothing is left without its rule. Adding a problem means adding all of these.
/// </summary>
public sealed class RuleParityTests
{
    public static TheoryData<string> RuleIds => [.. RuleCatalog.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_HasDocPageFixturesFixAndTemplates(string ruleId)
    {
        var kebab = string.Concat(ruleId.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

        Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "rules", ruleId + ".md")), $"docs/rules/{ruleId}.md is missing");
        Assert.True(Directory.Exists(Path.Combine(Repository.Root, "tests", "fixtures", "logs", kebab, "violating")), $"violating fixtures for {ruleId} are missing");
        Assert.True(Directory.Exists(Path.Combine(Repository.Root, "tests", "fixtures", "logs", kebab, "clean")), $"clean fixtures for {ruleId} are missing");
        var fix = Assert.Single(FixCatalog.All, f => f.Id == ruleId);
        Assert.Equal(kebab, fix.TemplateFolder);
        Assert.Contains($"{kebab}/check.ps1", TemplateCatalog.Embedded().Names);
    }

    [Fact]
    public void EveryDocPageAndTemplateFolder_BelongsToARule()
    {
        var ruleIds = RuleCatalog.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var docs = Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension);
        var folders = TemplateCatalog.Embedded().Names.Select(n => n.Split('/')[0]).Where(f => f != "shared").Distinct(StringComparer.Ordinal);

        Assert.All(docs, doc => Assert.Contains(doc!, ruleIds));
        Assert.All(folders, folder => Assert.Contains(FixCatalog.All, f => f.TemplateFolder == folder));
    }
}
