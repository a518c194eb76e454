using RemediationGen.Fixes;
using RemediationGen.Jobs;

namespace RemediationGen.Tests.Support;

/// <summary>Generates the demo packages once per test class, exactly as <c>generate --demo</c> does.</summary>
public sealed class DemoPackages : IDisposable
{
    private readonly TempDirectory _output = new();

    public DemoPackages()
    {
        Result = GenerateJob.Run(
            new GenerateJobOptions(new FactsSource.Demo(), [], _output.Path, [], TargetSelection.All, TemplateDirectory: null, Force: false),
            TimeProvider.System);
    }

    public GenerateJobResult Result { get; }

    public string Folder => _output.Path;

    public IReadOnlyList<string> Files(string pattern) =>
        [.. Directory.EnumerateFiles(Folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public void Dispose() => _output.Dispose();
}
