namespace RemediationGen.Logs;

/// <summary>
/// Reads one log at memory speed and parses only the records that hold a signature (see
/// <c>IDiagnosticRule.Signatures</c>): text is decoded a cache-sized piece at a time, searched with a vectorized
/// multi-string search, and line breaks between hits are counted (vectorized) rather than split, so line numbers stay
/// exact. For a hit, the enclosing record is found (a CMTrace record may span lines: back to its <c>&lt;![LOG[</c>
/// line) and parsed by <see cref="LogLineParser"/> exactly as <see cref="LogFileReader"/> would. Memory is bounded by
/// the block size whatever the file size.
/// <para>
/// Problems: an unopenable or unreadable file, an empty file, NUL characters (binary data), bytes that are not valid
/// UTF-8, a last line without a line break, and a last record that is not closed are reported for every file.
/// Runaway or unclosed records in the middle of a file are reported when they hold a signature (the scan does not
/// parse the others). A file with a physical line of <see cref="BoundedLineReader.MaxLineChars"/> characters or more
/// is read line by line from there on, exactly as <see cref="LogFileReader"/> reads it.
/// </para>
/// <para>
/// The parts: <see cref="ScanBlock"/> reads and frames lines, <see cref="SignatureScan"/> walks the block and counts
/// lines, <see cref="RecordRebuilder"/> parses the record around a hit, <see cref="ContentCheck"/> reports binary or
/// invalid text, <see cref="ScanEnd"/> reports how the file ends, and <see cref="LineByLineScan"/> is the exact fallback.
/// <see cref="Utf8ScanReader"/> decodes a UTF-8 file.
/// </para>
/// <para>
/// The methods that run for every hit are marked <c>AggressiveOptimization</c>: compiled fully
/// optimized on first use. Their ahead-of-time code would otherwise run until tiered compilation replaced it, which
/// on a run of a few seconds is much of it (issue 15: 0.52 of grep's time on the dense profile, 0.56 without).
/// </para>
/// </summary>
internal static class LogFileScanner
{
    // At most 8 MB of text: room for an open record (RecordMarkers.MaxOpenRecordSpan) behind the scan and a longest
    // line ahead. A block starts far smaller and grows to this only when a record or line needs it (ScanBlockMemory).
    internal const int BlockChars = 4 * 1024 * 1024;

    /// <summary>Scans <paramref name="file"/>; entries go to <paramref name="emit"/> in file order, problems to <paramref name="reportProblem"/>.</summary>
    public static LogScanOutcome Scan(
        LogFile file,
        LogSignatures signatures,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        CancellationToken cancellationToken = default) =>
        Scan(file, signatures, emit, reportProblem, newestRecordKey: null, new ScanBlockMemory(), cancellationToken);

    /// <summary>As above, passing on of a run of records with a key only the newest per key (<see cref="NewestRecordPerKey"/>).</summary>
    public static LogScanOutcome Scan(
        LogFile file,
        LogSignatures signatures,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        RecordKey newestRecordKey,
        CancellationToken cancellationToken = default) =>
        Scan(file, signatures, emit, reportProblem, newestRecordKey, new ScanBlockMemory(), cancellationToken);

    /// <summary>As above, with block memory (up to <see cref="BlockChars"/> characters) the caller reuses from file to file.</summary>
    internal static LogScanOutcome Scan(
        LogFile file,
        LogSignatures signatures,
        Action<LogEntry> emit,
        Action<LogProblem> reportProblem,
        RecordKey? newestRecordKey,
        ScanBlockMemory block,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentNullException.ThrowIfNull(reportProblem);

        // A buffer of fewer bytes than the scan reads characters at a time lets a StreamReader (for a file that is not
        // UTF-8) decode straight into the scan's block, not into its own buffer and then copy.
        using var reader = LogFileReader.TryOpenForScan(file, reportProblem, bufferSize: ScanBlock.FillChars / 2);
        if (reader is null)
        {
            return new LogScanOutcome(Opened: false, LinesRead: 0);
        }

        var scan = new SignatureScan(file, signatures, new ScanBlock(file, reader, block, reportProblem), reader as Utf8ScanReader, emit, reportProblem, newestRecordKey, cancellationToken);
        return new LogScanOutcome(Opened: true, scan.Run());
    }
}
