using RemediationGen.Problems;
using RemediationGen.Tests.Problems.ExampleCertificate;

namespace RemediationGen.Tests.Problems;

/// <summary>The build's list of problems (one per folder under Problems/) against a reflection scan of the core.</summary>
public sealed class ProblemSetTests
{
    [Fact]
    public void Core_IsEverySealedProblemOfTheCoreAssembly_InTheStableOrder()
    {
        var scanned = ProblemSet.Discover(typeof(ProblemSet).Assembly);

        Assert.Equal(scanned.All.Select(p => p.GetType()), ProblemSet.Core.All.Select(p => p.GetType()));
    }

    [Fact]
    public void Core_EachProblemLivesInTheFolderNamedByItsId()
    {
        Assert.All(ProblemSet.Core.All, p => Assert.Equal($"RemediationGen.Problems.{p.Descriptor.Id}.{p.Descriptor.Id}Problem", p.GetType().FullName));
    }

    [Fact]
    public void With_TwoProblemsOfOneId_IsRefusedNamingBoth()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ProblemSet.Core.With(new ExampleCertificateProblem(), new ExampleCertificateProblem()));

        var type = typeof(ExampleCertificateProblem).FullName;
        Assert.Equal($"Two problems are named 'ExampleCertificate': {type}, {type}.", ex.Message);
    }

    [Fact]
    public void With_AddedProblem_TakesItsPlaceInTheStableOrder_RulesAndFixesAlongside()
    {
        var set = ProblemSet.Core.With(new ExampleCertificateProblem());

        var expected = set.All.OrderBy(p => p.Descriptor.Order).ThenBy(p => p.Descriptor.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, set.All);
        Assert.Equal(set.All.Select(p => p.Rule), set.Rules);
        Assert.Equal(set.All.Select(p => p.Fix), set.Fixes);
    }
}
