namespace RemediationGen.Logs;

/// <summary>
/// The key under which <see cref="NewestRecordPerKey"/> keeps only the newest of a repeated record, read from the
/// record's file, message and component (empty when it has none); null for a record that must go on. Taking spans
/// lets the scan key a record before it parses it.
/// </summary>
internal delegate string? RecordKey(LogFile file, ReadOnlySpan<char> message, ReadOnlySpan<char> component);
