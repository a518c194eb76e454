using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// Runs rules over logs: each file is read once, and every record that holds a signature of some rule
/// (<see cref="IDiagnosticRule.Signatures"/>) is parsed and shown to every rule, in file order. The other records are
/// skipped at memory speed (<see cref="LogFileScanner"/>), and files are scanned in parallel, one per core.
/// </summary>
internal sealed class Diagnoser
{
    private readonly IReadOnlyList<IDiagnosticRule> _rules;
    private readonly LogSignatures _signatures;
    private readonly RecordKey? _newestRecordKey;

    public Diagnoser(IReadOnlyList<IDiagnosticRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToArray();
        _signatures = LogSignatures.Create(_rules.SelectMany(rule => rule.Signatures));
        _newestRecordKey = NewestRecordKeys.Of(_rules);
    }

    /// <summary>
    /// Reads <paramref name="files"/>; rules see their entries in file order. A file that cannot be read (or only in
    /// part) becomes a problem and the scan goes on; problems come in file order after <paramref name="discoveryProblems"/>.
    /// Results are sorted by rule id, site, server (nulls last, ordinal). <see cref="DiagnosisResult.FilesRead"/>
    /// counts the files that could be opened, <see cref="DiagnosisResult.LinesRead"/> the physical lines scanned.
    /// </summary>
    public DiagnosisResult Run(
        IReadOnlyList<LogFile> files,
        DiagnosisContext context,
        IReadOnlyList<LogProblem> discoveryProblems,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(discoveryProblems);

        cancellationToken.ThrowIfCancellationRequested();
        var scans = _rules.Select(rule => rule.BeginScan(context)).ToArray();
        var problems = new List<LogProblem>(discoveryProblems);
        var filesRead = 0;
        long linesRead = 0;

        using (var scan = new ParallelLogScan(files, _signatures, _newestRecordKey, Environment.ProcessorCount, cancellationToken))
        {
            foreach (var file in scan.Results())
            {
                foreach (var entry in file.Entries())
                {
                    foreach (var ruleScan in scans)
                    {
                        ruleScan.Observe(entry);
                    }
                }

                problems.AddRange(file.Problems);
                if (file.Outcome.Opened)
                {
                    filesRead++;
                }

                linesRead += file.Outcome.LinesRead;
            }
        }

        var findings = new List<Finding>();
        var rejected = new List<RejectedEvidence>();
        foreach (var (rule, scan) in _rules.Zip(scans))
        {
            var result = scan.Complete();
            findings.AddRange(result.Findings.Select(finding => finding with { Fix = rule.Problem.FixDescription }));
            rejected.AddRange(result.Rejected);
        }

        return new DiagnosisResult(
            findings
                .OrderBy(f => f.RuleId, StringComparer.Ordinal)
                .ThenBy(f => f.SiteCode is null)
                .ThenBy(f => f.SiteCode, StringComparer.Ordinal)
                .ThenBy(f => f.Server is null)
                .ThenBy(f => f.Server, StringComparer.Ordinal)
                .ToList(),
            rejected
                .OrderBy(r => r.RuleId, StringComparer.Ordinal)
                .ThenBy(r => r.Evidence.File, StringComparer.Ordinal)
                .ThenBy(r => r.Evidence.Line)
                .ToList(),
            problems,
            filesRead,
            linesRead);
    }
}
