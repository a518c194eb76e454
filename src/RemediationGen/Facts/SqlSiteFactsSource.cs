using Microsoft.Data.SqlClient;

namespace RemediationGen.Facts;

/// <summary>Reads <see cref="HierarchyFacts"/> from a ConfigMgr site database on SQL Server (a CAS database gives the whole hierarchy).</summary>
internal static class SqlSiteFactsSource
{
    public static HierarchyFacts Collect(
        SqlConnectionSettings settings, SiteFactsReadOptions readOptions, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = new SqlConnection(settings.ConnectionString);
        try
        {
            // Whatever Open() throws is a failure to reach a working database, SqlClient's own parse errors on a
            // malformed reply included (issue 10, item 6): never an unexpected error (exit 70).
            connection.Open();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = SqlFailureReason.DescribeConnectFailure(settings.Describe(), ex, settings.ConnectTimeoutSeconds);
            throw new RemediationGenException(ErrorKind.DataSourceUnavailable, settings.Scrub(message), settings.Reveals(ex) ? null : ex);
        }

        try
        {
            return SiteFactsReader.Read(connection, settings.Origin, readOptions, timeProvider, cancellationToken);
        }
        catch (RemediationGenException ex) when (settings.Reveals(ex))
        {
            // Same rule as for the connect: an exception chain that holds the password is not kept, even for --verbose.
            throw new RemediationGenException(ex.Kind, settings.Scrub(ex.Message));
        }
    }
}
