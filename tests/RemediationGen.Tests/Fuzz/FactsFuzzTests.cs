using RemediationGen.Facts;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Tests.Support;
using Xunit.Abstractions;

namespace RemediationGen.Tests.Fuzz;

/// <summary>
/// Mutated facts files through <c>generate</c>: every run ends with a documented exit code within the timeout, a failed
/// run leaves nothing, and a successful one writes scripts that PowerShell parses without error and whose commands
/// are exactly those of a benign twin (the same facts with every free-text value replaced by a harmless one).
/// </summary>
[Collection(FuzzRunsAlone.Name)]
[Trait("Category", "Fuzz")]
public sealed class FactsFuzzTests(ITestOutputHelper log)
{
    private static readonly string[] SeedFiles =
    [
        File.ReadAllText(Path.Combine(Repository.Root, "src", "RemediationGen", "Demo", "facts.json")),
        """
        { "schemaVersion": 1, "source": "fuzz",
          "sites": [ { "siteCode": "PS1", "siteServer": "cm01.contoso.com", "issuingCertificateList": "AB\\0CD",
                       "managementPoints": [ "mp01.contoso.com" ],
                       "distributionPoints": [ { "serverName": "dp01.contoso.com", "isPxe": true, "pxePasswordSet": true, "pxeResponder": "SccmPxe",
                                                 "certificateThumbprint": "55B7AF313A725CA10BB47A382494A3BD2927D1FB", "certificateExpires": "2026-12-01T00:00:00Z" } ],
                       "outOfBandManagement": { "servicePoint": "oob01.contoso.com",
                         "provisioningCertificateSubject": { "organization": "Contoso", "locality": "Paris", "state": "Ile de France", "country": "FR" },
                         "trustedRootHashes": [ "55B7AF313A725CA10BB47A382494A3BD2927D1FB" ] } } ] }
        """,
    ];

    [Fact]
    public async Task MutatedFactsFiles_KeepEveryPromise()
    {
        var tally = new FuzzTally("facts");
        await tally.RunSeeds(defaultCases: 120, RunCase);
        tally.Publish(log);
    }

    private static async Task RunCase(int seed, FuzzTally tally)
    {
        var random = new Random(seed);
        var (bytes, mutation) = FactsMutator.MutateRepeatedly(SeedFiles[random.Next(SeedFiles.Length)], random);
        var replay = $"mutation: {mutation}\n{FuzzSettings.Replay(seed, nameof(FactsFuzzTests))}";
        using var folder = new TempDirectory();
        var facts = folder.Combine("facts.json");
        await File.WriteAllBytesAsync(facts, bytes);
        var output = folder.Combine("out");

        var run = await FuzzCli.Run(["generate", "--facts", facts, "--out", output], replay);
        tally.Add(run.ExitCode);
        if (run.ExitCode != 0)
        {
            Assert.False(Directory.Exists(output), $"exit {run.ExitCode} left '{output}' behind\n{replay}");
            return;
        }

        if (!Directory.Exists(output))
        {
            return;
        }

        Assert.Empty(Directory.GetDirectories(output, ".remediationgen-staging-*"));
        var scripts = ScriptCommands.Below(output);
        foreach (var (path, script) in scripts)
        {
            Assert.True(script.Errors.Count == 0, $"{path}: {string.Join("; ", script.Errors)}\n{replay}");
        }

        tally.ScriptsParsed += scripts.Count;
        var twin = await BenignTwin(facts, folder, replay);
        foreach (var (path, script) in scripts)
        {
            Assert.True(twin.TryGetValue(path, out var benign), $"{path} is not in the benign twin's output\n{replay}");
            Assert.True(
                script.Commands.SequenceEqual(benign.Commands),
                $"{path}: commands differ from the benign twin's\n  fuzzed: {string.Join(", ", script.Commands)}\n  benign: {string.Join(", ", benign.Commands)}\n{replay}");
        }
    }

    /// <summary>
    /// The same facts with each free-text value (the IssuingCertificateList entries) replaced by a harmless one of the
    /// same shape: every letter, digit and other character becomes 'B', except what decides how the value is written
    /// (its length, '"', '\\' and control characters: RegistryWriteMethodChooser), so both take the same code path.
    /// </summary>
    private static async Task<SortedDictionary<string, ScriptCommands>> BenignTwin(string factsPath, TempDirectory folder, string replay)
    {
        var facts = FactsFile.Read(factsPath);
        var twin = facts with { Sites = [.. facts.Sites.Select(site => site with { IssuingCertificateList = Benign(site.IssuingCertificateList) })] };
        var twinPath = folder.Combine("twin.json");
        await File.WriteAllBytesAsync(twinPath, FactsFile.Serialize(twin));
        var twinOutput = folder.Combine("twin-out");

        var run = await FuzzCli.Run(["generate", "--facts", twinPath, "--out", twinOutput], "benign twin of: " + replay);

        Assert.True(run.ExitCode == 0, $"the benign twin exited {run.ExitCode}: {run.Error}\n{replay}");
        return ScriptCommands.Below(twinOutput);
    }

    private static string? Benign(string? value) =>
        value is null
            ? null
            : string.Join(
                IssuingCertificateListValue.Separator,
                value.Split(IssuingCertificateListValue.Separator).Select(piece => new string([.. piece.Select(c => c is '"' or '\\' || char.IsControl(c) ? c : 'B')])));
}
