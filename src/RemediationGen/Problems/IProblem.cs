using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Problems;

/// <summary>
/// One certificate problem: its descriptor, the rule that finds it in logs and the fix that plans its scripts. Each
/// folder Problems/&lt;Id&gt;/ of the core holds one, the sealed class &lt;Id&gt;Problem with a parameterless
/// constructor, and the build lists it (<see cref="ProblemSet.Core"/>); nothing hand-edited lists them.
/// </summary>
internal interface IProblem
{
    ProblemDescriptor Descriptor { get; }

    IDiagnosticRule Rule { get; }

    IFix Fix { get; }
}
