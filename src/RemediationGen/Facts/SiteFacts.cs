namespace RemediationGen.Facts;

/// <summary>What the site database (or a facts file) says about a hierarchy. Nothing downstream knows the source.</summary>
/// <param name="Sites">Sites ordered by site code.</param>
/// <param name="Origin">Where the facts came from, for humans: "demo", a file path, or "SQL server/database".</param>
/// <param name="CollectedAt">When the facts were read from the database, if known.</param>
/// <param name="Warnings">Values the source offered that were not used (for example a DP name that is not a valid host name).</param>
internal sealed record HierarchyFacts(
    IReadOnlyList<SiteFacts> Sites,
    string Origin,
    DateTimeOffset? CollectedAt,
    IReadOnlyList<string> Warnings)
{
    public SiteFacts? FindSite(string siteCode) =>
        Sites.FirstOrDefault(s => string.Equals(s.SiteCode, siteCode, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One site. Server names are valid, lower-case host names; lists are sorted and free of duplicates.</summary>
/// <param name="IssuingCertificateList">Value1 of the site's IssuingCertificateList component property, exactly as stored; null when the site has none.</param>
internal sealed record SiteFacts(
    string SiteCode,
    string? SiteServer,
    string? IssuingCertificateList,
    IReadOnlyList<string> ManagementPoints,
    IReadOnlyList<DistributionPointFacts> DistributionPoints)
{
    /// <summary>Out-of-band management (vPro/AMT), when the facts say the site has it.</summary>
    public OutOfBandFacts? OutOfBand { get; init; }
}

/// <summary>A distribution point. Only whether a PXE password is set is known: the password itself never leaves the database.</summary>
internal sealed record DistributionPointFacts(string ServerName, bool IsPxe, bool PxePasswordSet)
{
    /// <summary><c>WDSServer</c> or <c>SccmPxe</c> (the ConfigMgr PXE responder, 1806+), when known. No documented site database column tells it.</summary>
    public string? PxeResponder { get; init; }

    /// <summary>Thumbprint (upper-case hex) of the DP certificate the site expects the PXE provider to use, when known.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>When that certificate expires, when known.</summary>
    public DateTimeOffset? CertificateExpires { get; init; }
}
