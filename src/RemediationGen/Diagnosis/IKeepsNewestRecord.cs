using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// A rule that needs, of some record it reads over and over, only the newest per key in each file (the last "Begin
/// validation" of a certificate on a busy PXE DP). The engine then passes on only those (<see cref="NewestRecordPerKey"/>),
/// so a repeated record costs no trip to the rules. A record also goes to every rule unthinned when another rule's
/// signatures match it.
/// </summary>
internal interface IKeepsNewestRecord
{
    /// <summary>
    /// The key of a record of <paramref name="file"/> with <paramref name="message"/> when the rule would end in the
    /// same state if it saw only the newest record of that key in a run of such records of one file; null for a record
    /// the rule must see. Called on the scan's worker threads, before the record is parsed: it must only read.
    /// </summary>
    string? NewestRecordKey(LogFile file, ReadOnlySpan<char> message);
}
