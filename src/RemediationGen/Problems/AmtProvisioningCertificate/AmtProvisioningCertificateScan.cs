using System.Globalization;
using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>
/// One scan of <see cref="AmtProvisioningCertificateRule"/>. amtopmgr.log names no server: the server is the one its
/// folder names (the out-of-band service point, usually the site server), as for SMSPXE.log.
/// </summary>
internal sealed class AmtProvisioningCertificateScan : IRuleScan
{
    private readonly AmtProvisioningCertificateRule _rule;
    private readonly DiagnosisContext _context;
    private readonly Dictionary<string, AmtServiceCertificate> _servers = new(StringComparer.Ordinal);
    private readonly FloodLimit _flood = new();

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
            // "will expire in 2147483647 day(s)" is no date: shown as not used rather than overflowing the expiry.
            if (entry.Time is { } warned && !warned.TryAddDays(days, out _))
            {
                _flood.Rejected.Add(_context.Reject(_rule.Problem.Id, entry, days.ToString(CultureInfo.InvariantCulture), "is not a number of days that gives a date"));
            }
            else if (_context.TryThumbprint(_rule.Problem.Id, entry, thumbprintText, _flood.Rejected) is { } thumbprint)
            {
                Server(entry).AddExpiring(entry, thumbprint, days);
            }
        }
        else if (AmtProvisioningCertificateSignatures.TryMatchRemoved(message, out thumbprintText))
        {
            if (_context.TryThumbprint(_rule.Problem.Id, entry, thumbprintText, _flood.Rejected) is { } thumbprint)
            {
                Server(entry).AddRemoved(entry, thumbprint);
            }
        }
        else if (AmtProvisioningCertificateSignatures.TryMatchFoundNew(message, out thumbprintText))
        {
            if (_context.TryThumbprint(_rule.Problem.Id, entry, thumbprintText, _flood.Rejected) is { } thumbprint)
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
        // Unordered: the diagnoser sorts every rule's findings by site and server. A loop, not LINQ over key-value
        // pairs, whose generic code over a struct would be compiled as diagnose ends.
        var findings = new List<Finding>();
        foreach (var (key, state) in _servers)
        {
            if (state.HasProblem)
            {
                var server = key.Length == 0 ? null : key;
                findings.Add(state.ToFinding(_rule, _context.SiteOf(server), server, server is not null && _context.Servers.Match(server) is not null));
            }
        }

        if (_flood.ToFinding(_rule) is { } flood)
        {
            findings.Add(flood);
        }

        return new RuleScanResult(findings, _flood.Rejected.ToList());
    }

    private AmtServiceCertificate Server(LogEntry entry)
    {
        // The empty key stands for "no folder names the server": the evidence is still shown.
        var key = entry.File.Server is { } writer ? _context.ServerOf(writer) : string.Empty;
        if (!_servers.TryGetValue(key, out var state))
        {
            _servers[key] = state = new AmtServiceCertificate();
        }

        return state;
    }
}
