namespace RemediationGen.Logs;

/// <summary>
/// Problems reported at most once per file, shared by the parsers that read parts of one file, so a file full of
/// one oddity gives one line, not one per record.
/// </summary>
internal sealed class FileReports
{
    public bool TimeOutOfRange { get; set; }
}
