using RemediationGen.Diagnosis;
using RemediationGen.Fixes;
using RemediationGen.Problems;

namespace RemediationGen.Tests.Problems.ExampleCertificate;

/// <summary>
/// A made-up fourth problem that lives only in the test project, to prove that a problem is one folder: a management
/// point logs "Example certificate has expired" in example.log, and the fix is a detection-only pair that checks for a
/// valid certificate. docs/adding-a-problem.md walks through these files. A test supplies it to the engine with
/// <c>ProblemSet.Core.With(new ExampleCertificateProblem())</c>: discovery looks only in the core assembly.
/// </summary>
internal sealed class ExampleCertificateProblem : IProblem
{
    public const string Id = "ExampleCertificate";

    public static ProblemDescriptor Descriptor { get; } = new(
        Id,
        Title: "Example certificate has expired",
        KnowledgeBase: null,
        Severity: Severity.Warning,
        Description: "A made-up problem for the tests: example.log on a management point says its example certificate has expired.",
        FixDescription: "A detection-only pair that reports whether the example certificate in LocalMachine\\My is still valid.",
        Order: 4);

    ProblemDescriptor IProblem.Descriptor => Descriptor;

    public IDiagnosticRule Rule { get; } = new ExampleCertificateRule();

    public IFix Fix { get; } = new ExampleCertificateFix();
}
