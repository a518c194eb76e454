using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Rules;

/// <summary>The evidence gathered for one (site, server) of <see cref="IssuingCertificateListRule"/>.</summary>
internal sealed class AffectedServer
{
    private readonly List<Evidence> _evidence = [];
    private readonly bool _serverInFacts;
    private int _occurrences;
    private bool _certMgr;
    private bool _pxe;

    public AffectedServer(bool serverInFacts)
    {
        _serverInFacts = serverInFacts;
    }

    public void AddCertMgr(LogEntry entry)
    {
        _certMgr = true;
        Add(entry);
    }

    public void AddPxe(LogEntry entry)
    {
        _pxe = true;
        Add(entry);
    }

    public Finding ToFinding(string ruleId, Severity severity, string? site, string? server) =>
        new(ruleId, severity, site, server, _serverInFacts, Summary(server), _evidence.ToList(), _occurrences);

    private void Add(LogEntry entry)
    {
        _occurrences++;
        if (_evidence.Count < Finding.MaxEvidence)
        {
            _evidence.Add(Evidence.From(entry));
        }
    }

    private string Summary(string? server)
    {
        if (_certMgr && _pxe)
        {
            return $"CertMgr.log could not read the Security registry key of {server} (0x80070005) and SMSPXE.log there "
                + "failed to create a certificate store (0x80092002): IssuingCertificateList is likely missing there and PXE boot fails until it is restored.";
        }

        if (_certMgr)
        {
            return $"CertMgr.log could not read the Security registry key of {server} (0x80070005): IssuingCertificateList is likely missing there.";
        }

        var where = server is null ? "(from a folder that names no server)" : $"on {server}";
        return $"SMSPXE.log {where} failed to create a certificate store (0x80092002): PXE boot fails until IssuingCertificateList is restored.";
    }
}
