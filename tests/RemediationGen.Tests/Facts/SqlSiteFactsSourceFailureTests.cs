using System.Net;
using System.Net.Sockets;
using RemediationGen.Facts;

namespace RemediationGen.Tests.Facts;

/// <summary>SqlClient's real failure paths, with short timeouts so the whole class stays well under 15 s.</summary>
public sealed class SqlSiteFactsSourceFailureTests
{
    private const string Password = "S3cr3t!Value";

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
        var ex = Collect($"Server=nonexistent.invalid;Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=1");

        Assert.StartsWith(
            "Cannot connect to the site database (server 'nonexistent.invalid', database 'CM_PS1'): the host name was not found",
            ex.Message,
            StringComparison.Ordinal);
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
        var options = new SqlSourceOptions(connectionString) { CommandTimeoutSeconds = 2 };

        var ex = Assert.Throws<RemediationGenException>(
            () => SqlSiteFactsSource.Collect(options, TimeProvider.System, CancellationToken.None));

        Assert.Equal(ErrorKind.DataSourceUnavailable, ex.Kind);
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
