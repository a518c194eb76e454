using RemediationGen.Diagnosis;
using RemediationGen.Facts;

namespace RemediationGen.Fixes;

/// <summary>
/// A fix: one sealed class per problem, named like its rule. It turns facts and findings into plans: which script
/// pairs, for which targets and why, and the template model (plain data). Fixes know what must happen on a server;
/// they do not know the template language or file layout: they name templates by <see cref="TemplatePart"/> and ask
/// <see cref="FixContext.Paths"/> where files go.
/// </summary>
internal interface IFix
{
    /// <summary>The problem the fix plans for: its id, template folder and pair name.</summary>
    ProblemDescriptor Problem { get; }

    /// <summary>
    /// Every template of its problem's folder that its plans name, besides <c>readme.md</c>: <see cref="TemplatePart.Check"/>,
    /// <see cref="TemplatePart.Remediate"/> unless detection-only, and its site files' parts. A test holds this list to the files.
    /// </summary>
    IReadOnlyList<TemplatePart> OwnTemplates { get; }

    /// <summary>The options this fix adds to <c>generate</c>, in help order; none by default.</summary>
    IReadOnlyList<FixOption> Options => [];

    /// <summary>This fix's options from <paramref name="values"/>, checked (throws naming the option); null when it has none.</summary>
    IFixOptions? BindOptions(FixOptionValues values) => null;

    /// <summary>Plans for one site; empty when the fix has nothing to do there. Notes explain why, for the summary.</summary>
    FixPlanResult Plan(SiteFacts site, FixContext context);
}

/// <summary>Which servers a fix targets.</summary>
internal enum TargetSelection
{
    /// <summary>Every server where the value belongs (the check changes nothing where it is already right).</summary>
    All,

    /// <summary>Only servers the logs show failing.</summary>
    Affected,
}

/// <summary>What every fix may consult.</summary>
/// <param name="Options">Every fix's checked options: a fix reads its own with <see cref="FixOptionSet.Get{T}"/>.</param>
/// <param name="Paths">Where the package puts a problem's files, for text that tells the admin.</param>
internal sealed record FixContext(HierarchyFacts Facts, DiagnosisResult Diagnosis, TargetSelection Targets, FixOptionSet Options, IPackagePaths Paths)
{
    /// <summary>
    /// The site's findings of one rule that are still open. A finding a later record resolved shows the server healthy
    /// again: it is no reason to target it (the package README still lists it, marked resolved).
    /// </summary>
    public IReadOnlyList<Finding> OpenFindings(string ruleId, string siteCode) =>
        [.. Diagnosis.Findings.Where(f => f.RuleId == ruleId && !f.IsResolved && string.Equals(f.SiteCode, siteCode, StringComparison.Ordinal))];

    /// <summary>Findings by the server they name; findings of logs not tied to a server are left out.</summary>
    public static Dictionary<string, IReadOnlyList<Finding>> ByServer(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Server is not null)
            .GroupBy(f => f.Server!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Finding>)[.. g], StringComparer.Ordinal);
}

internal sealed record FixPlanResult(FixPlan? Plan, IReadOnlyList<string> Notes);
