namespace RemediationGen.Logs;

/// <summary>A log that could not be read, or was read only in part; the scan went on without it.</summary>
internal sealed record LogProblem(string File, string Reason);
