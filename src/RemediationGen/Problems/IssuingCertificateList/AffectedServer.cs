using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>The evidence gathered for one (site, server) of <see cref="IssuingCertificateListRule"/>.</summary>
internal sealed class AffectedServer
{
    private readonly EvidenceList _evidence = new();
    private readonly bool _serverInFacts;
    private Evidence? _lastCertMgr;
    private Evidence? _lastPxe;

    public AffectedServer(bool serverInFacts)
    {
        _serverInFacts = serverInFacts;
    }

    public void AddCertMgr(LogEntry entry)
    {
        _lastCertMgr = Add(entry);
    }

    public void AddPxe(LogEntry entry)
    {
        _lastPxe = Add(entry);
    }

    /// <param name="recovery">The server's latest CertMgr.log success line, if any.</param>
    public Finding ToFinding(IDiagnosticRule rule, string? site, string? server, Evidence? recovery)
    {
        var certMgrRecovered = recovery is not null && _lastCertMgr is not null && RecordOrder.IsAfter(recovery, _lastCertMgr);
        var summary = Summary(server);
        Resolution? resolution = null;
        if (certMgrRecovered && _lastPxe is null)
        {
            resolution = new Resolution(
                recovery!,
                $"CertMgr.log copied the Security registry key of {server} after the last failure: the site server can read it again, so IssuingCertificateList is back there.");
        }
        else if (certMgrRecovered)
        {
            // SMSPXE.log logs no line that proves PXE works again, so its failures stay open until the admin checks.
            summary += $" CertMgr.log later copied the key ({recovery!.File}:{recovery.Line}), but no SMSPXE.log record shows PXE working again: restart WDS and check SMSPXE.log.";
        }

        return new Finding(rule.Problem.Id, rule.Problem.Severity, site, server, _serverInFacts, summary, _evidence.Kept(), _evidence.Occurrences)
        {
            Resolution = resolution,
        };
    }

    private Evidence Add(LogEntry entry)
    {
        var evidence = Evidence.From(entry);
        _evidence.Add(evidence);

        return evidence;
    }

    private string Summary(string? server)
    {
        if (_lastCertMgr is not null && _lastPxe is not null)
        {
            return $"CertMgr.log could not read the Security registry key of {server} (0x80070005) and SMSPXE.log there "
                + "failed to create a certificate store (0x80092002): IssuingCertificateList is likely missing there and PXE boot fails until it is restored.";
        }

        if (_lastCertMgr is not null)
        {
            return $"CertMgr.log could not read the Security registry key of {server} (0x80070005): IssuingCertificateList is likely missing there.";
        }

        var where = server is null ? "(from a folder that names no server)" : $"on {server}";
        return $"SMSPXE.log {where} failed to create a certificate store (0x80092002): PXE boot fails until IssuingCertificateList is restored.";
    }
}
