using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Build;

/// <summary>
/// The repository's build settings make a known-vulnerable package, direct or transitive, fail the restore (issue 11).
/// The registry this project uses publishes no advisories, so a loopback HTTP server plays NuGet's vulnerability
/// feed (an audit source) for a scratch project that imports the repository's Directory.Build.props and
/// Directory.Packages.props and references Microsoft.Data.SqlClient as the core library does.
/// </summary>
public sealed class NuGetAuditTests
{
    [Theory]
    [InlineData("microsoft.data.sqlclient", 2, "error NU1903", "Package 'Microsoft.Data.SqlClient'")] // direct, high
    [InlineData("microsoft.identitymodel.tokens", 1, "error NU1902", "Package 'Microsoft.IdentityModel.Tokens'")] // transitive, moderate
    [InlineData("microsoft.data.sqlclient", 0, "error NU1901", "Package 'Microsoft.Data.SqlClient'")] // direct, low
    public void Restore_AdvisoryForAPackageInUse_Fails(string packageId, int severity, string expectedCode, string expectedPackage)
    {
        var advisories = $$"""{"{{packageId}}":[{"severity":{{severity}},"url":"https://advisories.invalid/{{packageId}}","versions":"(, 999.0.0)"}]}""";

        var (exitCode, output) = RestoreWithAdvisories(advisories);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expectedCode, output, StringComparison.Ordinal);
        Assert.Contains(expectedPackage, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_NoAdvisories_Succeeds()
    {
        var (exitCode, output) = RestoreWithAdvisories("{}");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("NU190", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) RestoreWithAdvisories(string advisoriesJson)
    {
        using var folder = new TempDirectory();
        using var feed = VulnerabilityFeed.Start(advisoriesJson);
        var root = Repository.Root;
        folder.WriteFile("Directory.Build.props", $"""<Project><Import Project="{Path.Combine(root, "Directory.Build.props")}" /></Project>""");
        folder.WriteFile("Directory.Packages.props", $"""<Project><Import Project="{Path.Combine(root, "Directory.Packages.props")}" /></Project>""");
        folder.WriteFile("AuditProbe.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.Data.SqlClient" /></ItemGroup></Project>""");
        folder.WriteFile("nuget.config", $"""
            <configuration>
              <auditSources><clear /><add key="advisories" value="{feed.IndexUrl}" allowInsecureConnections="true" /></auditSources>
            </configuration>
            """);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "restore", "--force", "--disable-build-servers", "AuditProbe.csproj" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings belong to the test run, not to this restore; advisories are cached per
        // machine, so each restore gets its own HTTP cache.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NUGET_HTTP_CACHE_PATH"] = folder.Combine("http-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var restore = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var error = restore.StandardError.ReadToEndAsync();
        var output = restore.StandardOutput.ReadToEnd();
        if (!restore.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            restore.Kill(entireProcessTree: true);
            Assert.Fail("dotnet restore did not finish within 3 minutes");
        }

        return (restore.ExitCode, output + error.Result);
    }

    /// <summary>NuGet's V3 service index with only a VulnerabilityInfo resource, and one page of advisories.</summary>
    private sealed class VulnerabilityFeed : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, string> _documents;
        private readonly Thread _thread;

        private VulnerabilityFeed(int port, string advisoriesJson)
        {
            var baseUrl = $"http://127.0.0.1:{port}/";
            IndexUrl = baseUrl + "index.json";
            _documents = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["/index.json"] = $$"""{"version":"3.0.0","resources":[{"@id":"{{baseUrl}}vulnerabilities/index.json","@type":"VulnerabilityInfo/6.7.0"}]}""",
                ["/vulnerabilities/index.json"] = $$"""[{"@name":"base","@id":"{{baseUrl}}vulnerabilities/base.json","@updated":"2026-01-01T00:00:00Z"}]""",
                ["/vulnerabilities/base.json"] = advisoriesJson,
            };
            _listener.Prefixes.Add(baseUrl);
            _listener.Start();
            _thread = new Thread(Serve) { IsBackground = true, Name = nameof(VulnerabilityFeed) };
        }

        public string IndexUrl { get; }

        public static VulnerabilityFeed Start(string advisoriesJson)
        {
            var feed = new VulnerabilityFeed(FreePort(), advisoriesJson);
            feed._thread.Start();
            return feed;
        }

        public void Dispose() => _listener.Close();

        private void Serve()
        {
            try
            {
                while (_listener.IsListening)
                {
                    var context = _listener.GetContext();
                    var found = _documents.TryGetValue(context.Request.Url!.AbsolutePath, out var document);
                    context.Response.StatusCode = found ? 200 : 404;
                    context.Response.ContentType = "application/json";
                    var body = Encoding.UTF8.GetBytes(document ?? string.Empty);
                    context.Response.OutputStream.Write(body);
                    context.Response.Close();
                }
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Disposed: the restore is over.
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
