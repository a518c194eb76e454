using RemediationGen.Fixes;
using RemediationGen.Templates;

namespace RemediationGen.Packaging;

/// <summary>What every script template sees: a few names for the header, the site-system guard, and the fix's own model as <c>Fix</c>.</summary>
/// <param name="PairName">The pair's file and object name (e.g. <c>PxePasswordCertificate</c>): the discovery script's local log is named after it.</param>
/// <param name="ScriptKind">"Intune detection", "ConfigMgr discovery", …: named in the header comment.</param>
internal sealed record PairScriptModel(string ToolVersion, string SiteCode, string PairName, string Title, string ScriptKind, IFixModel Fix) : ITemplateModel
{
    public SiteSystemModel SiteSystem { get; init; } = SiteSystemModel.None;
}

/// <summary>The guard as templates see it: <see cref="Guarded"/> false for a pair without one.</summary>
internal sealed record SiteSystemModel(bool Guarded, string Kind, IReadOnlyList<string> Keys)
{
    public static SiteSystemModel None { get; } = new(false, string.Empty, []);

    public static SiteSystemModel Of(SiteSystemGuard? guard) => guard is null ? None : new(true, guard.Kind, guard.Keys);
}
