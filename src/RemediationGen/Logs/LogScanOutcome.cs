namespace RemediationGen.Logs;

/// <summary>
/// How far the scan of one log got: whether it could be opened, and how many physical lines it read (a CMTrace record
/// of three lines counts three; lines of skipped records count too, since every byte was scanned).
/// </summary>
internal readonly record struct LogScanOutcome(bool Opened, long LinesRead);
