using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Logs;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>
/// One scan of <see cref="PxePasswordCertificateRule"/>. DistMgr's password failure names no DP: the DP is the one the
/// same thread of the same file last named in a "DPID n - NAL Path [...] , ServerName = X" or success line, which is
/// how Microsoft tells admins to read DistMgr.log (filter by thread).
/// </summary>
internal sealed class PxePasswordCertificateScan : IRuleScan
{
    private readonly PxePasswordCertificateRule _rule;
    private readonly DiagnosisContext _context;
    private readonly Dictionary<string, (string? Site, PxePasswordDistributionPoint State)> _dps = new(StringComparer.Ordinal);
    private readonly Dictionary<(string File, int Thread), string> _dpOfThread = [];
    private readonly Dictionary<string, string> _dpOfPxeFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnnamedPasswordFailures> _unnamed = new(StringComparer.Ordinal);
    private readonly FloodLimit _flood = new();

    public PxePasswordCertificateScan(PxePasswordCertificateRule rule, DiagnosisContext context)
    {
        _rule = rule;
        _context = context;
    }

    public void Observe(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var message = entry.Message;
        if (PxePasswordCertificateSignatures.IsPasswordFailure(message))
        {
            ObservePasswordFailure(entry);
        }
        else if (PxePasswordCertificateSignatures.TryMatchProcessingDp(message, out var serverText))
        {
            SetThreadDp(entry, _context.TryServer(_rule.Problem.Id, entry, serverText, _flood.Rejected));
        }
        else if (PxePasswordCertificateSignatures.TryMatchRegistryUpdated(message, out serverText))
        {
            var server = _context.TryServer(_rule.Problem.Id, entry, serverText, _flood.Rejected);
            SetThreadDp(entry, server);
            if (server is not null)
            {
                Dp(entry, server, SiteOfSiteServerLog(entry, server))?.AddRegistryUpdated(entry);
            }
        }
        else if (PxePasswordCertificateSignatures.TryMatchCertificateUpdate(message, out serverText))
        {
            if (_context.TryServer(_rule.Problem.Id, entry, serverText, _flood.Rejected) is { } server)
            {
                Dp(entry, server, SiteOfSiteServerLog(entry, server))?.AddCertificateUpdate(entry);
            }
        }
        else if (PxePasswordCertificateSignatures.TryMatchExpired(message, out var thumbprintText, out serverText))
        {
            ObserveExpired(entry, thumbprintText, serverText);
        }
        else if (PxePasswordCertificateSignatures.TryMatchValidation(message, out thumbprintText, out serverText))
        {
            ObserveValidation(entry, thumbprintText, serverText);
        }
        else if (PxePasswordCertificateSignatures.IsPxeFailure(message) && IsSmsPxe(entry))
        {
            ObservePxeFailure(entry, expiredThumbprint: null);
        }
    }

    /// <summary>
    /// A "Begin validation" record, as <see cref="Observe"/> reads it: it only sets the file's DP
    /// (<see cref="RememberPxeFileDp"/>) and keeps the newest validation per DP and thumbprint, and within a file the
    /// later line is the newer, so only the newest per DP and thumbprint text matters. Null for every other record, and
    /// for a DP name the rule would reject (each rejection is reported). In a DP's folder the DP name is not read.
    /// </summary>
    public static string? NewestRecordKey(LogFile file, ReadOnlySpan<char> message)
    {
        ArgumentNullException.ThrowIfNull(file);
        // The validation match first: it fails fast for most messages, where the other search reads all of them.
        if (!PxePasswordCertificateSignatures.TryMatchValidation(message, out var thumbprintText, out var serverText)
            || PxePasswordCertificateSignatures.MayPrecedeValidation(message))
        {
            return null;
        }

        return file.Server is not null ? thumbprintText.ToString()
            : HostName.TryNormalize(serverText.Trim().ToString(), out _, out _) ? string.Concat(serverText, "|", thumbprintText)
            : null;
    }

    public RuleScanResult Complete()
    {
        // Unordered: the diagnoser sorts every rule's findings by site and server. Loops, not LINQ over key-value
        // pairs, whose generic code over a struct would be compiled as diagnose ends.
        var findings = new List<Finding>();
        foreach (var (server, dp) in _dps)
        {
            if (dp.State.HasProblem)
            {
                findings.Add(dp.State.ToFinding(_rule, dp.Site, server, PasswordSet(server)));
            }
        }

        foreach (var unnamed in _unnamed.Values)
        {
            findings.Add(unnamed.ToFinding(_rule, DpsWithPassword(unnamed.Site)));
        }

        if (_flood.ToFinding(_rule) is { } flood)
        {
            findings.Add(flood);
        }

        return new RuleScanResult(findings, _flood.Rejected.ToList());
    }

