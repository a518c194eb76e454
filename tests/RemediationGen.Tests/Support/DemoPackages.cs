using RemediationGen.Fixes;
using RemediationGen.Jobs;
using RemediationGen.Tests.PowerShell;

namespace RemediationGen.Tests.Support;

/// <summary>The demo packages generated into a temporary folder, exactly as <c>generate --demo</c> does.</summary>
internal sealed class DemoPackages : IDisposable
{
    private static readonly Lazy<DemoPackages> LazyShared = new(CreateShared);

    private readonly TempDirectory _output = new();
    private readonly Lazy<PowerShellSyntaxReport> _scripts;

    /// <summary>Generates the demo now, into a folder of its own (a test that needs a second, independent run).</summary>
    public DemoPackages()
    {
        Result = GenerateJob.Run(
            new GenerateJobOptions(new FactsSource.Demo(), [], _output.Path, [], TargetSelection.All, TemplateDirectory: null, Force: false),
            TimeProvider.System);
        _scripts = new(() => PowerShellSyntax.Check(Files("*.ps1")));
    }

    /// <summary>
    /// One generation for every test class that only reads the demo, made the first time a class asks. Not a class
    /// or collection fixture: those would generate once per class or run the classes one after the other. The folder
    /// is deleted when the test process exits.
    /// </summary>
    public static DemoPackages Shared => LazyShared.Value;

    public GenerateJobResult Result { get; }

    public string Folder => _output.Path;

    /// <summary>Every .ps1 file of the demo, parsed by the PowerShell parser the first time a test asks.</summary>
    public PowerShellSyntaxReport Scripts => _scripts.Value;

    public IReadOnlyList<string> Files(string pattern) =>
        [.. Directory.EnumerateFiles(Folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The entries of <see cref="Scripts"/> for the .ps1 files matching <paramref name="pattern"/>, in <see cref="Files"/> order.</summary>
    public PowerShellSyntaxReport ScriptsMatching(string pattern) => new([.. Files(pattern).Select(Scripts.ForFile)]);

    public void Dispose() => _output.Dispose();

    private static DemoPackages CreateShared()
    {
        var demo = new DemoPackages();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => demo.Dispose();
        return demo;
    }
}
