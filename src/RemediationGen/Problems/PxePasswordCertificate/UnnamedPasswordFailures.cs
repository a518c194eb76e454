using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>
/// Records of <see cref="PxePasswordCertificateRule"/> that no line ties to a DP (a DistMgr thread with no earlier
/// "ServerName =" line, or an SMSPXE.log outside a server folder): one finding per site without a server.
/// </summary>
internal sealed class UnnamedPasswordFailures
{
    private readonly EvidenceList _evidence = new();

    public UnnamedPasswordFailures(string? site)
    {
        Site = site;
    }

    public string? Site { get; }

    public void Add(LogEntry entry)
    {
        _evidence.Add(Evidence.From(entry));
    }

    /// <param name="dpsWithPassword">The candidates from the facts, or null without facts.</param>
    public Finding ToFinding(IDiagnosticRule rule, IReadOnlyList<string>? dpsWithPassword)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        var candidates = string.Empty;
        if (dpsWithPassword is not null)
        {
            details["dpsWithPxePassword"] = dpsWithPassword.Count == 0 ? "none" : string.Join(", ", dpsWithPassword);
            candidates = dpsWithPassword.Count == 0
                ? " The facts show no DP with a PXE password in this scope."
                : $" DPs with a PXE password set: {string.Join(", ", dpsWithPassword)}.";
        }

        var summary = "The logs show a DP's PXE password could not be decrypted or its PXE certificate expired, but no line names the DP "
            + "(filter distmgr.log by the thread, or put SMSPXE.log in a folder named after its DP)." + candidates;
        return new Finding(rule.Problem.Id, rule.Problem.Severity, Site, null, false, summary, _evidence.Kept(), _evidence.Occurrences)
        {
            Details = details,
        };
    }
}
