using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>What the logs say about one (site, DP) for <see cref="PxePasswordCertificateRule"/>.</summary>
internal sealed class PxePasswordDistributionPoint
{
    private readonly EvidenceList _evidence = new();
    // The last problem record per file is all resolution needs (a file is written in order): memory stays flat.
    private readonly Dictionary<string, Evidence> _lastProblemByFile = new(StringComparer.Ordinal);
    private readonly List<string> _expiredThumbprints = [];
    private readonly Dictionary<string, Evidence> _validations = new(StringComparer.Ordinal);
    private Evidence? _passwordFailure;
    private Evidence? _certificateUpdate;
    private Evidence? _pxeFailure;
    private Evidence? _registryUpdated;

    public PxePasswordDistributionPoint(bool serverInFacts)
    {
        ServerInFacts = serverInFacts;
    }

    public bool ServerInFacts { get; }

    /// <summary>Only DistMgr's password failure or SMSPXE's expired-certificate errors make a finding; an update alone is routine.</summary>
    public bool HasProblem => _passwordFailure is not null || _pxeFailure is not null;

    public void AddPasswordFailure(LogEntry entry) => _passwordFailure = AddProblem(entry);

    public void AddCertificateUpdate(LogEntry entry) => _certificateUpdate = AddProblem(entry);

    public void AddPxeFailure(LogEntry entry, string? expiredThumbprint)
    {
        _pxeFailure = AddProblem(entry);
        if (expiredThumbprint is not null && !_expiredThumbprints.Contains(expiredThumbprint, StringComparer.Ordinal))
        {
            _expiredThumbprints.Add(expiredThumbprint);
        }
    }

    public void AddRegistryUpdated(LogEntry entry) => _registryUpdated = Latest(_registryUpdated, Evidence.From(entry));

    public void AddValidation(LogEntry entry, string thumbprint) =>
        _validations[thumbprint] = Latest(_validations.GetValueOrDefault(thumbprint), Evidence.From(entry));

    public Finding ToFinding(IDiagnosticRule rule, string? site, string server, bool? passwordSet)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_expiredThumbprints.Count > 0)
        {
            details["oldThumbprint"] = _expiredThumbprints[^1];
        }

        if (passwordSet is { } set)
        {
            details["pxePasswordSet"] = set ? "yes" : "no";
        }

        var resolution = Resolve(server);
        var summary = Summary(server, passwordSet);
        if (resolution is null && _registryUpdated is not null && _pxeFailure is not null && RecordOrder.IsAfter(_registryUpdated, _passwordFailure ?? _pxeFailure))
        {
            summary += $" distmgr.log updated the registry of {server} ({_registryUpdated.File}:{_registryUpdated.Line}) but SMSPXE.log failed after that: restart WDS on the DP.";
        }

        return new Finding(rule.Problem.Id, rule.Problem.Severity, site, server, ServerInFacts, summary, _evidence.Kept(), _evidence.Occurrences)
        {
            Resolution = resolution,
            Details = details,
        };
    }

    private Resolution? Resolve(string server)
    {
        if (RecordOrder.LatestAfterAll(_registryUpdated is null ? [] : [_registryUpdated], _lastProblemByFile.Values) is { } updated)
        {
            return new Resolution(
                updated,
                $"distmgr.log updated the DP registry settings on {server} after the last failure: the new certificate reached the DP (KB 4511618 step 2).");
        }

        // A certificate SMSPXE validates that is not one it reported expired is the new one (KB 4511618 step 3).
        var newCertificates = _validations.Where(pair => !_expiredThumbprints.Contains(pair.Key, StringComparer.Ordinal)).ToList();
        if (RecordOrder.LatestAfterAll(newCertificates.Select(pair => pair.Value), _lastProblemByFile.Values) is { } validated)
        {
            var thumbprint = newCertificates.First(pair => ReferenceEquals(pair.Value, validated)).Key;
            return new Resolution(
                validated,
                $"SMSPXE.log on {server} validated certificate {thumbprint}, not the expired one, after the last failure: PXE uses the new certificate.");
        }

        return null;
    }

    private string Summary(string server, bool? passwordSet)
    {
        var parts = new List<string>();
        if (_passwordFailure is not null)
        {
            parts.Add($"distmgr.log could not decrypt the PXE password of {server}, so the DP's new certificate was not written to its registry");
        }

        if (_certificateUpdate is not null)
        {
            parts.Add("hman.log shows its certificate updated in the database (spUpdateDPCert)");
        }

        if (_pxeFailure is not null)
        {
            parts.Add(_expiredThumbprints.Count > 0
                ? $"SMSPXE.log there still uses the expired certificate {_expiredThumbprints[^1]} (800B0101)"
                : "SMSPXE.log there rejects its certificate as outside its validity period (800B0101)");
        }

        if (passwordSet is { } set)
        {
            parts.Add(set ? "the facts show a PXE password set on it" : "the facts show no PXE password on it, so check the DP's PXE tab");
        }

        return string.Join("; ", parts) + ". Clear the PXE password until the certificate is updated (KB 4511618).";
    }

    private Evidence AddProblem(LogEntry entry)
    {
        var evidence = Evidence.From(entry);
        _evidence.Add(evidence);

        _lastProblemByFile[evidence.File] = evidence;
        return evidence;
    }

    private static Evidence Latest(Evidence? current, Evidence candidate) =>
        current is null || RecordOrder.IsAfter(candidate, current) ? candidate : current;
}
