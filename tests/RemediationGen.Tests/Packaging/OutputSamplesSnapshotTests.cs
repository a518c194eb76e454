using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Packaging;

/// <summary>
/// output-samples/ is the verified snapshot of what <c>generate --demo</c> writes, byte for byte. On a difference
/// the test writes what it got to output-samples.received/ (git-ignored) and fails; nothing is accepted
/// automatically. Accept a reviewed difference with: dotnet build src/RemediationGen.Cli -t:AcceptSnapshots
/// </summary>
public sealed class OutputSamplesSnapshotTests
{
    private static DemoPackages Demo => DemoPackages.Shared;

    [Fact]
    public void GenerateDemo_MatchesOutputSamplesByteForByte()
    {
        var expected = RelativeFiles(Repository.OutputSamples);
        var actual = RelativeFiles(Demo.Folder);
        var differences = new List<string>();
        differences.AddRange(expected.Keys.Except(actual.Keys).Select(f => $"missing now: {f}"));
        differences.AddRange(actual.Keys.Except(expected.Keys).Select(f => $"new: {f}"));
        differences.AddRange(expected.Keys.Intersect(actual.Keys)
            .Where(f => !File.ReadAllBytes(expected[f]).AsSpan().SequenceEqual(File.ReadAllBytes(actual[f])))
            .Select(f => $"changed: {f}"));

        if (differences.Count > 0)
        {
            CopyTree(Demo.Folder, Repository.OutputSamplesReceived);
        }
        else if (Directory.Exists(Repository.OutputSamplesReceived))
        {
            Directory.Delete(Repository.OutputSamplesReceived, recursive: true);
        }

        Assert.True(
            differences.Count == 0,
            $"The demo output differs from output-samples/ ({differences.Count}):\n  {string.Join("\n  ", differences.Order(StringComparer.Ordinal))}\n"
            + "What was generated is in output-samples.received/. Review it (diff -r output-samples output-samples.received), then accept with:\n"
            + "  dotnet build src/RemediationGen.Cli -t:AcceptSnapshots");
    }

    private static SortedDictionary<string, string> RelativeFiles(string root) =>
        new(
            Directory.Exists(root)
                ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => f)
                : [],
            StringComparer.Ordinal);

    private static void CopyTree(string source, string destination)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
