using RemediationGen.Facts;
using RemediationGen.Logs;

namespace RemediationGen.Demo;

/// <summary>
/// The built-in demo hierarchy, embedded so <c>generate --demo</c> needs no database and no files: a CAS with two
/// primary sites (PS1, PS2), their MPs and DPs, made-up IssuingCertificateList values, and site-server and DP logs
/// that show KB 4469580 on some DPs (plus one hostile server name that must be rejected).
/// </summary>
internal static class DemoHierarchy
{
    public const string Origin = "demo";
    private const string FactsResource = "demo/facts.json";
    private const string LogsPrefix = "demo/logs/";

    public static HierarchyFacts Facts()
    {
        using var stream = Open(FactsResource);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return FactsFile.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "demo facts", Origin);
    }

    /// <summary>The demo logs, each tied to the server named by its folder (demo/logs/&lt;server&gt;/&lt;file&gt;).</summary>
    public static IReadOnlyList<LogFile> Logs() =>
        [.. typeof(DemoHierarchy).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(LogsPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var server = name[LogsPrefix.Length..].Split('/')[0];
                return new LogFile(name, server, () => Open(name));
            })];

    private static Stream Open(string resource) =>
        typeof(DemoHierarchy).Assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException($"Demo resource '{resource}' is missing; this is a bug in RemediationGen.");
}
