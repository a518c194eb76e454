using System.Data.Common;

namespace RemediationGen.Facts;

/// <summary>
/// Builds <see cref="HierarchyFacts"/> from an open connection to a ConfigMgr site database. It takes any
/// <see cref="DbConnection"/> so the tests run the same query text against SQLite that production runs against SQL Server.
/// Values the database offers that cannot be used safely become warnings, never targets.
/// </summary>
internal static class SiteFactsReader
{
    private const string DistributionPointRole = "Distribution point";

    public static HierarchyFacts Read(
        DbConnection connection,
        string origin,
        SiteFactsReadOptions options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.CommandTimeoutSeconds <= 0)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"The SQL command timeout must be at least 1 second (got {options.CommandTimeoutSeconds}).");
        }

        var query = new SiteDatabaseQuery(connection, origin, options.CommandTimeoutSeconds, cancellationToken);
        var collectedAt = timeProvider.GetUtcNow();
        var warnings = new List<string>();

        var sites = ReadSites(query, warnings);
        var siteServers = ReadRole(query, SiteFactsQueries.SiteServers, SiteFactsQueries.SiteServerRoleParameter, SiteFactsQueries.SiteServerRoleName, "Site server", sites, warnings);
        var managementPoints = ReadRole(query, SiteFactsQueries.ManagementPoints, SiteFactsQueries.ManagementPointRoleParameter, SiteFactsQueries.ManagementPointRoleName, "Management point", sites, warnings);
        var distributionPoints = ReadDistributionPoints(query, sites, warnings);
        var issuingCertificateLists = ReadIssuingCertificateLists(query, sites, warnings);

        var result = new List<SiteFacts>(sites.Count);
        foreach (var site in sites)
        {
            var servers = siteServers.GetValueOrDefault(site) ?? [];
            if (servers.Count > 1)
            {
                warnings.Add($"Site {site} lists several site servers ({string.Join(", ", servers)}); {servers.Min} was used.");
            }

            result.Add(new SiteFacts(
                site,
                servers.Min,
                IssuingCertificateListSelector.Select(site, issuingCertificateLists.GetValueOrDefault(site) ?? [], options.IssuingCertificateListComponents),
                [.. managementPoints.GetValueOrDefault(site) ?? []],
                [.. (distributionPoints.GetValueOrDefault(site) ?? []).Values]));
        }

        return new HierarchyFacts(result, origin, collectedAt, warnings);
    }

    private static SortedSet<string> ReadSites(SiteDatabaseQuery query, List<string> warnings)
    {
        var sites = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in query.Run("the site list (SC_SiteDefinition)", SiteFactsQueries.Sites))
        {
            var raw = DbValues.AsText(row[0]);
            if (SiteCode.TryNormalize(raw, out var site))
            {
                sites.Add(site);
            }
            else
            {
                warnings.Add($"Site code '{PrintableText.Escape(raw)}' in SC_SiteDefinition is not a valid site code (three letters or digits); it was not used.");
            }
        }

        return sites;
    }

    private static Dictionary<string, SortedSet<string>> ReadRole(
        SiteDatabaseQuery query, string sql, string parameter, string roleName, string roleLabel, SortedSet<string> sites, List<string> warnings)
    {
        var bySite = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var row in query.Run($"the {roleName} list (v_SystemResourceList)", sql, (parameter, roleName)))
        {
            if (TryServer(row[0], row[1], roleLabel, sites, warnings, out var server, out var site))
            {
                GetOrAdd(bySite, site, () => new SortedSet<string>(StringComparer.Ordinal)).Add(server);
            }
        }

        return bySite;
    }

    private static Dictionary<string, SortedDictionary<string, DistributionPointFacts>> ReadDistributionPoints(
        SiteDatabaseQuery query, SortedSet<string> sites, List<string> warnings)
    {
        var bySite = new Dictionary<string, SortedDictionary<string, DistributionPointFacts>>(StringComparer.Ordinal);
        foreach (var row in query.Run("the distribution point list (DistributionPoints)", SiteFactsQueries.DistributionPoints))
        {
            if (!TryServer(row[0], row[1], DistributionPointRole, sites, warnings, out var server, out var site))
            {
                continue;
            }

            if (!DbValues.TryReadFlag(row[2], out var isPxe))
            {
                warnings.Add($"Distribution point '{server}' (site {site}) has IsPXE value '{PrintableText.Escape(DbValues.AsText(row[2]))}', which is not a 0/1 flag; it was treated as not PXE-enabled.");
            }

            // The CASE expression yields 0 or 1; anything else would be a driver oddity, read the same robust way.
            DbValues.TryReadFlag(row[3], out var passwordSet);
            var dps = GetOrAdd(bySite, site, () => new SortedDictionary<string, DistributionPointFacts>(StringComparer.Ordinal));
            var facts = new DistributionPointFacts(server, isPxe, passwordSet);
            if (dps.TryGetValue(server, out var earlier))
            {
                // Duplicate rows for one DP: keep what any of them says is enabled, so no affected DP is missed.
                facts = new DistributionPointFacts(server, earlier.IsPxe || isPxe, earlier.PxePasswordSet || passwordSet);
            }

            dps[server] = facts;
        }

        return bySite;
    }

    private static Dictionary<string, List<IssuingCertificateListRow>> ReadIssuingCertificateLists(
        SiteDatabaseQuery query, SortedSet<string> sites, List<string> warnings)
    {
        var bySite = new Dictionary<string, List<IssuingCertificateListRow>>(StringComparer.Ordinal);
        var rows = query.Run(
            "the IssuingCertificateList component properties (SC_Component_Property)",
            SiteFactsQueries.IssuingCertificateList,
            (SiteFactsQueries.PropertyNameParameter, SiteFactsQueries.IssuingCertificateListPropertyName));
        foreach (var row in rows)
        {
            var rawSite = DbValues.AsText(row[0]);
            var component = DbValues.AsText(row[1]) ?? string.Empty;
            var value = DbValues.AsText(row[2]);
            if (!SiteCode.TryNormalize(rawSite, out var site) || !sites.Contains(site))
            {
                warnings.Add($"IssuingCertificateList of component '{PrintableText.Escape(component)}' belongs to site code '{PrintableText.Escape(rawSite)}', which is not a valid listed site; it was not used.");
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                warnings.Add($"IssuingCertificateList of site {site} component '{PrintableText.Escape(component)}' is empty; it was not used.");
            }
            else
            {
                GetOrAdd(bySite, site, () => []).Add(new IssuingCertificateListRow(site, component, value));
            }
        }

        return bySite;
    }

    private static bool TryServer(
        object? rawName, object? rawSite, string roleLabel, SortedSet<string> sites, List<string> warnings, out string server, out string site)
    {
        server = string.Empty;
        site = string.Empty;
        var name = DbValues.AsText(rawName);
        var siteText = DbValues.AsText(rawSite);
        if (!HostName.TryNormalize(name, out var normalized, out var reason))
        {
            warnings.Add($"{roleLabel} name '{PrintableText.Escape(name)}' (site {PrintableText.Escape(siteText)}) is not a valid host name ({reason}); it was not used.");
            return false;
        }

        if (!SiteCode.TryNormalize(siteText, out var code))
        {
            warnings.Add($"{roleLabel} '{normalized}' has site code '{PrintableText.Escape(siteText)}', which is not a valid site code; it was not used.");
            return false;
        }

        if (!sites.Contains(code))
        {
            warnings.Add($"{roleLabel} '{normalized}' belongs to site {code}, which SC_SiteDefinition does not list; it was not used.");
            return false;
        }

        server = normalized;
        site = code;
        return true;
    }

    private static TValue GetOrAdd<TValue>(Dictionary<string, TValue> map, string key, Func<TValue> create)
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = create();
            map[key] = value;
        }

        return value;
    }
}
