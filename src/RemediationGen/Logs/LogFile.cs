namespace RemediationGen.Logs;

/// <summary>
/// A log to read. <paramref name="DisplayPath"/> is how evidence names it (the path as the user gave it, or
/// <c>demo:/…</c>); <paramref name="Server"/> is the host it came from when the folder layout or the user says so.
/// </summary>
internal sealed record LogFile(string DisplayPath, string? Server, Func<Stream> Open)
{
    /// <summary>The file name without folders, e.g. <c>CertMgr.log</c> or <c>SMSPXE-20261120-101500.log</c>.</summary>
    public string FileName => DisplayPath[(DisplayPath.LastIndexOfAny(['/', '\\']) + 1)..];
}
