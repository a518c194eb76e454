namespace RemediationGen.Facts;

/// <summary>
/// Where and how to read the site database. A class rather than a record so that no generated ToString() can
/// print the connection string (and its password) into a log.
/// </summary>
public sealed class SqlSourceOptions
{
    public SqlSourceOptions(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = connectionString;
    }

    /// <summary>An ADO.NET connection string, or env:NAME to read it from environment variable NAME.</summary>
    public string ConnectionString { get; }

    public int CommandTimeoutSeconds { get; init; } = SiteFactsReadOptions.DefaultCommandTimeoutSeconds;

    /// <summary>Site code -> component whose IssuingCertificateList to use (--icl-component SITE=COMPONENT).</summary>
    public IReadOnlyDictionary<string, string> IssuingCertificateListComponents { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public SiteFactsReadOptions ReadOptions => new(CommandTimeoutSeconds, IssuingCertificateListComponents);

    public override string ToString() => "SqlSourceOptions (connection string not shown)";
}
