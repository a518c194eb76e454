using RemediationGen.Facts;
using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// A diagnosis rule: one sealed class per problem (see docs/rules/&lt;Id&gt;.md). Rules know log messages; they do
/// not know scripts. A rule sees every entry once, in file order, through the scan it starts.
/// </summary>
public interface IDiagnosticRule
{
    /// <summary>The problem's one name, e.g. <c>IssuingCertificateList</c>.</summary>
    string Id { get; }

    string Title { get; }

    Severity Severity { get; }

    string Description { get; }

    /// <summary>
    /// Literal text (compared ordinally, ignoring case) of which every record the rule needs holds at least one. The
    /// engine may skip every record that holds none, which is what lets a scan run at grep speed: a rule that needs
    /// a record (a recovery line, a "processing DP" line for thread correlation) must list its text here. The empty string matches every record.
    /// </summary>
    IReadOnlyList<string> Signatures { get; }

    /// <summary>What <c>generate</c> emits for this problem, in one line (for findings and docs).</summary>
    string Fix { get; }

    IRuleScan BeginScan(DiagnosisContext context);
}

/// <summary>The state of one rule during one scan.</summary>
public interface IRuleScan
{
    void Observe(LogEntry entry);

    /// <summary>Called once after the last entry.</summary>
    RuleScanResult Complete();
}

public sealed record RuleScanResult(IReadOnlyList<Finding> Findings, IReadOnlyList<RejectedEvidence> Rejected);

/// <summary>What rules may consult besides the logs: the facts (when given) to tie servers to sites.</summary>
public sealed class DiagnosisContext
{
    public DiagnosisContext(HierarchyFacts? facts)
    {
        Facts = facts;
        Servers = new ServerDirectory(facts);
    }

    public HierarchyFacts? Facts { get; }

    public ServerDirectory Servers { get; }

    /// <summary>
    /// The site of the server that wrote <paramref name="file"/> (the attribution rule in README), else the only site in
    /// scope; null when neither is known.
    /// </summary>
    public string? SiteOfLog(LogFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return (file.Server is { } writer ? Servers.Match(writer)?.SiteCode : null) ?? Servers.SingleSiteCode;
    }

    /// <summary>A value <paramref name="entry"/> offered that failed validation, tied to the site of the log's writer.</summary>
    public RejectedEvidence Reject(string ruleId, LogEntry entry, string value, string reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new RejectedEvidence(ruleId, SiteOfLog(entry.File), PrintableText.Escape(value), reason, Evidence.From(entry));
    }
}
