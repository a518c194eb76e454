namespace RemediationGen.Packaging;

/// <summary>What every script template sees: a few names for the header, and the fix's own model as <c>Fix</c>.</summary>
/// <param name="PairName">The pair's file and object name (e.g. <c>PxePasswordCertificate</c>). No built-in template writes it; it is
/// here for overriding templates, with the other names a header may show.</param>
/// <param name="ScriptKind">"Intune detection", "ConfigMgr discovery", …: named in the header comment.</param>
public sealed record PairScriptModel(string ToolVersion, string SiteCode, string PairName, string Title, string ScriptKind, object Fix);
