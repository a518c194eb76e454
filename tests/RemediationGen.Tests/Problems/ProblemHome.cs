using RemediationGen.Diagnosis;
using RemediationGen.Problems;
using RemediationGen.Templates;
using RemediationGen.Tests.Problems.ExampleCertificate;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Problems;

/// <summary>
/// Where one problem's files are. A problem of the core: docs/rules/, templates/ and tests/fixtures/logs/ at the
/// repository's root. A problem the test project brings: the same layout inside its folder, tests/RemediationGen.Tests/Problems/&lt;Id&gt;/.
/// Either way its tests are in tests/RemediationGen.Tests/Problems/&lt;Id&gt;/.
/// </summary>
internal sealed record ProblemHome(ProblemDescriptor Problem, string Root)
{
    /// <summary>Every discovered problem and the test project's own: what the parity tests check.</summary>
    public static ProblemSet All { get; } = ProblemSet.Core.With(new ExampleCertificateProblem());

    /// <summary>Every template the problems of <see cref="All"/> can use.</summary>
    public static TemplateCatalog Templates { get; } = TemplateCatalog.Create(null, All.TemplateAssemblies);

    public string DocPage => Path.Combine(Root, Problem.DocPage);

    public string TestFolder => Path.Combine(Repository.Root, "tests", "RemediationGen.Tests", "Problems", Problem.Id);

    public static ProblemHome Of(IProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var inCore = problem.GetType().Assembly == typeof(ProblemSet).Assembly;
        return new(problem.Descriptor, inCore ? Repository.Root : Path.Combine(Repository.Root, "tests", "RemediationGen.Tests", "Problems", problem.Descriptor.Id));
    }

    public string Fixtures(string kind) =>
        Root == Repository.Root ? Repository.Fixtures("logs", Problem.TemplateFolder, kind) : Path.Combine(Root, "fixtures", "logs", Problem.TemplateFolder, kind);
}
