using RemediationGen.Cli;
using RemediationGen.Facts;
using RemediationGen.Tests.Cli;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Facts;

/// <summary>
/// A peer on the SQL port that answers the client's PRELOGIN with a malformed TDS reply (issue 10, item 6: SqlClient
/// threw IndexOutOfRangeException from ConsumePreLoginHandshake and the tool exited 70). Every such reply must end as
/// "database unreachable" (exit 3) with no password in the message or the kept exception chain.
/// </summary>
public sealed class SqlMalformedPreLoginTests
{
    private const string Password = "S3cr3t!Value";

    // TDS packet header: type 0x04 (tabular result), status 0x01 (end of message), length (big-endian, header included),
    // SPID 0, packet id 1, window 0; then the PRELOGIN option table: token, offset, length (big-endian), 0xFF ends it.
    [Theory]
    [InlineData("04 01 00 0E 00 00 01 00  00 00 40 00 06 FF")] // VERSION at offset 0x40: past the end of the payload
    [InlineData("04 01 00 0E 00 00 01 00  01 00 40 00 01 FF")] // ENCRYPTION at offset 0x40: past the end
    [InlineData("04 01 00 13 00 00 01 00  00 00 0B 00 06 01 FF FF 00 01 FF")] // ENCRYPTION at offset 0xFFFF
    [InlineData("04 01 00 0A 00 00 01 00  00 00")] // option table cut short, no terminator
    [InlineData("04 01 00 08 00 00 01 00")] // empty payload
    [InlineData("04 01 00 04 00 00 01 00")] // length shorter than the header itself
    [InlineData("04 01 FF FF 00 00 01 00  00 00 0B")] // length promises more than is sent before the close
    [InlineData("12 01 00 0E 00 00 01 00  00 00 40 00 06 FF")] // a PRELOGIN-typed reply with the same bad offset
    public void Collect_MalformedPreLoginReply_ReportsUnreachable(string replyHex)
    {
        using var peer = FakeTdsPeer.Start(Convert.FromHexString(replyHex.Replace(" ", string.Empty, StringComparison.Ordinal)));

        var ex = Assert.Throws<RemediationGenException>(() => SqlSiteFactsSource.Collect(
            SqlConnectionSettings.Parse($"Server=tcp:127.0.0.1,{peer.Port};Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=10"),
            SiteFactsReadOptions.Default with { CommandTimeoutSeconds = 2 },
            TimeProvider.System,
            CancellationToken.None));

        Assert.True(peer.Served(TimeSpan.FromSeconds(10)), "the fake peer never received the client's PRELOGIN");
        Assert.Equal(ErrorKind.DataSourceUnavailable, ex.Kind);
        Assert.StartsWith(
            $"Cannot connect to the site database (server 'tcp:127.0.0.1,{peer.Port}', database 'CM_PS1'): "
            + "the server accepted the TCP connection but its reply is not valid SQL Server protocol (is this SQL Server, on the right port?). ",
            ex.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_MalformedPreLoginReply_Exit3WithoutThePassword()
    {
        using var folder = new TempDirectory();
        using var peer = FakeTdsPeer.Start(Convert.FromHexString("0401000E000001000000400006FF"));

        var run = CliRun.Of(
            "collect", "--verbose", "--sql", $"Server=tcp:127.0.0.1,{peer.Port};Database=CM_PS1;User ID=cmread;Password={Password};Connect Timeout=10", "--out", folder.Combine("facts.json"));

        Assert.Equal(ExitCodes.DataSourceUnavailable, run.ExitCode);
        Assert.StartsWith(
            $"remediationgen: Cannot connect to the site database (server 'tcp:127.0.0.1,{peer.Port}', database 'CM_PS1'): "
            + "the server accepted the TCP connection but its reply is not valid SQL Server protocol",
            run.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Error + run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("facts.json")));
    }
}
