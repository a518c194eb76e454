using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// Runs rules over logs: each file is read once, and every record that holds a signature of some rule
/// (<see cref="IDiagnosticRule.Signatures"/>) is parsed and shown to every rule, in file order. The other records are
/// skipped at memory speed (<see cref="LogFileScanner"/>), and files are scanned in parallel, one per core.
/// </summary>
internal sealed class Diagnoser
{
    private readonly IDiagnosticRule[] _rules;
    private readonly LogSignatures _signatures;
    private readonly RecordKey? _newestRecordKey;

    public Diagnoser(IReadOnlyList<IDiagnosticRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToArray();
        _signatures = LogSignatures.Create(_rules.SelectMany(rule => rule.Signatures));
        _newestRecordKey = NewestRecordKeys.Of(_rules, _signatures);
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
        for (var i = 0; i < _rules.Length; i++)
        {
            var result = scans[i].Complete();
            findings.AddRange(result.Findings.Select(finding => finding with { Fix = _rules[i].Problem.FixDescription }));
            rejected.AddRange(result.Rejected);
        }

        // OrderBy is a stable sort; by comparers, not by keys of bool or long, whose generic code would be compiled
        // here, at the end of every run.
        return new DiagnosisResult(
            findings.OrderBy(f => f, Comparer<Finding>.Create(CompareFindings)).ToList(),
            rejected.OrderBy(r => r, Comparer<RejectedEvidence>.Create(CompareRejected)).ToList(),
            problems,
            filesRead,
            linesRead);
    }

    /// <summary>By rule id, then site, then server (ordinal, each with nulls last).</summary>
    private static int CompareFindings(Finding a, Finding b)
    {
        var byRule = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (byRule != 0)
        {
            return byRule;
        }

        var bySite = CompareNullsLast(a.SiteCode, b.SiteCode);
        return bySite != 0 ? bySite : CompareNullsLast(a.Server, b.Server);
    }

    /// <summary>By rule id, then file (ordinal), then line.</summary>
    private static int CompareRejected(RejectedEvidence a, RejectedEvidence b)
    {
        var byRule = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (byRule != 0)
        {
            return byRule;
        }

        var byFile = string.CompareOrdinal(a.Evidence.File, b.Evidence.File);
        return byFile != 0 ? byFile : a.Evidence.Line.CompareTo(b.Evidence.Line);
    }

    private static int CompareNullsLast(string? a, string? b) =>
        a is null ? (b is null ? 0 : 1)
        : b is null ? -1
        : string.CompareOrdinal(a, b);
}
