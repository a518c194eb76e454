using System.Buffers;

namespace RemediationGen.Logs;

/// <summary>
/// The literal texts of which every record the rules need holds one (ordinal, ignoring case). The empty string
/// matches every record, and then the scan parses every record.
/// </summary>
public sealed class LogSignatures
{
    private LogSignatures(SearchValues<string> values, bool matchesEveryRecord)
    {
        Values = values;
        MatchesEveryRecord = matchesEveryRecord;
    }

    /// <summary>Vectorized multi-string search over decoded text.</summary>
    internal SearchValues<string> Values { get; }

    public bool MatchesEveryRecord { get; }

    public static LogSignatures Create(IEnumerable<string> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var distinct = signatures.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var everything = distinct.Any(string.IsNullOrEmpty);
        var values = SearchValues.Create(distinct.Where(s => !string.IsNullOrEmpty(s)).ToArray(), StringComparison.OrdinalIgnoreCase);
        return new LogSignatures(values, everything);
    }

    /// <summary>Whether a parsed entry holds a signature (used where whole records are parsed anyway).</summary>
    internal bool Matches(LogEntry entry) =>
        MatchesEveryRecord
        || entry.Message.AsSpan().IndexOfAny(Values) >= 0
        || (entry.Component is { } component && component.AsSpan().IndexOfAny(Values) >= 0);
}
