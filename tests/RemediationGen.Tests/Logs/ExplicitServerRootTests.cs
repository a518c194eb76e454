using RemediationGen.Logs;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Logs;

public sealed class ExplicitServerRootTests
{
    [Fact]
    public void Discover_ServerGivenForTheFileSystemRoot_OwnsEveryLogUnderIt()
    {
        // Given a log in a folder named after no server, and --server dp09=<the root of the file system>
        using var folder = new TempDirectory();
        folder.WriteFile("collected/SMSPXE.log", "line\r\n");
        var root = Path.GetPathRoot(folder.Path)!;

        // When the folder is discovered
        var discovered = LogDiscovery.Discover([folder.Path], facts: null, new Dictionary<string, string> { [root] = "dp09.contoso.com" });

        // Then the root's server owns the log (a root keeps its separator, which the prefix test must allow for)
        Assert.Equal("dp09.contoso.com", Assert.Single(discovered.Files).Server);
    }
}
