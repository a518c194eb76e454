using System.Text.Json;
using RemediationGen.Demo;

namespace RemediationGen.Tests.Support;

/// <summary>
/// What the demo is expected to produce, read from its snapshot (output-samples/, the accepted output of
/// <c>generate --demo</c>) and from the demo's own inputs, so a test of the demo names no site, file count or server:
/// a new problem in the demo needs no test edit beyond accepting the snapshots.
/// </summary>
public static class DemoSnapshot
{
    private static readonly Lazy<IReadOnlyList<Site>> LazySites = new(Load);

    /// <summary>The sites that have a package, in the order generate writes them.</summary>
    public static IReadOnlyList<Site> Sites => LazySites.Value;

    /// <summary>Every site of the demo facts, in their order (some have nothing to fix, so no package).</summary>
    public static IReadOnlyList<string> FactsSites => [.. DemoHierarchy.Facts().Sites.Select(s => s.SiteCode)];

    /// <summary>The demo's sites that have no package.</summary>
    public static IReadOnlyList<string> SitesWithoutPackage => [.. FactsSites.Except(Sites.Select(s => s.Code), StringComparer.Ordinal)];

    /// <summary>The lines of the demo logs, as the log scan counts them.</summary>
    public static int LogLines => DemoHierarchy.Logs().Sum(log =>
    {
        using var reader = new StreamReader(log.Open());
        var count = 0;
        while (reader.ReadLine() is not null)
        {
            count++;
        }

        return count;
    });

    /// <summary>The findings of every site's manifest (each finding belongs to one site).</summary>
    public static IReadOnlyList<JsonElement> Findings => [.. Sites.SelectMany(s => s.Manifest.GetProperty("findings").EnumerateArray())];

    public static int OpenFindings => Findings.Count(f => !f.GetProperty("resolved").GetBoolean());

    public static Site Named(string code) => Sites.Single(s => s.Code == code);

    private static List<Site> Load() =>
        [.. Directory.EnumerateDirectories(Repository.OutputSamples).Order(StringComparer.Ordinal).Select(folder => new Site(Path.GetFileName(folder), folder))];

    /// <summary>One site's package in the snapshot: its folder and its manifest.</summary>
    public sealed class Site(string code, string folder)
    {
        private readonly Lazy<JsonElement> _manifest = new(() =>
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
            return manifest.RootElement.Clone();
        });

        public string Code { get; } = code;

        public string Folder { get; } = folder;

        public JsonElement Manifest => _manifest.Value;

        /// <summary>The package's files, as paths relative to its folder with '/'.</summary>
        public IReadOnlyList<string> Files =>
            [.. Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

        public IReadOnlyList<string> Notes => [.. Manifest.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)];

        public int LogFilesRead => Manifest.GetProperty("inputs").GetProperty("logFilesRead").GetInt32();

        /// <summary>The pairs of the package and, for each, its target servers with the manifest's reason for each.</summary>
        public IReadOnlyList<(string Pair, IReadOnlyList<(string Server, string Reason)> Targets)> Pairs =>
            [.. Manifest.GetProperty("pairs").EnumerateArray().Select(p => (p.GetProperty("name").GetString()!,
                (IReadOnlyList<(string, string)>)[.. p.GetProperty("targets").EnumerateArray().Select(t => (t.GetProperty("server").GetString()!, t.GetProperty("reason").GetString()!))]))];

        public string Text(string relativePath) => File.ReadAllText(Path.Combine([Folder, .. relativePath.Split('/')]));
    }
}
