using RemediationGen.Facts;
using RemediationGen.Logs;
using RemediationGen.Tests.Rules;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Logs;

public sealed class LogDiscoveryTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string Root => _folder.Path;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Discover_Folder_FindsLogAndRolledOverFilesRecursivelyInOrdinalOrder()
    {
        // Given a tree with .log, .LOG, .lo_ and unrelated files
        Touch("b/SMSPXE.log");
        Touch("a/deeper/CertMgr.LOG");
        Touch("a/CertMgr.lo_");
        Touch("Z.log");
        Touch("notes.txt");
        Touch("a/SMSPXE.log.bak");

        // When the folder is discovered
        var result = LogDiscovery.Discover([Root], facts: null);

        // Then only logs are listed, sorted by ordinal relative path, shown under the path as given with '/'
        var root = Path.TrimEndingDirectorySeparator(Root);
        Assert.Equal(
            [$"{root}/Z.log", $"{root}/a/CertMgr.lo_", $"{root}/a/deeper/CertMgr.LOG", $"{root}/b/SMSPXE.log"],
            result.Files.Select(f => f.DisplayPath));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Discover_FileWithAnyExtension_IsReadAsGiven()
    {
        // Given a file named directly, with an extension discovery would not pick
        var path = Touch("dp01.contoso.com/SMSPXE-20261120-101500.txt");

        // When it is discovered
        var file = Assert.Single(LogDiscovery.Discover([path], facts: null).Files);

        // Then it is listed as given, attributed by the folder that holds it, and can be opened
        Assert.Equal(path, file.DisplayPath);
        Assert.Equal("dp01.contoso.com", file.Server);
        using var stream = file.Open();
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Discover_MissingPath_ThrowsInvalidInputNamingThePath()
    {
        // Given a path that does not exist
        var missing = _folder.Combine("nope");

        // When it is discovered
        var error = Assert.Throws<RemediationGenException>(() => LogDiscovery.Discover([missing], facts: null));

        // Then the error is invalid input with the exact message
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal($"Log path '{missing}' does not exist.", error.Message);
    }

    [Fact]
    public void Discover_ServerFolders_AttributeLogsToServers()
    {
        // Given logs under an FQDN folder, a short-name folder known to the facts, an unknown short name and no host folder
        Touch("collected/dp01.contoso.com/SMS_DP$/sms/logs/SMSPXE.log");
        Touch("collected/DP02/SMSPXE.log");
        Touch("collected/dp09/SMSPXE.log");
        Touch("collected/Logs/CertMgr.log");

        // When the folder is discovered with facts
        var files = LogDiscovery.Discover([_folder.Combine("collected")], TestFacts.TwoSites).Files;

        // Then FQDN folders and known short names name the server (as the facts' FQDN); others name none
        Assert.Equal(
            ["dp02.contoso.com", null, "dp01.contoso.com", null],
            files.Select(f => f.Server));
        Assert.EndsWith("collected/DP02/SMSPXE.log", files[0].DisplayPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_NamedFolderIsServer_AttributesEveryLogBelowIt()
    {
        // Given the user names a folder that is itself the server
        Touch("dp01.contoso.com/logs/SMSPXE.log");

        // When it is discovered
        var file = Assert.Single(LogDiscovery.Discover([_folder.Combine("dp01.contoso.com")], facts: null).Files);

        // Then the named folder counts in the walk
        Assert.Equal("dp01.contoso.com", file.Server);
    }

    [Theory]
    [InlineData(new[] { "logs", "dp01.contoso.com" }, "dp01.contoso.com")]
    [InlineData(new[] { "DP01" }, "dp01.contoso.com")]
    [InlineData(new[] { "dp01.other.com" }, "dp01.other.com")]
    [InlineData(new[] { "dp09", "Logs", "SMS_DP$" }, null)]
    [InlineData(new[] { "10.0.0.5" }, null)]
    [InlineData(new[] { "2024.11", "DP01.Contoso.com" }, "dp01.contoso.com")]
    [InlineData(new[] { "dp05'; Remove-Item", "$(x).com" }, null)]
    public void AttributeServer_FolderNames_FollowTheDocumentedRule(string[] nearestFirst, string? expected)
    {
        // Given folder names nearest first and the two-site facts
        var servers = new ServerDirectory(TestFacts.TwoSites);

        // When the rule is applied
        var server = LogDiscovery.AttributeServer(nearestFirst, servers);

        // Then the first valid, known or dotted name wins, in lower case
        Assert.Equal(expected, server);
    }

    [Fact]
    public void Discover_LogSet_ReadsArchivesByTimestampThenRolledOverThenLive()
    {
        // Given one folder with the live log, its rolled-over copy, two timestamped archives and another log
        Touch("dp01.contoso.com/SMSPXE.log");
        Touch("dp01.contoso.com/SMSPXE.lo_");
        Touch("dp01.contoso.com/SMSPXE-20261120-101500.log");
        Touch("dp01.contoso.com/SMSPXE-20261119-235959.log");
        Touch("dp01.contoso.com/CertMgr.log");

        // When the folder is discovered
        var files = LogDiscovery.Discover([Root], facts: null).Files;

        // Then each log set is one stream, oldest first
        Assert.Equal(
            ["CertMgr.log", "SMSPXE-20261119-235959.log", "SMSPXE-20261120-101500.log", "SMSPXE.lo_", "SMSPXE.log"],
            files.Select(f => f.FileName));
    }

    [Theory]
    [InlineData("dp01.contoso.com_SMSPXE.log", "dp01.contoso.com")]
    [InlineData("SMSPXE_dp01.contoso.com.log", "dp01.contoso.com")]
    [InlineData("SMSPXE_DP02-20261120-101500.log", "dp02.contoso.com")]
    [InlineData("SMS_DM.log", null)]
    [InlineData("SMSPXE.log", null)]
    [InlineData("my-dp.example.org_CertMgr.lo_", "my-dp.example.org")]
    public void ServerInFileName_FileNames_FollowTheDocumentedRule(string fileName, string? expected)
    {
        // Given a file name and the two-site facts
        var servers = new ServerDirectory(TestFacts.TwoSites);

        // When the rule is applied
        var server = LogDiscovery.ServerInFileName(fileName, servers);

        // Then the part before the first or after the last '_' names the server when it is known or dotted
        Assert.Equal(expected, server);
    }

    [Fact]
    public void Discover_ExplicitServer_WinsOverFolderAndFileName()
    {
        // Given logs under a server folder, one of them named after another server, and an explicit mapping of a subfolder
        Touch("dp01.contoso.com/SMSPXE.log");
        Touch("dp01.contoso.com/dp03.contoso.com_CertMgr.log");
        Touch("dp01.contoso.com/copied/SMSPXE.log");
        var explicitServers = new Dictionary<string, string> { [_folder.Combine("dp01.contoso.com", "copied")] = "DP09.Contoso.com" };

        // When the folder is discovered
        var files = LogDiscovery.Discover([Root], facts: null, explicitServers).Files;

        // Then the explicit server (normalized) wins, then the file name, then the folder
        Assert.Equal(
            [("SMSPXE.log", "dp01.contoso.com"), ("dp03.contoso.com_CertMgr.log", "dp03.contoso.com"), ("SMSPXE.log", "dp09.contoso.com")],
            files.Select(f => (f.FileName, f.Server)).OrderBy(f => f.Server, StringComparer.Ordinal));
    }

    [Fact]
    public void Discover_ExplicitServerNotAHostName_ThrowsInvalidInput()
    {
        // Given an explicit server that is not a host name
        var explicitServers = new Dictionary<string, string> { [Root] = "dp01; rm -rf" };

        // When discovery runs
        var error = Assert.Throws<RemediationGenException>(() => LogDiscovery.Discover([Root], facts: null, explicitServers));

        // Then it is refused as invalid input
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("Server 'dp01; rm -rf'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_OneFolderGivenTwiceForTwoServers_ThrowsInvalidInputNamingBoth()
    {
        // Given one folder written two ways, for two servers
        Touch("SMSPXE.log");
        var explicitServers = new Dictionary<string, string> { [Root] = "dp01.contoso.com", [Path.Combine(Root, ".")] = "dp02.contoso.com" };

        // When discovery runs
        var error = Assert.Throws<RemediationGenException>(() => LogDiscovery.Discover([Root], facts: null, explicitServers));

        // Then it is refused as invalid input naming both ways and both servers
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal(
            $"--server: '{Root}' and '{Path.Combine(Root, ".")}' are the same path, given for two servers ('dp01.contoso.com' and 'dp02.contoso.com'); give one server per path.",
            error.Message);
    }

    [Fact]
    public void Discover_OneFolderGivenTwiceForOneServer_AttributesItsLogsToThatServer()
    {
        // Given one folder written two ways, for one server (in two spellings)
        Touch("SMSPXE.log");
        var explicitServers = new Dictionary<string, string> { [Root] = "DP01.contoso.com", [Path.Combine(Root, ".")] = "dp01.contoso.com" };

        // When discovery runs
        var files = LogDiscovery.Discover([Root], facts: null, explicitServers).Files;

        // Then its log is that server's
        Assert.Equal("dp01.contoso.com", Assert.Single(files).Server);
    }

    private string Touch(string relative) => _folder.WriteFile(relative, "x");
}
