using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>
/// Runs rules over logs: each file is read once and every entry is shown to every rule, so the cost of a scan is one
/// pass over the logs whatever the number of rules.
/// </summary>
public sealed class Diagnoser
{
    private readonly IReadOnlyList<IDiagnosticRule> _rules;

    public Diagnoser(IReadOnlyList<IDiagnosticRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToArray();
    }

    /// <summary>
    /// Reads <paramref name="files"/> in order. A file that cannot be read (or only in part) becomes a problem and the
    /// scan goes on. Results are sorted by rule id, site, server (nulls last, ordinal).
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

        var scans = _rules.Select(rule => rule.BeginScan(context)).ToArray();
        var problems = new List<LogProblem>(discoveryProblems);
        var filesRead = 0;
        long entriesRead = 0;

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var problemsBefore = problems.Count;
            long entriesInFile = 0;
            foreach (var entry in LogFileReader.Read(file, problems.Add, cancellationToken))
            {
                entriesInFile++;
                foreach (var scan in scans)
                {
                    scan.Observe(entry);
                }
            }

            // A file that reported a problem without giving a single entry was not read at all.
            if (entriesInFile > 0 || problems.Count == problemsBefore)
            {
                filesRead++;
            }

            entriesRead += entriesInFile;
        }

        var findings = new List<Finding>();
        var rejected = new List<RejectedEvidence>();
        foreach (var scan in scans)
        {
            var result = scan.Complete();
            findings.AddRange(result.Findings);
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
            entriesRead);
    }
}
