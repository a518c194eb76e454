using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Problems;

/// <summary>
/// One certificate problem: its descriptor, the rule that finds it in logs and the fix that plans its scripts. Every
/// sealed implementation in the core assembly is discovered (<see cref="ProblemSet.Core"/>); nothing lists them.
/// An implementation needs a public parameterless constructor.
/// </summary>
internal interface IProblem
{
    ProblemDescriptor Descriptor { get; }

    IDiagnosticRule Rule { get; }

    IFix Fix { get; }
}
