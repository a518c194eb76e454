namespace RemediationGen.Packaging;

/// <summary>What every script template sees: a few names for the header, and the fix's own model as <c>Fix</c>.</summary>
/// <param name="ScriptKind">"Intune detection", "ConfigMgr discovery", …: named in the header comment.</param>
public sealed record PairScriptModel(string ToolVersion, string SiteCode, string PairName, string Title, string ScriptKind, object Fix);
