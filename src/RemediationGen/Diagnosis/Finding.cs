using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

internal enum Severity
{
    Information,
    Warning,
    Error,
}

/// <summary>One log record that supports a finding: where it is and what it says.</summary>
internal sealed record Evidence(string File, long Line, LogTimestamp? Time, string? Component, string Message)
{
    /// <summary>
    /// The longest message evidence keeps: a record may hold up to a megabyte of text, and a finding keeps
    /// <see cref="Finding.MaxEvidence"/> records for each of up to thousands of servers.
    /// </summary>
    public const int MaxMessageChars = 4096;

    public static Evidence From(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var message = entry.Message.Length <= MaxMessageChars
            ? entry.Message
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{entry.Message.AsSpan(0, MaxMessageChars)}... ({entry.Message.Length - MaxMessageChars} more characters)");
        return new(entry.File.DisplayPath, entry.Line, entry.Time, entry.Component, message);
    }
}

/// <summary>
/// A problem a rule found on one server. <paramref name="Server"/> is null when the log does not say which server
/// it came from (see the attribution rule in README); <paramref name="SiteCode"/> is null when the server could not
/// be tied to a site. <paramref name="Evidence"/> keeps the first records (at most <see cref="MaxEvidence"/>) and
/// <paramref name="Occurrences"/> counts them all.
/// </summary>
internal sealed record Finding(
    string RuleId,
    Severity Severity,
    string? SiteCode,
    string? Server,
    bool ServerInFacts,
    string Summary,
    IReadOnlyList<Evidence> Evidence,
    int Occurrences)
{
    public const int MaxEvidence = 20;

    /// <summary>Set when a later log record shows the problem gone (for example the success line after the failure).</summary>
    public Resolution? Resolution { get; init; }

    /// <summary>What <c>generate</c> emits for this finding: the diagnoser sets it from <see cref="ProblemDescriptor.FixDescription"/>.</summary>
    public string? Fix { get; init; }

    /// <summary>
    /// Facts the rule read out of the records, by name (for example <c>thumbprint</c>, <c>daysLeft</c>); outputs list
    /// them sorted by name so they never depend on the order a rule added them in.
    /// </summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = EmptyDetails;

    /// <summary>True when a later record shows the problem gone: such a finding is reported but is not "present".</summary>
    public bool IsResolved => Resolution is not null;

    private static IReadOnlyDictionary<string, string> EmptyDetails { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>The record that shows a finding's problem gone, and what it means.</summary>
internal sealed record Resolution(Evidence Evidence, string Explanation);

/// <summary>
/// A value a log offered (a server name, a thumbprint) that failed validation: shown to the admin, never used.
/// <paramref name="SiteCode"/> is the site of the server that wrote the log, null when that is not known.
/// </summary>
internal sealed record RejectedEvidence(string RuleId, string? SiteCode, string Value, string Reason, Evidence Evidence);

/// <summary>
/// Everything diagnosis produced, in a stable order (rule, site, server). <paramref name="FilesRead"/> counts the logs
/// that could be opened; <paramref name="LinesRead"/> counts the physical lines scanned (a record of three lines
/// counts three), since the engine parses only the records that hold a rule's signature.
/// </summary>
internal sealed record DiagnosisResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RejectedEvidence> Rejected,
    IReadOnlyList<LogProblem> Problems,
    int FilesRead,
    long LinesRead)
{
    public static DiagnosisResult Empty { get; } = new([], [], [], 0, 0);

    /// <summary>Findings whose problem no later record shows gone: what the exit code of diagnose counts.</summary>
    public int UnresolvedCount => Findings.Count(f => !f.IsResolved);
}
