using RemediationGen.Problems;

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

}
