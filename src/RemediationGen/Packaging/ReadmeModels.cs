using RemediationGen.Fixes;
using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>The package README's first part: what was found. Every value is text the template escapes with md.</summary>
internal sealed record ReadmeIntroModel(
    string ToolVersion,
    string SiteCode,
    string SiteServer,
    string FactsOrigin,
    string TargetSelection,
    bool LogsRead,
    IReadOnlyList<ReadmeFinding> Findings,
    IReadOnlyList<ReadmeRejected> Rejected,
    IReadOnlyList<string> Notes) : ITemplateModel;

internal sealed record ReadmeFinding(string Rule, string Server, string Summary, int Occurrences, IReadOnlyList<ReadmeEvidence> Evidence);

internal sealed record ReadmeEvidence(string File, long Line, string LocalTime, string Utc, string Message);

internal sealed record ReadmeRejected(string File, long Line, string Value, string Reason);

/// <summary>A fix's README section: the plan, its targets and where its files are.</summary>
internal sealed record ReadmeFixModel(
    string SiteCode,
    string Title,
    string Description,
    IFixModel Fix,
    IReadOnlyList<ReadmeTarget> Targets,
    string IntuneFolder,
    string ConfigMgrFolder,
    string TargetsFile,
    string CollectionName) : ITemplateModel;

internal sealed record ReadmeTarget(string Server, string Roles, string Reason, string InFacts);

internal sealed record ReadmeDeployModel(IReadOnlyList<string> CollectionNames) : ITemplateModel;
