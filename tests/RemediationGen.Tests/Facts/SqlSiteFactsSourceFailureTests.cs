using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Data.SqlClient;
using RemediationGen.Facts;

namespace RemediationGen.Tests.Facts;

/// <summary>
/// SqlClient's real failure paths, with short timeouts. An unknown host depends on the machine's resolver (one that
/// never answers took 10 s; one that answers unknown names with an address would turn the failure into another), so
/// besides the real lookup its classification is also tested on the exception SqlClient throws for it, built as
/// SqlClient builds it.
/// </summary>
public sealed class SqlSiteFactsSourceFailureTests
{
    private const string Password = "S3cr3t!Value";

    // What SqlClient 7.1 (managed network layer, Linux) wraps every failure of its TCP provider in; observed for
    // Server=nonexistent.invalid as number 11001 with the SocketException (HostNotFound) as the InnerException.
    private const string TcpProviderInternalException =
        "A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was "
        + "not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. "
        + "(provider: TCP Provider, error: 35 - An internal exception was caught)";

    [Fact]
    public void Collect_PortRefused_ReportsRefusedConnection()
    {
        var port = FreePort();

        var ex = Collect($"Server=tcp:127.0.0.1,{port};Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=1");

        Assert.StartsWith(
            $"Cannot connect to the site database (server 'tcp:127.0.0.1,{port}', database 'CM_PS1'): the connection was refused or not answered",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_UnknownHost_ReportsHostNotFound()
    {
        // The real path as well (the brief asks for it): a resolver that answers NXDOMAIN gives this at once; one that
        // never answers makes SqlClient wait for it past Connect Timeout (about 10 s) and still ends the same way.
        var ex = Collect($"Server=nonexistent.invalid;Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=1");

        Assert.StartsWith(
            "Cannot connect to the site database (server 'nonexistent.invalid', database 'CM_PS1'): the host name was not found",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound)]
    [InlineData(SocketError.TryAgain)]
    [InlineData(SocketError.NoData)]
    public void DescribeConnectFailure_UnknownHost_ReportsHostNotFound(SocketError lookupError)
    {
        var settings = SqlConnectionSettings.Parse($"Server=nonexistent.invalid;Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=1");
        var lookupFailure = new SocketException((int)lookupError);
        var ex = SqlClientException((int)lookupError, TcpProviderInternalException, "nonexistent.invalid", lookupFailure);
        Assert.Equal((int)lookupError, ex.Number);
        Assert.Same(lookupFailure, ex.InnerException);
        Assert.Equal(lookupError, lookupFailure.SocketErrorCode);

        var message = SqlFailureReason.DescribeConnectFailure(settings.Describe(), ex, settings.ConnectTimeoutSeconds);

        Assert.Equal("the host name was not found (DNS has no address for it)", SqlFailureReason.Reason(ex, settings.ConnectTimeoutSeconds));
        Assert.StartsWith(
            "Cannot connect to the site database (server 'nonexistent.invalid', database 'CM_PS1'): the host name was not found",
            message,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Password, message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message, StringComparison.Ordinal);
    }

    // Windows' native network layer reports a network failure as its Winsock error number, without an inner exception.
    [Theory]
    [InlineData(10061, "the connection was refused (no SQL Server listens on that port, or a firewall rejects it)")]
    [InlineData(10060, "timed out after 1 s")]
    [InlineData(258, "timed out after 1 s")]
    [InlineData(11001, "the host name was not found (DNS has no address for it)")]
    [InlineData(11004, "the host name was not found (DNS has no address for it)")]
    public void Reason_WinsockErrorNumber_NamesTheFailure(int number, string expected)
    {
        var ex = SqlClientException(number, TcpProviderInternalException, "cm-sql", cause: null);

        Assert.Equal(expected, SqlFailureReason.Reason(ex, timeoutSeconds: 1));
    }

    [Fact]
    public void Collect_ServerNeverAnswers_ReportsTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // The kernel completes the TCP handshake from the backlog; nobody ever reads or writes, like a hung server.
        var ex = Collect($"Server=tcp:127.0.0.1,{port};Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=2");

        Assert.StartsWith(
            $"Cannot connect to the site database (server 'tcp:127.0.0.1,{port}', database 'CM_PS1'): timed out after 2 s",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_NotSqlServer_ReportsHandshakeFailure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // A dedicated thread: a thread-pool task could start after the connect timeout when parallel tests keep the
        // pool busy, and the client would then see a timeout instead of the closed connection this test is about.
        var closer = new Thread(() => listener.AcceptTcpClient().Dispose()) { IsBackground = true };
        closer.Start();

        var ex = Collect($"Server=tcp:127.0.0.1,{port};Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=10");

        Assert.True(closer.Join(TimeSpan.FromSeconds(10)), "the fake server never accepted the connection");
        Assert.Contains("did not complete the SQL Server pre-login handshake", ex.Message, StringComparison.Ordinal);
    }

    private static RemediationGenException Collect(string connectionString)
    {
        var readOptions = SiteFactsReadOptions.Default with { CommandTimeoutSeconds = 2 };

        var ex = Assert.Throws<RemediationGenException>(
            () => SqlSiteFactsSource.Collect(SqlConnectionSettings.Parse(connectionString), readOptions, TimeProvider.System, CancellationToken.None));

        Assert.Equal(ErrorKind.DataSourceUnavailable, ex.Kind);
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    /// <summary>
    /// A SqlException made the way SqlClient 7.1 makes one for a network failure (its constructors are internal): one
    /// SqlError of class 20 carrying <paramref name="cause"/>, which also becomes the InnerException.
    /// </summary>
    private static SqlException SqlClientException(int number, string message, string server, Exception? cause)
    {
        const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var error = (SqlError)Internal(typeof(SqlError).GetConstructor(
                AnyInstance,
                [typeof(int), typeof(byte), typeof(byte), typeof(string), typeof(string), typeof(string), typeof(int), typeof(int), typeof(Exception)]))
            .Invoke([number, (byte)0, (byte)20, server, message, string.Empty, 0, 0, cause]);
        var errors = (SqlErrorCollection)Internal(typeof(SqlErrorCollection).GetConstructor(AnyInstance, Type.EmptyTypes)).Invoke(null);
        Internal(typeof(SqlErrorCollection).GetMethod("Add", AnyInstance, [typeof(SqlError)])).Invoke(errors, [error]);
        var create = Internal(typeof(SqlException).GetMethod(
            "CreateException",
            BindingFlags.Static | BindingFlags.NonPublic,
            [typeof(SqlErrorCollection), typeof(string), typeof(Guid), typeof(Exception)]));
        return (SqlException)create.Invoke(null, [errors, string.Empty, Guid.Empty, cause])!;
    }

    private static T Internal<T>(T? member)
        where T : MemberInfo =>
        member ?? throw new InvalidOperationException(
            $"Microsoft.Data.SqlClient {typeof(SqlException).Assembly.GetName().Version} no longer has the internal {typeof(T).Name} this test builds its SqlException with.");

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
