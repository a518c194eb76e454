using System.Collections.ObjectModel;
using System.Globalization;
using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// Bounds what one rule keeps when logs name a flood of servers (300,000 distinct DP names once took 3 GB and wrote
/// 308 MB of JSON): findings for the first <see cref="MaxServers"/> servers and the first <see cref="MaxRejected"/>
/// rejected values are kept in full; past that, records are only counted, and one finding says how much was cut.
/// </summary>
internal sealed class FloodLimit
{
    public const int MaxServers = 10_000;
    public const int MaxRejected = 10_000;

    private long _recordsNotListed;
    private Evidence? _firstNotListed;

    public FloodLimit()
    {
        Rejected = new RejectedList(this);
    }

    /// <summary>The rule's rejected values, the first <see cref="MaxRejected"/> of them.</summary>
    public Collection<RejectedEvidence> Rejected { get; }

    private long RejectedNotListed { get; set; }

    /// <summary>Whether a rule that tracks <paramref name="servers"/> servers may track one more.</summary>
    public static bool HasRoom(int servers) => servers < MaxServers;

    /// <summary>
    /// Whether a rule that tracks <paramref name="servers"/> servers may track the one <paramref name="entry"/> is about;
    /// if not, the record is counted as not listed.
    /// </summary>
    public bool Admits(int servers, LogEntry entry)
    {
        if (HasRoom(servers))
        {
            return true;
        }

        NotListed(entry);
        return false;
    }

    /// <summary>Counts a record about a server past the limit.</summary>
    private void NotListed(LogEntry entry)
    {
        _recordsNotListed++;
        _firstNotListed ??= Evidence.From(entry);
    }

    /// <summary>The one finding that says the flood was cut, or null when nothing was.</summary>
    public Finding? ToFinding(IDiagnosticRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (_firstNotListed is null)
        {
            return null;
        }

        var invariant = CultureInfo.InvariantCulture;
        var summary = string.Create(invariant, $"The logs name more servers or values than one report lists: findings are kept for the first {MaxServers} servers and rejected values for the first {MaxRejected}; ")
            + string.Create(invariant, $"{_recordsNotListed} record(s) about further servers and {RejectedNotListed} further rejected value(s) were counted but not listed. ")
            + "Run diagnose on the logs of fewer servers at a time (for example one site) to see them all.";
        return new Finding(rule.Problem.Id, Severity.Warning, null, null, false, summary, [_firstNotListed], (int)Math.Min(int.MaxValue, _recordsNotListed + RejectedNotListed))
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["recordsNotListed"] = _recordsNotListed.ToString(invariant),
                ["rejectedNotListed"] = RejectedNotListed.ToString(invariant),
            },
        };
    }

    /// <summary>Keeps the first <see cref="MaxRejected"/> values and counts the rest.</summary>
    private sealed class RejectedList(FloodLimit limit) : Collection<RejectedEvidence>
    {
        protected override void InsertItem(int index, RejectedEvidence item)
        {
            if (Count < MaxRejected)
            {
                base.InsertItem(index, item);
                return;
            }

            limit.RejectedNotListed++;
            limit._firstNotListed ??= item.Evidence;
        }
    }
}
