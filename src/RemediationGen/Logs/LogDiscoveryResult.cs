namespace RemediationGen.Logs;

/// <summary>The logs found under the paths the user gave (in a stable order) and the folders that could not be searched.</summary>
internal sealed record LogDiscoveryResult(IReadOnlyList<LogFile> Files, IReadOnlyList<LogProblem> Problems);
