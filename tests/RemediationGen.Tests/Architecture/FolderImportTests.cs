using System.Text.RegularExpressions;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Architecture;

/// <summary>
/// The core's folders import each other in one direction only. The check reads src/RemediationGen/**/*.cs: each file's
/// folder (namespace = folder; Problems/&lt;Id&gt; counts as one folder per problem) and the folders it names, by
/// <c>using RemediationGen.X</c> or by a fully qualified <c>RemediationGen.X.</c> in code (comments are skipped).
/// </summary>
public sealed partial class FolderImportTests
{
    /// <summary>The horizontal engines: none of them may name a problem's folder.</summary>
    private static readonly string[] Engines = ["Logs", "Facts", "Diagnosis", "Fixes", "Templates", "Packaging", "Jobs", "Signing", "Verification", "Status", "Demo"];

    private static string Core => Path.Combine(Repository.Root, "src", "RemediationGen");

    [Fact]
    public void FolderGraph_HasNoCycle()
    {
        var graph = FolderGraph();

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"import cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void NoEngine_NamesAProblemFolder()
    {
        var graph = FolderGraph();

        var leaks = Engines
            .Where(graph.ContainsKey)
            .SelectMany(engine => graph[engine].Where(target => target.StartsWith("Problems/", StringComparison.Ordinal)).Select(target => $"{engine} -> {target}"))
            .ToList();

        Assert.Empty(leaks);
        Assert.Contains("Problems/IssuingCertificateList", graph.Keys);
    }

    [Fact]
    public void NoProblem_NamesAnotherProblem()
    {
        var graph = FolderGraph();

        var crossings = graph
            .Where(pair => pair.Key.StartsWith("Problems/", StringComparison.Ordinal))
            .SelectMany(pair => pair.Value.Where(target => target.StartsWith("Problems/", StringComparison.Ordinal) && target != pair.Key).Select(target => $"{pair.Key} -> {target}"))
            .ToList();

        Assert.Empty(crossings);
    }

    [Fact]
    public void Check_FindsACycle_WhenThereIsOne()
    {
        // The cycle search itself, on a made-up graph: without this the first test could pass by finding nothing ever.
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Logs"] = ["Facts"],
            ["Facts"] = ["Diagnosis"],
            ["Diagnosis"] = ["Logs"],
        };

        Assert.Equal(["Diagnosis", "Logs", "Facts", "Diagnosis"], FindCycle(graph));
        Assert.Null(FindCycle(new Dictionary<string, HashSet<string>> { ["Jobs"] = ["Logs"], ["Logs"] = [] }));
    }

    /// <summary>Folder (relative to the core, "" for its root) to the folders its files name.</summary>
    private static Dictionary<string, HashSet<string>> FolderGraph()
    {
        var folders = Directory.EnumerateDirectories(Core, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Core, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin", StringComparison.Ordinal) && !path.StartsWith("obj", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Core, "*.cs", SearchOption.AllDirectories))
        {
            var folder = Path.GetRelativePath(Core, Path.GetDirectoryName(file)!).Replace('\\', '/');
            if (folder.StartsWith("bin", StringComparison.Ordinal) || folder.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            folder = folder == "." ? string.Empty : folder;
            var targets = graph.TryGetValue(folder, out var known) ? known : graph[folder] = new HashSet<string>(StringComparer.Ordinal);
            var code = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (Match match in Reference().Matches(code))
            {
                var target = LongestFolder(match.Groups["path"].Value.Replace('.', '/'), folders);
                if (target is not null && target != folder)
                {
                    targets.Add(target);
                }
            }
        }

        return graph;
    }

    /// <summary>The longest folder that <paramref name="path"/> (a namespace or type path) starts with, e.g. Problems/AmtProvisioningCertificate.</summary>
    private static string? LongestFolder(string path, HashSet<string> folders) =>
        folders.Where(folder => path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal)).MaxBy(folder => folder.Length);

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.Skip(path.IndexOf(node)), node];
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    [GeneratedRegex(@"\bRemediationGen\.(?<path>[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*)")]
    private static partial Regex Reference();
}
