using RemediationGen.Facts;
using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// A diagnosis rule: one sealed class per problem (see docs/rules/&lt;Id&gt;.md). Rules know log messages; they do
/// not know scripts. A rule sees every entry once, in file order, through the scan it starts.
/// </summary>
internal interface IDiagnosticRule
{
    /// <summary>The problem the rule finds: its id and severity go into each finding, its fix description too (the diagnoser adds it).</summary>
    ProblemDescriptor Problem { get; }

    /// <summary>
    /// Literal text (compared ordinally, ignoring case) of which every record the rule needs holds at least one. The
    /// engine may skip every record that holds none, which is what lets a scan run at grep speed: a rule that needs
    /// a record (a recovery line, a "processing DP" line for thread correlation) must list its text here. The empty string matches every record.
    /// </summary>
    IReadOnlyList<string> Signatures { get; }

    IRuleScan BeginScan(DiagnosisContext context);
}

/// <summary>The state of one rule during one scan.</summary>
internal interface IRuleScan
{
    void Observe(LogEntry entry);

    /// <summary>Called once after the last entry.</summary>
    RuleScanResult Complete();
}

internal sealed record RuleScanResult(IReadOnlyList<Finding> Findings, IReadOnlyList<RejectedEvidence> Rejected);

/// <summary>What rules may consult besides the logs: the facts (when given) to tie servers to sites.</summary>
internal sealed class DiagnosisContext
{
    public DiagnosisContext(HierarchyFacts? facts)
    {
        Facts = facts;
        Servers = new ServerDirectory(facts);
    }

    public HierarchyFacts? Facts { get; }

    public ServerDirectory Servers { get; }

    /// <summary>A host name as the facts spell it when they know the server, else as given.</summary>
    public string ServerOf(string hostName) => Servers.Match(hostName)?.HostName ?? hostName;

    /// <summary>The site the facts give <paramref name="server"/>, else the only site in scope; null when neither is known.</summary>
    public string? SiteOf(string? server) =>
        (server is null ? null : Servers.Match(server)?.SiteCode) ?? Servers.SingleSiteCode;

    /// <summary>The site of the server that wrote <paramref name="file"/> (the attribution rule in README), as <see cref="SiteOf"/>.</summary>
    public string? SiteOfLog(LogFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return SiteOf(file.Server);
    }

    /// <summary>
    /// A server name from a log, as <see cref="ServerOf"/>, if it is a valid host name; otherwise it is added to
    /// <paramref name="rejected"/> (shown to the admin, never used) and the result is null.
    /// </summary>
    public string? TryServer(string ruleId, LogEntry entry, string serverText, ICollection<RejectedEvidence> rejected)
    {
        ArgumentNullException.ThrowIfNull(serverText);
        ArgumentNullException.ThrowIfNull(rejected);
        if (HostName.TryNormalize(serverText.Trim(), out var hostName, out var reason))
        {
            return ServerOf(hostName);
        }

        rejected.Add(Reject(ruleId, entry, serverText, reason));
        return null;
    }

    /// <summary>A certificate thumbprint from a log, normalized, if it is one; otherwise it is added to <paramref name="rejected"/>.</summary>
    public string? TryThumbprint(string ruleId, LogEntry entry, string thumbprintText, ICollection<RejectedEvidence> rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (CertificateHash.TryNormalize(thumbprintText, out var thumbprint, out var reason))
        {
            return thumbprint;
        }

        rejected.Add(Reject(ruleId, entry, thumbprintText, reason));
        return null;
    }

    /// <summary>A value <paramref name="entry"/> offered that failed validation, tied to the site of the log's writer.</summary>
    public RejectedEvidence Reject(string ruleId, LogEntry entry, string value, string reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new RejectedEvidence(ruleId, SiteOfLog(entry.File), PrintableText.Escape(value), reason, Evidence.From(entry));
    }
}
