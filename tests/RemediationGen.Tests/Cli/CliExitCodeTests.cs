using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RemediationGen.Cli;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Cli;

/// <summary>Every documented exit code, with the exact message an admin sees.</summary>
public sealed class CliExitCodeTests
{
    [Fact]
    public void Help_ListsTheCommands_Exit0()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("  generate  ", run.Output, StringComparison.Ordinal);
        Assert.Contains("  collect   ", run.Output, StringComparison.Ordinal);
        Assert.Contains("  diagnose  ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_Alone_PrintsOneLine_Exit0()
    {
        // --version alone builds no command: it still prints the version and nothing else
        var run = CliRun.Of("--version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"^\S+\n$", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("collect")]
    [InlineData("diagnose")]
    public void CommandHelp_Exit0(string command)
    {
        var run = CliRun.Of(command, "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        // In-process the usage line starts with the test host's name; the installed apphost is remediationgen.
        Assert.Contains($" {command} [options]", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void NoCommand_Exit2()
    {
        var run = CliRun.Of();

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("remediationgen: Required command was not provided.\nRun 'remediationgen --help' for usage.\n", run.Error);
    }

    [Fact]
    public void Generate_WithoutFactsSource_Exit2()
    {
        var run = CliRun.Of("generate", "--out", "x");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("remediationgen: Say where the facts come from: --demo, --facts FILE or --sql CONNECTION-STRING.\nRun 'remediationgen generate --help' for usage.\n", run.Error);
    }

    [Fact]
    public void Generate_TwoFactsSources_Exit2()
    {
        var run = CliRun.Of("generate", "--demo", "--facts", "f.json", "--out", "x");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith("remediationgen: Use only one of --demo, --facts and --sql (got --demo and --facts).\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_UnknownTargets_Exit2()
    {
        var run = CliRun.Of("generate", "--demo", "--out", "x", "--targets", "some");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith("remediationgen: Argument 'some' not recognized. Must be one of:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BadIclComponent_Exit2()
    {
        var run = CliRun.Of("generate", "--demo", "--out", "x", "--icl-component", "PS1");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith("remediationgen: --icl-component 'PS1' is not SITE=COMPONENT (for example PS1=SMS_SITE_COMPONENT_MANAGER).\n", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dp01.contoso.com", "Server 'dp01.contoso.com' is not NAME=PATH")]
    [InlineData("dp 01=.", "'dp 01' is not a valid host name")]
    [InlineData("dp01.contoso.com=/no/such/folder", "path '/no/such/folder' does not exist")]
    public void Diagnose_BadServerOption_Exit2(string value, string expected)
    {
        var run = CliRun.Of("diagnose", "--logs", ".", "--server", value);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(expected.Replace("Server '", "--server '", StringComparison.Ordinal), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_OnePathGivenForTwoServers_Exit2()
    {
        var run = CliRun.Of("diagnose", "--logs", ".", "--server", "dp01.contoso.com=.", "--server", "DP01.contoso.com=.", "--server", "dp02.contoso.com=.");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith("remediationgen: --server 'dp02.contoso.com=.': path '.' is already given for 'dp01.contoso.com'; give one server per path.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_OnePathInTwoSpellingsForTwoServers_Exit2()
    {
        var run = CliRun.Of("diagnose", "--logs", ".", "--server", "dp01.contoso.com=.", "--server", "dp02.contoso.com=./");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith("remediationgen: --server: '.' and './' are the same path, given for two servers ('dp01.contoso.com' and 'dp02.contoso.com'); give one server per path.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BadServerOption_Exit2()
    {
        var run = CliRun.Of("generate", "--demo", "--out", "x", "--server", "-bad-=.");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--server '-bad-=.': '-bad-' is not a valid host name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseError_NeverEchoesAPassword()
    {
        var run = CliRun.Of("generate", "--demo", "--out", "x", "Server=db;User ID=cm;Password=hunter2;Encrypt=True");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
        Assert.Contains("(an argument that looks like a connection string; not shown)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MissingFactsFile_Exit2AndNothingWritten()
    {
        using var output = new TempDirectory();
        var facts = output.Combine("missing.json");

        var run = CliRun.Of("generate", "--facts", facts, "--out", output.Combine("out"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith($"remediationgen: Facts file '{facts}' cannot be read: ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output.Combine("out")));
    }

    [Fact]
    public void Generate_UnknownSite_Exit2()
    {
        using var output = new TempDirectory();

        var run = CliRun.Of("generate", "--demo", "--site", "XYZ", "--out", output.Path);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal($"remediationgen: Site 'XYZ' is not in the facts (demo); sites there: {string.Join(", ", DemoSnapshot.FactsSites)}.\n", run.Error);
    }

    [Fact]
    public void Generate_BrokenTemplateOverride_Exit2AndNothingWritten()
    {
        using var folder = new TempDirectory();
        var template = folder.WriteFile("templates/shared/intune-detection.ps1.scriban", "Write-Output {{ ps Result }}\nexit 1\n");

        var run = CliRun.Of("generate", "--demo", "--out", folder.Combine("out"), "--templates", folder.Combine("templates"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal($"remediationgen: Template '{template}' line 1, column 20: 'Result' is not defined. Defined here: Fix, PairName, ScriptKind, SiteCode, SiteSystem, Title, ToolVersion.\n", run.Error);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public void Generate_BrokenOverrideOfATemplateThisRunDoesNotUse_Exit2AndNothingWritten()
    {
        // Given an override of the check of a pair that one site's package does not have (templates/<pair in kebab case>/)
        var pairs = DemoSnapshot.Sites.SelectMany(s => s.Pairs.Select(p => p.Pair)).Distinct(StringComparer.Ordinal).ToList();
        var (site, pair) = DemoSnapshot.Sites.SelectMany(s => pairs.Where(p => !s.Pairs.Any(own => own.Pair == p)).Select(p => (s.Code, Pair: p))).First();
        using var folder = new TempDirectory();
        var template = folder.WriteFile("templates/" + RemediationGen.Diagnosis.ProblemDescriptor.KebabCase(pair) + "/check.ps1.scriban", "{{ if Fix }}\nexit 0\n");

        // When only that site is generated
        var run = CliRun.Of("generate", "--demo", "--site", site, "--out", folder.Combine("out"), "--templates", folder.Combine("templates"));

        // Then the broken override is still reported, before anything is written
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith($"remediationgen: Template '{template}' line 1, column 13: Error while parsing if statement", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public void Generate_Demo_Exit0ThenConflictExit4ThenForceExit0()
    {
        using var output = new TempDirectory();

        var first = CliRun.Of("generate", "--demo", "--out", output.Path);
        var second = CliRun.Of("generate", "--demo", "--out", output.Path);
        var forced = CliRun.Of("generate", "--demo", "--out", output.Path, "--force");

        // The expected summary comes from the snapshot of this run (output-samples/) and the demo's inputs.
        var sites = DemoSnapshot.Sites;
        string[] expected =
        [
            $"Facts: demo ({DemoSnapshot.FactsSites.Count} site(s)). Logs: {sites[0].LogFilesRead} file(s), {DemoSnapshot.LogLines} line(s), {DemoSnapshot.Findings.Count} finding(s), {DemoSnapshot.OpenFindings} open.",
            .. sites.Select(s => $"{s.Code}: wrote {output.Combine(s.Code)} ({s.Files.Count} files)"),
            .. DemoSnapshot.SitesWithoutPackage.Select(code => $"note: Site {code}: no IssuingCertificateList package: the site has no management point and no PXE-enabled distribution point."),
            .. sites.SelectMany(s => s.Notes).Select(n => "note: " + n),
        ];
        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(string.Join('\n', expected) + "\n", first.Output);
        var rejected = sites.SelectMany(s => s.Manifest.GetProperty("rejected").EnumerateArray()).First();
        var evidence = rejected.GetProperty("evidence");
        Assert.StartsWith($"warning: {evidence.GetProperty("file").GetString()}:{evidence.GetProperty("line").GetInt32()}: '{rejected.GetProperty("value").GetString()}' was not used: ", first.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.OutputConflict, second.ExitCode);
        Assert.Equal($"remediationgen: '{output.Combine(sites[0].Code)}' already holds a package; add --force to replace it, or choose another --out.\n", second.Error);
        Assert.Equal(ExitCodes.Success, forced.ExitCode);
    }

    [Fact]
    public void Generate_AffectedTargets_OnlyFailingServers()
    {
        using var output = new TempDirectory();

        // A site whose snapshot targets a server for its logs and another for its role: --targets affected keeps the first only.
        const string Affected = "the logs show it failing";
        var (site, pair, targets) = DemoSnapshot.Sites.SelectMany(s => s.Pairs.Select(p => (Site: s.Code, p.Pair, p.Targets)))
            .First(p => p.Targets.Any(t => t.Reason.StartsWith(Affected, StringComparison.Ordinal)) && p.Targets.Any(t => !t.Reason.StartsWith(Affected, StringComparison.Ordinal)));

        var run = CliRun.Of("generate", "--demo", "--targets", "affected", "--site", site, "--out", output.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            string.Concat(targets.Where(t => t.Reason.StartsWith(Affected, StringComparison.Ordinal)).Select(t => t.Server + "\r\n")),
            File.ReadAllText(output.Combine(site, "targets", pair + ".txt")));
        Assert.Equal([site], Directory.EnumerateDirectories(output.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Generate_OutputUnderAFile_Exit5()
    {
        using var folder = new TempDirectory();
        var file = folder.WriteFile("blocker", "x");

        var run = CliRun.Of("generate", "--demo", "--out", Path.Combine(file, "out"));

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.EndsWith("Nothing was written.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_DemoLogs_Exit1WithEvidence()
    {
        var run = CliRun.Of("diagnose", "--demo");

        // Every finding the snapshot's manifests hold is a row of the table, with its first evidence line below.
        var findings = DemoSnapshot.Findings;
        Assert.Equal(ExitCodes.FindingsPresent, run.ExitCode);
        Assert.StartsWith(
            $"Read {DemoSnapshot.Sites[0].LogFilesRead} log file(s), {DemoSnapshot.LogLines} line(s): {findings.Count} finding(s), {DemoSnapshot.OpenFindings} open, {findings.Count - DemoSnapshot.OpenFindings} resolved.\n\n"
            + "#  SEVERITY  RULE                        SITE  SERVER            STATUS    RECORDS\n",
            run.Output,
            StringComparison.Ordinal);
        var lines = run.Output.Split('\n');
        foreach (var finding in findings)
        {
            var row = $@"^\d+\s+{finding.GetProperty("severity").GetString()!.ToUpperInvariant()}\s+{finding.GetProperty("ruleId").GetString()}\s+{finding.GetProperty("site").GetString()}\s+{System.Text.RegularExpressions.Regex.Escape(finding.GetProperty("server").GetString()!)}\s+(open|resolved)\s+{finding.GetProperty("occurrences").GetInt32()}$";
            Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, row));
            var evidence = finding.GetProperty("evidence")[0];
            // The message is wrapped at the console's width: its first word starts the line below the header.
            Assert.Contains(
                $"      {evidence.GetProperty("file").GetString()}:{evidence.GetProperty("line").GetInt32()}  {evidence.GetProperty("timestamp").GetString()} (UTC {evidence.GetProperty("utc").GetString()})\n        {evidence.GetProperty("message").GetString()!.Split(' ')[0]} ",
                run.Output,
                StringComparison.Ordinal);
            if (!finding.GetProperty("serverInFacts").GetBoolean())
            {
                Assert.Contains($"server {finding.GetProperty("server").GetString()} (not in facts)", run.Output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Diagnose_Json_IsMachineReadable()
    {
        var run = CliRun.Of("diagnose", "--demo", "--format", "json");

        Assert.Equal(ExitCodes.FindingsPresent, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();

        // The same findings as the snapshot's manifests, field for field, and the same rejected values.
        string Key(JsonElement f) => f.GetProperty("ruleId").GetString() + " " + f.GetProperty("site").GetString() + " " + f.GetProperty("server").GetString();
        Assert.Equal(DemoSnapshot.Findings.Select(Key).Order(StringComparer.Ordinal), findings.Select(Key).Order(StringComparer.Ordinal));
        foreach (var expected in DemoSnapshot.Findings)
        {
            var finding = findings.Single(f => Key(f) == Key(expected));
            foreach (var field in (string[])["severity", "summary", "fix", "resolved", "resolution", "occurrences", "evidence"])
            {
                Assert.Equal(JsonSerializer.Serialize(expected.GetProperty(field)), JsonSerializer.Serialize(finding.GetProperty(field)));
            }
        }

        Assert.Equal(
            DemoSnapshot.Sites.SelectMany(s => s.Manifest.GetProperty("rejected").EnumerateArray()).Select(r => JsonSerializer.Serialize(r)),
            json.RootElement.GetProperty("rejected").EnumerateArray().Select(r => JsonSerializer.Serialize(r)));
    }

    [Fact]
    public void Diagnose_CleanLogs_Exit0()
    {
        var run = CliRun.Of("diagnose", "--logs", Repository.Fixtures("logs", "issuing-certificate-list", "clean"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.EndsWith(": no findings.\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_MissingLogPath_Exit2()
    {
        var run = CliRun.Of("diagnose", "--logs", "/nonexistent/logs");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("remediationgen: Log path '/nonexistent/logs' does not exist.\n", run.Error);
    }

    [Fact]
    public void Collect_RefusedPort_Exit3WithoutThePassword()
    {
        using var folder = new TempDirectory();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = CliRun.Of("collect", "--sql", $"Server=tcp:127.0.0.1,{port};Database=CM_PS1;User ID=cmread;Password=S3cr3t!Value;Connect Timeout=1", "--out", folder.Combine("facts.json"));

        Assert.Equal(ExitCodes.DataSourceUnavailable, run.ExitCode);
        Assert.StartsWith($"remediationgen: Cannot connect to the site database (server 'tcp:127.0.0.1,{port}', database 'CM_PS1'): ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", run.Error + run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("facts.json")));
    }

    [Fact]
    public void Collect_ExistingFile_Exit4BeforeConnecting()
    {
        using var folder = new TempDirectory();
        var existing = folder.WriteFile("facts.json", "{}");

        var run = CliRun.Of("collect", "--sql", "Server=tcp:127.0.0.1,1;Database=CM_PS1;Integrated Security=true", "--out", existing);

        Assert.Equal(ExitCodes.OutputConflict, run.ExitCode);
        Assert.Equal($"remediationgen: '{existing}' already exists; add --force to replace it.\n", run.Error);
        Assert.Equal("{}", File.ReadAllText(existing));
    }

    [Fact]
    public void Collect_ForceOverAFileThatIsNotFacts_Exit4AndTheFileIsKept()
    {
        using var folder = new TempDirectory();
        var notes = folder.WriteFile("notes.txt", "my notes");

        var run = CliRun.Of("collect", "--sql", "Server=tcp:127.0.0.1,1;Database=CM_PS1;Integrated Security=true", "--out", notes, "--force");

        Assert.Equal(ExitCodes.OutputConflict, run.ExitCode);
        Assert.Equal($"remediationgen: '{notes}' is not a RemediationGen facts file (no schemaVersion and sites); it is never replaced, even with --force. Choose another --out.\n", run.Error);
        Assert.Equal("my notes", File.ReadAllText(notes));
    }

    [Fact]
    public void Collect_ForceOverAFactsFile_GoesOnToTheDatabase()
    {
        using var folder = new TempDirectory();
        var facts = folder.WriteFile("facts.json", "{ \"schemaVersion\": 1, \"sites\": [] }");

        var run = CliRun.Of("collect", "--sql", "Server=tcp:127.0.0.1,1;Database=CM_PS1;Integrated Security=true;Connect Timeout=1", "--out", facts, "--force");

        // Past the output check: the run fails only at the (absent) database, and the old file is still there.
        Assert.Equal(ExitCodes.DataSourceUnavailable, run.ExitCode);
        Assert.Equal("{ \"schemaVersion\": 1, \"sites\": [] }", File.ReadAllText(facts));
    }

    [Fact]
    public void Diagnose_NoLogs_SaysSoBeforeReadingTheFacts()
    {
        using var folder = new TempDirectory();
        var broken = folder.WriteFile("facts.json", "not json");

        var run = CliRun.Of("diagnose", "--facts", broken);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("remediationgen: diagnose needs --logs PATH (or --demo to read the demo logs).\n", run.Error);
    }

    [Theory]
    [InlineData("generate", "--demo", "The output folder (--out) is empty; name a folder for the packages.")]
    [InlineData("collect", "--sql=Server=tcp:127.0.0.1,1;Integrated Security=true", "The output file (--out) is empty; name a file for the facts.")]
    public void EmptyOut_Exit2BeforeReadingAnything(string command, string source, string message)
    {
        var run = CliRun.Of(command, source, "--out", "");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal($"remediationgen: {message}\n", run.Error);
    }

    [Fact]
    public void Generate_SiteWithNothingToFix_WritesNoFolder()
    {
        using var folder = new TempDirectory();

        var run = CliRun.Of("generate", "--demo", "--site", DemoSnapshot.SitesWithoutPackage[0], "--out", folder.Combine("out"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public void UnexpectedError_Exit70WithoutStackTraceUnlessVerbose()
    {
        using var quiet = new StringWriter();
        using var verbose = new StringWriter();

        var code = CliApplication.Guard(quiet, verbose: false, () => throw new InvalidOperationException("boom"));
        CliApplication.Guard(verbose, verbose: true, () => throw new InvalidOperationException("boom"));

        Assert.Equal(ExitCodes.UnexpectedError, code);
        Assert.Equal("remediationgen: unexpected error (InvalidOperationException): boom\nThis is a bug in RemediationGen: run again with --verbose and report what it prints.\n", quiet.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("   at ", verbose.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Canceled_Exit130()
    {
        using var error = new StringWriter();

        var code = CliApplication.Guard(error, verbose: false, () => throw new OperationCanceledException());

        Assert.Equal(ExitCodes.Canceled, code);
        Assert.Equal("remediationgen: canceled; nothing was written.\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void RuntimeConfig_KeepsCulturesForSqlClient()
    {
        // Microsoft.Data.SqlClient 2.1 cannot open any connection in globalization-invariant mode.
        var config = Path.Combine(AppContext.BaseDirectory, "remediationgen.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(config));

        var options = json.RootElement.GetProperty("runtimeOptions");
        var invariant = options.TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.Globalization.Invariant", out var value)
            && value.GetBoolean();
        Assert.False(invariant);
    }
}
