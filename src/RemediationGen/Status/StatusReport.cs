namespace RemediationGen.Status;

/// <summary>What the export says of one target of one pair.</summary>
internal enum TargetOutcome
{
    Fixed,
    StillFailing,
    Error,
    NotEvaluated,
}

/// <summary>One finding's evidence line the diagnosis had for a target: file, line and message.</summary>
internal sealed record StatusEvidence(string File, int Line, string Message);

/// <param name="State">The states as exported (e.g. "fail / remediationFailed", "NonCompliant"), or "no report".</param>
/// <param name="Output">For a failure or error: the output line or error the export holds.</param>
/// <param name="Diagnosis">The summaries of the package's findings for this target and pair.</param>
internal sealed record TargetStatus(
    string Server,
    TargetOutcome Outcome,
    string Route,
    string State,
    string LastUpdate,
    string Output,
    IReadOnlyList<string> Diagnosis,
    IReadOnlyList<StatusEvidence> Evidence);

internal sealed record PairStatus(string Pair, IReadOnlyList<TargetStatus> Targets)
{
    public int Count(TargetOutcome outcome) => Targets.Count(t => t.Outcome == outcome);
}

/// <summary>The package's pairs and targets joined with a status export (remediationgen status).</summary>
internal sealed record StatusReport(string SiteCode, string PackageFolder, string ExportFile, IReadOnlyList<PairStatus> Pairs, int ExportRowsNotTargets);
