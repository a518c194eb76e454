using RemediationGen.Problems;
using RemediationGen.Templates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Rules;

/// <summary>
/// One name per problem: every rule has a doc page and violating and clean fixtures; every fix has its rule and a
/// template folder of the same name; nothing is left without its rule. Adding a problem means adding all of these.
/// </summary>
public sealed class RuleParityTests
{
    public static TheoryData<string> RuleIds => [.. ProblemSet.Core.Rules.Select(r => r.Problem.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_HasDocPageFixturesAndTemplatesForItsFix(string ruleId)
    {
        var kebab = string.Concat(ruleId.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

        Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "rules", ruleId + ".md")), $"docs/rules/{ruleId}.md is missing");
        Assert.True(Directory.Exists(Repository.Fixtures("logs", kebab, "violating")), $"violating fixtures for {ruleId} are missing");
        Assert.True(Directory.Exists(Repository.Fixtures("logs", kebab, "clean")), $"clean fixtures for {ruleId} are missing");
        // A rule may come before its fix (diagnose reports it, generate has nothing to emit yet); a fix never comes without its rule.
        if (ProblemSet.Core.Fixes.SingleOrDefault(f => f.Problem.Id == ruleId) is { } fix)
        {
            Assert.Equal(kebab, fix.Problem.TemplateFolder);
            Assert.Contains(TemplateCatalog.Embedded().Names, name => name.StartsWith(kebab + "/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveryDocPageAndTemplateFolder_BelongsToARule()
    {
        var ruleIds = ProblemSet.Core.Rules.Select(r => r.Problem.Id).ToHashSet(StringComparer.Ordinal);
        var docs = Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension);
        var folders = TemplateCatalog.Embedded().Names.Select(n => n.Split('/')[0]).Where(f => f != "shared").Distinct(StringComparer.Ordinal);

        Assert.All(docs, doc => Assert.Contains(doc!, ruleIds));
        Assert.All(folders, folder => Assert.Contains(ProblemSet.Core.Fixes, f => f.Problem.TemplateFolder == folder));
        Assert.All(ProblemSet.Core.Fixes, fix => Assert.Contains(fix.Problem.Id, ruleIds));
    }
}
