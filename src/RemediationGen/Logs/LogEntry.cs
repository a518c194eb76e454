namespace RemediationGen.Logs;

/// <summary>Which of the ConfigMgr line layouts an entry was read from.</summary>
internal enum LogFormat
{
    /// <summary>No recognizable layout: the whole line is the message.</summary>
    PlainText,

    /// <summary><c>&lt;![LOG[message]LOG]!&gt;&lt;time="…" date="…" component="…" … &gt;</c> (SMSPXE.log, client and MP logs).</summary>
    CmTrace,

    /// <summary><c>message $$&lt;COMPONENT&gt;&lt;MM-dd-yyyy HH:mm:ss.fff+bias&gt;&lt;thread=N (0xN)&gt;</c> (site-server logs).</summary>
    SiteServer,
}

/// <summary>CMTrace's type attribute: 1 information, 2 warning, 3 error. Site-server lines carry none.</summary>
internal enum LogSeverity
{
    Unknown = 0,
    Information = 1,
    Warning = 2,
    Error = 3,
}

/// <summary>
/// One log record: what rules see, never raw bytes. <paramref name="Line"/> is the 1-based physical line where the
/// record starts; <paramref name="Message"/> has the <c>~</c> markers of site-server lines removed and keeps inner
/// line breaks of multi-line CMTrace records as <c>\n</c>.
/// </summary>
internal sealed record LogEntry(
    LogFile File,
    long Line,
    LogTimestamp? Time,
    string? Component,
    int? Thread,
    LogSeverity Severity,
    LogFormat Format,
    string Message);
