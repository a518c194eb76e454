using System.Globalization;
using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>What one server's amtopmgr.log says about its provisioning certificate, for <see cref="AmtProvisioningCertificateRule"/>.</summary>
internal sealed class AmtServiceCertificate
{
    private readonly EvidenceList _evidence = new();
    private readonly Dictionary<string, Evidence> _lastProblemByFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Evidence> _foundNew = new(StringComparer.Ordinal);
    private (Evidence Evidence, string Thumbprint, int Days)? _newestWarning;
    private Evidence? _invalid;
    private string? _removedThumbprint;
    private Evidence? _newest;

    public bool HasProblem => _newestWarning is not null || _invalid is not null;

    public void AddExpiring(LogEntry entry, string thumbprint, int days)
    {
        var evidence = AddProblem(entry);
        if (_newestWarning is not { } newest || RecordOrder.IsAfter(evidence, newest.Evidence))
        {
            _newestWarning = (evidence, thumbprint, days);
        }
    }

    public void AddInvalid(LogEntry entry) => _invalid = AddProblem(entry);

    /// <summary>Unloading a certificate is routine after a new one is found: it is evidence, never a problem by itself.</summary>
    public void AddRemoved(LogEntry entry, string thumbprint)
    {
        _removedThumbprint = thumbprint;
        Add(entry);
    }

    public void AddFoundNew(LogEntry entry, string thumbprint)
    {
        var evidence = Evidence.From(entry);
        Observe(evidence);
        if (!_foundNew.TryGetValue(thumbprint, out var latest) || RecordOrder.IsAfter(evidence, latest))
        {
            _foundNew[thumbprint] = evidence;
        }
    }

    public Finding ToFinding(IDiagnosticRule rule, string? site, string? server, bool serverInFacts)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        var thumbprint = _newestWarning?.Thumbprint ?? _removedThumbprint;
        if (thumbprint is not null)
        {
            details["thumbprint"] = thumbprint;
        }

        var expiry = Expiry();
        var expired = _invalid is not null || expiry is { HasPassed: true };
        if (expiry is { } known)
        {
            details["daysLeft"] = known.DaysLeft.ToString(CultureInfo.InvariantCulture);
            details["expires"] = known.ExpiresAt.ToIsoString();
            details["daysLeftAsOf"] = known.AsOf.ToIsoString();
        }

        details["expired"] = expired ? "yes" : "no";
        var where = server ?? "(a server no folder names)";
        var certificate = thumbprint is null ? "The AMT provisioning certificate" : $"The AMT provisioning certificate {thumbprint}";
        var summary = expired
            ? $"{certificate} of the out-of-band service point on {where} has expired{(expiry is { } e ? $" ({e.ExpiresAt.ToIsoString()})" : string.Empty)}: vPro computers cannot be provisioned until a renewed certificate is installed."
            : expiry is { } coming
                ? $"{certificate} of the out-of-band service point on {where} expires in about {coming.DaysLeft} day(s), at about {coming.ExpiresAt.ToIsoString()} (amtopmgr.log gives whole days only; as of {coming.AsOf.ToIsoString()}): renew it before vPro provisioning stops."
                : $"{certificate} of the out-of-band service point on {where} expires in {_newestWarning!.Value.Days} day(s) from a warning whose time could not be read: renew it before vPro provisioning stops.";
        return new Finding(rule.Problem.Id, expired ? Severity.Error : rule.Problem.Severity, site, server, serverInFacts, summary, _evidence.Kept(), _evidence.Occurrences)
        {
            Resolution = Resolve(thumbprint),
            Details = details,
        };
    }

    /// <summary>
    /// The expiry the newest warning gives (its date + N days), and the whole days left from the newest record of this
    /// server to it: a warning read alone gives its own N, a later "Remove unused" or "Invalid" line counts down.
    /// </summary>
    private (LogTimestamp ExpiresAt, LogTimestamp AsOf, int DaysLeft, bool HasPassed)? Expiry()
    {
        if (_newestWarning is not { } warning || warning.Evidence.Time is not { } warned)
        {
            return null;
        }

        if (!warned.TryAddDays(warning.Days, out var expiresAt))
        {
            return null;
        }

        var asOf = _newest?.Time is { } newest && RecordOrder.IsAfter(_newest, warning.Evidence) ? newest : warned;
        var left = (expiresAt.Utc ?? expiresAt.Local) - (asOf.Utc ?? asOf.Local);
        return (expiresAt, asOf, (int)Math.Floor(left.TotalDays), left <= TimeSpan.Zero);
    }

    private Resolution? Resolve(string? oldThumbprint)
    {
        var candidates = _foundNew.Where(pair => !string.Equals(pair.Key, oldThumbprint, StringComparison.Ordinal)).ToList();
        if (RecordOrder.LatestAfterAll(candidates.Select(pair => pair.Value), _lastProblemByFile.Values) is not { } found)
        {
            return null;
        }

        var thumbprint = candidates.First(pair => ReferenceEquals(pair.Value, found)).Key;
        return new Resolution(
            found,
            $"amtopmgr.log found a new provisioning certificate ({thumbprint}) after the last warning or error: the out-of-band service point provisions with it.");
    }

    private Evidence AddProblem(LogEntry entry)
    {
        var evidence = Add(entry);
        _lastProblemByFile[evidence.File] = evidence;
        return evidence;
    }

    private Evidence Add(LogEntry entry)
    {
        var evidence = Evidence.From(entry);
        _evidence.Add(evidence);

        Observe(evidence);
        return evidence;
    }

    private void Observe(Evidence evidence)
    {
        if (_newest is null || RecordOrder.IsAfter(evidence, _newest))
        {
            _newest = evidence;
        }
    }
}
