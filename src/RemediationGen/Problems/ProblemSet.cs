using System.Reflection;
using RemediationGen.Diagnosis;
using RemediationGen.Fixes;

namespace RemediationGen.Problems;

/// <summary>
/// The problems one run knows, in their stable order (<see cref="ProblemDescriptor.Order"/>, then id). The default is
/// one problem per folder under Problems/ (the build lists <c>Problems/&lt;Id&gt;/&lt;Id&gt;Problem</c>, see
/// RemediationGen.csproj; a test holds that list to <see cref="Discover"/>); a test adds its own with <see cref="With"/>.
/// </summary>
internal sealed partial class ProblemSet
{
    // Plain loops, not LINQ: this runs at every start-up, where OrderBy and GroupBy cost ~7 ms of JIT (measured).
    private ProblemSet(IEnumerable<IProblem> problems)
    {
        var all = problems.ToArray();
        Array.Sort(all, static (a, b) => a.Descriptor.Order != b.Descriptor.Order
            ? a.Descriptor.Order.CompareTo(b.Descriptor.Order)
            : string.CompareOrdinal(a.Descriptor.Id, b.Descriptor.Id));
        var ids = new Dictionary<string, IProblem>(StringComparer.OrdinalIgnoreCase);
        var rules = new IDiagnosticRule[all.Length];
        var fixes = new IFix[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            var problem = all[i];
            if (!ids.TryAdd(problem.Descriptor.Id, problem))
            {
                throw new InvalidOperationException($"Two problems are named '{problem.Descriptor.Id}': {ids[problem.Descriptor.Id].GetType().FullName}, {problem.GetType().FullName}.");
            }

            rules[i] = problem.Rule;
            fixes[i] = problem.Fix;
        }

        All = all;
        Rules = rules;
        Fixes = fixes;
    }

    /// <summary>
    /// Every problem of the core, one per folder under Problems/. Problems are stateless, so one instance of each serves
    /// all runs. Not a reflection scan: <see cref="Discover"/> costs ~10 ms at start-up, the build's list nothing.
    /// </summary>
    public static ProblemSet Core { get; } = new(FolderProblems());

    public IReadOnlyList<IProblem> All { get; }

    public IReadOnlyList<IDiagnosticRule> Rules { get; }

    public IReadOnlyList<IFix> Fixes { get; }

    /// <summary>The assemblies whose embedded templates the problems use: the core's, and each added problem's own.</summary>
    public IReadOnlyList<Assembly> TemplateAssemblies =>
        [.. All.Select(p => p.GetType().Assembly).Prepend(typeof(ProblemSet).Assembly).Distinct()];

    /// <summary>Every sealed, non-generic <see cref="IProblem"/> class of <paramref name="assembly"/>, created once (by reflection: slow).</summary>
    public static ProblemSet Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new(assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsSealed: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IProblem).IsAssignableFrom(type))
            .Select(type => (IProblem)Activator.CreateInstance(type)!));
    }

    /// <summary>These problems and <paramref name="extra"/> (for example a test's own problem), in the stable order.</summary>
    public ProblemSet With(params IEnumerable<IProblem> extra) => new(All.Concat(extra));
}