    private void ObservePasswordFailure(LogEntry entry)
    {
        if (entry.Thread is { } thread && _dpOfThread.TryGetValue((entry.File.DisplayPath, thread), out var server))
        {
            Dp(entry, server, SiteOfSiteServerLog(entry, server))?.AddPasswordFailure(entry);
            return;
        }

        Unnamed(_context.SiteOfLog(entry.File)).Add(entry);
    }

    private void ObserveExpired(LogEntry entry, string thumbprintText, string serverText)
    {
        if (_context.TryThumbprint(_rule.Problem.Id, entry, thumbprintText, _flood.Rejected) is not { } thumbprint)
        {
            return;
        }

        RememberPxeFileDp(entry, serverText);
        ObservePxeFailure(entry, thumbprint);
    }

    private void ObserveValidation(LogEntry entry, string thumbprintText, string serverText)
    {
        RememberPxeFileDp(entry, serverText);
        if (CertificateHash.TryNormalize(thumbprintText, out var thumbprint, out _) && PxeServer(entry) is { } server)
        {
            Dp(entry, server, SiteOfDpLog(server))?.AddValidation(entry, thumbprint);
        }
    }

    private void ObservePxeFailure(LogEntry entry, string? expiredThumbprint)
    {
        if (PxeServer(entry) is { } server)
        {
            Dp(entry, server, SiteOfDpLog(server))?.AddPxeFailure(entry, expiredThumbprint);
        }
        else
        {
            // No folder and no earlier "issued to" line names the DP: keep the evidence visible without a server, under
            // the same site as a password failure with no DP (the log's writer's, else the only site in scope).
            Unnamed(_context.SiteOfLog(entry.File)).Add(entry);
        }
    }

    /// <summary>SMSPXE.log names its DP only in certificate lines: the folder's server wins, else the last such line of the file.</summary>
    private string? PxeServer(LogEntry entry) =>
        entry.File.Server is { } writer
            ? _context.ServerOf(writer)
            : _dpOfPxeFile.GetValueOrDefault(entry.File.DisplayPath);

    private void RememberPxeFileDp(LogEntry entry, string serverText)
    {
        if (entry.File.Server is null && _context.TryServer(_rule.Problem.Id, entry, serverText, _flood.Rejected) is { } server)
        {
            _dpOfPxeFile[entry.File.DisplayPath] = server;
        }
    }

    private void SetThreadDp(LogEntry entry, string? server)
    {
        if (entry.Thread is not { } thread)
        {
            return;
        }

        // A rejected name must not leave the previous DP in place: the failure that follows would be pinned on the wrong DP.
        if (server is null)
        {
            _dpOfThread.Remove((entry.File.DisplayPath, thread));
        }
        else
        {
            _dpOfThread[(entry.File.DisplayPath, thread)] = server;
        }
    }

    private UnnamedPasswordFailures Unnamed(string? site)
    {
        var key = site ?? string.Empty;
        if (!_unnamed.TryGetValue(key, out var unnamed))
        {
            _unnamed[key] = unnamed = new UnnamedPasswordFailures(site);
        }

        return unnamed;
    }

    /// <summary>The state of <paramref name="server"/>; null past <see cref="FloodLimit.MaxServers"/>, where the record is only counted.</summary>
    private PxePasswordDistributionPoint? Dp(LogEntry entry, string server, string? site)
    {
        if (!_dps.TryGetValue(server, out var known))
        {
            if (!_flood.Admits(_dps.Count, entry))
            {
                return null;
            }

            known = (site, new PxePasswordDistributionPoint(_context.Servers.Match(server) is not null));
        }
        else if (known.Site is null && site is not null)
        {
            known = (site, known.State);
        }

        _dps[server] = known;
        return known.State;
    }

    private string? SiteOfSiteServerLog(LogEntry entry, string server) =>
        _context.Servers.Match(server)?.SiteCode ?? _context.SiteOfLog(entry.File);

    private string? SiteOfDpLog(string server) => _context.SiteOf(server);

    private bool? PasswordSet(string server) =>
        _context.Facts?.Sites.SelectMany(s => s.DistributionPoints)
            .FirstOrDefault(dp => string.Equals(dp.ServerName, server, StringComparison.OrdinalIgnoreCase))?.PxePasswordSet;

    /// <summary>The DPs the facts show with a PXE password (of the site, or of all sites when the site is unknown); null without facts.</summary>
    private IReadOnlyList<string>? DpsWithPassword(string? site) =>
        _context.Facts is not { } facts
            ? null
            : [.. facts.Sites
                .Where(s => site is null || string.Equals(s.SiteCode, site, StringComparison.Ordinal))
                .SelectMany(s => s.DistributionPoints)
                .Where(dp => dp.PxePasswordSet)
                .Select(dp => dp.ServerName)
                .Order(StringComparer.Ordinal)];

    private static bool IsSmsPxe(LogEntry entry) =>
        string.Equals(entry.Component, "SMSPXE", StringComparison.OrdinalIgnoreCase)
        || entry.File.FileName.StartsWith("SMSPXE", StringComparison.OrdinalIgnoreCase);
}
