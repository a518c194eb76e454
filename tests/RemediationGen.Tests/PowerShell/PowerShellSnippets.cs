using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.PowerShell;

/// <summary>A PowerShell source a test parses, written to <see cref="Name"/> (a relative path, '/' between folders).</summary>
public sealed record PowerShellSnippet(string Name, string Source, bool Utf8Bom = false);

/// <summary>
/// Writes every snippet of <see cref="PowerShellSyntaxTests.Snippets"/> into one folder and parses them all in one
/// check (the first time a test asks), so the files-and-folder walk is exercised as the packaging tests use it. Each
/// test then reads the entry of its own file; <see cref="ReportOf"/> gives a report of just those files.
/// </summary>
public sealed class PowerShellSnippets : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Lazy<PowerShellSyntaxReport> _report;

    public PowerShellSnippets()
    {
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var snippet in PowerShellSyntaxTests.Snippets)
        {
            if (!written.Add(snippet.Name))
            {
                throw new InvalidOperationException($"Two snippets are named '{snippet.Name}'.");
            }

            _folder.WriteFile(snippet.Name, snippet.Source, new System.Text.UTF8Encoding(snippet.Utf8Bom));
        }

        // Files one by one, then the folder of the directory test: the check walks that one itself.
        Arguments = [.. PowerShellSyntaxTests.Snippets.Where(s => !s.Name.StartsWith(PowerShellSyntaxTests.TreeFolder + "/", StringComparison.Ordinal)).Select(s => PathOf(s.Name)), PathOf(PowerShellSyntaxTests.TreeFolder)];
        _report = new(() => PowerShellSyntax.Check(Arguments));
    }

    /// <summary>What the one run was given.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The report of the one run over every snippet.</summary>
    public PowerShellSyntaxReport Report => _report.Value;

    public string PathOf(string name) => _folder.Combine(name.Split('/'));

    /// <summary>The entry of one snippet's file; fails unless the report holds exactly one.</summary>
    public PowerShellFileReport File(PowerShellSnippet snippet)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        return Report.ForFile(PathOf(snippet.Name));
    }

    /// <summary>A report holding only these snippets' entries, in this order.</summary>
    public PowerShellSyntaxReport ReportOf(params PowerShellSnippet[] snippets) => new([.. snippets.Select(File)]);

    public void Dispose() => _folder.Dispose();
}
