using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Logs;

namespace RemediationGen.Rules;

/// <summary>
/// One scan of <see cref="AmtProvisioningCertificateRule"/>. amtopmgr.log names no server: the server is the one its
/// folder names (the out-of-band service point, usually the site server), as for SMSPXE.log.
/// </summary>
internal sealed class AmtProvisioningCertificateScan : IRuleScan
{
    private readonly AmtProvisioningCertificateRule _rule;
    private readonly DiagnosisContext _context;
    private readonly Dictionary<string, AmtServiceCertificate> _servers = new(StringComparer.Ordinal);
    private readonly List<RejectedEvidence> _rejected = [];

    public AmtProvisioningCertificateScan(AmtProvisioningCertificateRule rule, DiagnosisContext context)
    {
        _rule = rule;
        _context = context;
    }

    public void Observe(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var message = entry.Message;
        if (AmtProvisioningCertificateSignatures.TryMatchExpiring(message, out var thumbprintText, out var days))
        {
            if (TryThumbprint(entry, thumbprintText) is { } thumbprint)
            {
                Server(entry).AddExpiring(entry, thumbprint, days);
            }
        }
        else if (AmtProvisioningCertificateSignatures.TryMatchRemoved(message, out thumbprintText))
        {
            if (TryThumbprint(entry, thumbprintText) is { } thumbprint)
            {
                Server(entry).AddRemoved(entry, thumbprint);
            }
        }
        else if (AmtProvisioningCertificateSignatures.TryMatchFoundNew(message, out thumbprintText))
        {
            if (TryThumbprint(entry, thumbprintText) is { } thumbprint)
            {
                Server(entry).AddFoundNew(entry, thumbprint);
            }
        }
        else if (AmtProvisioningCertificateSignatures.IsInvalid(message))
        {
            Server(entry).AddInvalid(entry);
        }
    }

    public RuleScanResult Complete()
    {
        var findings = _servers
            .Where(pair => pair.Value.HasProblem)
            .Select(pair =>
            {
                var server = pair.Key.Length == 0 ? null : pair.Key;
                var known = server is null ? null : _context.Servers.Match(server);
                var site = known?.SiteCode ?? _context.Servers.SingleSiteCode;
                return pair.Value.ToFinding(_rule, site, server, known is not null);
            })
            .OrderBy(f => f.SiteCode is null)
            .ThenBy(f => f.SiteCode, StringComparer.Ordinal)
            .ThenBy(f => f.Server is null)
            .ThenBy(f => f.Server, StringComparer.Ordinal)
            .ToList();
        return new RuleScanResult(findings, _rejected.ToList());
    }

    private string? TryThumbprint(LogEntry entry, string thumbprintText)
    {
        if (CertificateHash.TryNormalize(thumbprintText, out var thumbprint, out var reason))
        {
            return thumbprint;
        }

        _rejected.Add(_context.Reject(_rule.Id, entry, thumbprintText, reason));
        return null;
    }

    private AmtServiceCertificate Server(LogEntry entry)
    {
        // The empty key stands for "no folder names the server": the evidence is still shown.
        var key = entry.File.Server is { } writer ? _context.Servers.Match(writer)?.HostName ?? writer : string.Empty;
        if (!_servers.TryGetValue(key, out var state))
        {
            _servers[key] = state = new AmtServiceCertificate();
        }

        return state;
    }
}
