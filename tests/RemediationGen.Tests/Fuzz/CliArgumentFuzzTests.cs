using RemediationGen.Tests.Support;
using Xunit.Abstractions;

namespace RemediationGen.Tests.Fuzz;

/// <summary>
/// Mutated command lines (tokens dropped, repeated, swapped, replaced, inserted): a documented exit code within the
/// timeout, never 70; a password in any argument is never printed; a failed generate or collect leaves nothing.
/// </summary>
[Collection(FuzzRunsAlone.Name)]
[Trait("Category", "Fuzz")]
public sealed class CliArgumentFuzzTests(ITestOutputHelper log)
{
    private static readonly string DemoFacts = Path.Combine(Repository.Root, "src", "RemediationGen", "Demo", "facts.json");

    private static readonly string[] Options =
    [
        "generate", "collect", "diagnose", "--demo", "--facts", "--sql", "--sql-timeout", "--icl-component", "--logs", "--server", "--out",
        "--site", "--targets", "--templates", "--force", "--format", "--verbose", "--amt-threshold-days", "--amt-trusted-root",
        "--amt-organization", "--amt-locality", "--amt-state", "--amt-country", "--help", "-h", "-?", "--version", "-", "--", "--out=", "--site:PS1",
    ];

    private static readonly string[] Values =
    [
        string.Empty, " ", "PS1", "ps1", "CAS", "XYZ!", "affected", "all", "none", "json", "markdown", "0", "-1", "365", "99999999999", "1e3",
        "FR", "fr", "Contoso", "PS1=SMS_SITE_COMPONENT_MANAGER", "=", "PS1=", "dp01.contoso.com=", "-bad-=x", "env:REMEDIATIONGEN_FUZZ_UNSET",
        "55B7AF313A725CA10BB47A382494A3BD2927D1FB", "\0", "\u202E", "caf\u00e9", new string('a', 3000), "/nonexistent/path", "C:\\Windows", "..",
    ];

    [Fact]
    public async Task MutatedCommandLines_KeepEveryPromise()
    {
        var tally = new FuzzTally("cli");
        await tally.RunSeeds(defaultCases: 150, RunCase);
        tally.Publish(log);
    }

    private static async Task RunCase(int seed, FuzzTally tally)
    {
        var random = new Random(seed);
        using var folder = new TempDirectory();
        var secret = "S3cr" + seed.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "Zq";
        var output = folder.Combine("out");
        var factsOut = folder.Combine("facts-out.json");
        var connection = random.Next(3) switch
        {
            0 => $"Server=tcp:127.0.0.1,1;Connect Timeout=1;User ID=cm;Password={secret};Encrypt=False",
            1 => $"Server=tcp:127.0.0.1,1;Connect Timeout=1;Pwd=\"{secret[..4]}\"\"{secret[4..]}\"",
            _ => $"Data Source=tcp:127.0.0.1,1;Connect Timeout=1;Password='{secret}';x",
        };
        string[][] bases =
        [
            ["generate", "--demo", "--out", output],
            ["generate", "--facts", DemoFacts, "--out", output, "--site", "PS1", "--targets", "affected"],
            ["generate", "--demo", "--out", output, "--amt-organization", "Contoso", "--amt-locality", "Paris", "--amt-state", "Ile de France", "--amt-country", "FR"],
            ["diagnose", "--demo", "--format", "json"],
            ["diagnose", "--logs", Path.Combine(Repository.Root, "src", "RemediationGen", "Demo", "logs"), "--facts", DemoFacts],
            ["collect", "--sql", connection, "--out", factsOut],
            ["generate", "--sql", connection, "--out", output],
        ];
        var args = bases[random.Next(bases.Length)].ToList();
        var paths = new[] { output, factsOut, DemoFacts, folder.Path, "@" + DemoFacts, connection, folder.Combine("missing.json") };
        var mutations = new List<string>();
        for (var round = random.Next(1, 4); round > 0; round--)
        {
            mutations.Add(Mutate(args, random, paths));
        }

        var replay = $"mutations: {string.Join(", ", mutations)}\n{FuzzSettings.Replay(seed, nameof(CliArgumentFuzzTests))}";
        var run = await FuzzCli.Run([.. args], replay);
        tally.Add(run.ExitCode);

        Assert.False((run.Output + run.Error).Contains(secret[4..], StringComparison.Ordinal), $"a password was printed:\n{run.Error}\n{replay}");
        if (run.ExitCode != 0)
        {
            Assert.False(Directory.Exists(output), $"exit {run.ExitCode} left '{output}' behind\n{replay}");
            Assert.False(File.Exists(factsOut), $"exit {run.ExitCode} left '{factsOut}' behind\n{replay}");
        }
    }

    private static string Mutate(List<string> args, Random random, string[] paths)
    {
        string Token() => random.Next(3) switch
        {
            0 => Options[random.Next(Options.Length)],
            1 => Values[random.Next(Values.Length)],
            _ => paths[random.Next(paths.Length)],
        };

        var at = random.Next(Math.Max(args.Count, 1));
        switch (random.Next(args.Count == 0 ? 1 : 5))
        {
            case 0:
                var inserted = Token();
                args.Insert(random.Next(args.Count + 1), inserted);
                return "insert";
            case 1:
                args.RemoveAt(at);
                return "drop";
            case 2:
                args.Insert(at, args[at]);
                return "repeat";
            case 3:
                var other = random.Next(args.Count);
                (args[at], args[other]) = (args[other], args[at]);
                return "swap";
            default:
                args[at] = Token();
                return "replace";
        }
    }
}
