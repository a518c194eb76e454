namespace RemediationGen.Facts;

/// <summary>Ties a server name found in a log to the site and role the facts give it (by FQDN, else by short name).</summary>
internal sealed class ServerDirectory
{
    private readonly Dictionary<string, KnownServer> _byFqdn = new(StringComparer.OrdinalIgnoreCase);

    // Short name -> the server it names when exactly one host has it; decided once, since Match runs for every log record.
    private readonly Dictionary<string, KnownServer> _byUniqueShortName = new(StringComparer.OrdinalIgnoreCase);

    public ServerDirectory(HierarchyFacts? facts)
    {
        SingleSiteCode = facts?.Sites.Count == 1 ? facts.Sites[0].SiteCode : null;
        var byShortName = new Dictionary<string, List<KnownServer>>(StringComparer.OrdinalIgnoreCase);
        foreach (var site in facts?.Sites ?? [])
        {
            if (site.SiteServer is { } siteServer)
            {
                Add(new KnownServer(siteServer, site.SiteCode, ServerRole.SiteServer), byShortName);
            }

            foreach (var mp in site.ManagementPoints)
            {
                Add(new KnownServer(mp, site.SiteCode, ServerRole.ManagementPoint), byShortName);
            }

            foreach (var dp in site.DistributionPoints)
            {
                Add(new KnownServer(dp.ServerName, site.SiteCode, ServerRole.DistributionPoint), byShortName);
            }
        }

        foreach (var (shortName, candidates) in byShortName)
        {
            if (candidates.Select(c => c.HostName).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1)
            {
                _byUniqueShortName[shortName] = candidates[0];
            }
        }
    }

    /// <summary>The only site in scope, when there is exactly one: servers unknown to the facts are tied to it.</summary>
    public string? SingleSiteCode { get; }

    /// <summary>
    /// Finds a server by its FQDN; a name without a dot may also match a short name when only one server has it.
    /// A dotted name must match exactly: <c>dp01.other.com</c> is not <c>dp01.contoso.com</c>, although both are <c>dp01</c>.
    /// </summary>
    public KnownServer? Match(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        if (_byFqdn.TryGetValue(hostName, out var exact))
        {
            return exact;
        }

        return !hostName.Contains('.', StringComparison.Ordinal) && _byUniqueShortName.TryGetValue(hostName, out var unique)
            ? unique
            : null;
    }

    private void Add(KnownServer server, Dictionary<string, List<KnownServer>> byShortName)
    {
        // A server with several roles keeps the first one registered; the site is what matters here.
        _byFqdn.TryAdd(server.HostName, server);
        var shortName = HostName.ShortName(server.HostName);
        if (!byShortName.TryGetValue(shortName, out var list))
        {
            byShortName[shortName] = list = [];
        }

        list.Add(server);
    }
}

internal enum ServerRole
{
    SiteServer,
    ManagementPoint,
    DistributionPoint,
}

internal sealed record KnownServer(string HostName, string SiteCode, ServerRole Role);
