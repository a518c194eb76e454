using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Logs;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>One scan of <see cref="IssuingCertificateListRule"/>: gathers evidence per (site, server).</summary>
internal sealed class IssuingCertificateListScan : IRuleScan
{
    private readonly IssuingCertificateListRule _rule;
    private readonly DiagnosisContext _context;
    private readonly Dictionary<(string? Site, string? Server), AffectedServer> _affected = [];
    private readonly FloodLimit _flood = new();
    private readonly Dictionary<string, Evidence> _latestRecovery = new(StringComparer.Ordinal);

    public IssuingCertificateListScan(IssuingCertificateListRule rule, DiagnosisContext context)
    {
        _rule = rule;
        _context = context;
    }

    public void Observe(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (IssuingCertificateListSignatures.TryMatchCertMgr(entry.Message, out var serverText))
        {
            ObserveCertMgr(entry, serverText);
        }
        else if (IssuingCertificateListSignatures.IsPxeFailure(entry.Message))
        {
            ObservePxe(entry);
        }
        else if (IssuingCertificateListSignatures.TryMatchRecovery(entry.Message, out serverText))
        {
            ObserveRecovery(entry, serverText);
        }
    }

    public RuleScanResult Complete()
    {
        // Unordered: the diagnoser sorts every rule's findings by site and server. A loop, not LINQ over key-value
        // pairs, whose generic code over a struct would be compiled as diagnose ends.
        var findings = new List<Finding>();
        foreach (var (key, affected) in _affected)
        {
            findings.Add(affected.ToFinding(_rule, key.Site, key.Server, key.Server is { } server ? _latestRecovery.GetValueOrDefault(server) : null));
        }

        if (_flood.ToFinding(_rule) is { } flood)
        {
            findings.Add(flood);
        }

        return new RuleScanResult(findings, _flood.Rejected.ToList());
    }

    private void ObserveCertMgr(LogEntry entry, string serverText)
    {
        // The name comes from a log: only a valid host name may become a target, anything else is shown and dropped.
        if (_context.TryServer(_rule.Problem.Id, entry, serverText, _flood.Rejected) is not { } server)
        {
            return;
        }

        var known = _context.Servers.Match(server);
        var site = known?.SiteCode ?? _context.SiteOfLog(entry.File);
        Affected(entry, site, server, known is not null)?.AddCertMgr(entry);
    }

    private void ObserveRecovery(LogEntry entry, string serverText)
    {
        // A success line only ever clears a finding of the same name, so a name that is not a host name is just skipped.
        if (!HostName.TryNormalize(serverText, out var hostName, out _))
        {
            return;
        }

        var server = _context.ServerOf(hostName);
        var evidence = Evidence.From(entry);
        var known = _latestRecovery.TryGetValue(server, out var latest);
        if (!known && !FloodLimit.HasRoom(_latestRecovery.Count))
        {
            return; // a success line clears nothing but findings, which are as bounded
        }

        if (!known || RecordOrder.IsAfter(evidence, latest!))
        {
            _latestRecovery[server] = evidence;
        }
    }

    private void ObservePxe(LogEntry entry)
    {
        // SMSPXE.log names no server: the folder it was found in does (LogFile.Server), or nobody does.
        if (entry.File.Server is not { } writer)
        {
            Affected(entry, null, null, serverInFacts: false)?.AddPxe(entry);
            return;
        }

        Affected(entry, _context.SiteOf(writer), _context.ServerOf(writer), _context.Servers.Match(writer) is not null)?.AddPxe(entry);
    }

    /// <summary>The evidence of (site, server); null past <see cref="FloodLimit.MaxServers"/>, where the record is only counted.</summary>
    private AffectedServer? Affected(LogEntry entry, string? site, string? server, bool serverInFacts)
    {
        if (!_affected.TryGetValue((site, server), out var affected))
        {
            if (!_flood.Admits(_affected.Count, entry))
            {
                return null;
            }

            _affected[(site, server)] = affected = new AffectedServer(serverInFacts);
        }

        return affected;
    }
}
