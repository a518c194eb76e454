using RemediationGen.Diagnosis;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems;
using RemediationGen.Templates;

namespace RemediationGen.Jobs;

internal sealed record GenerateJobOptions(
    FactsSource Facts,
    IReadOnlyList<string> LogPaths,
    string OutputDirectory,
    IReadOnlyList<string> Sites,
    TargetSelection Targets,
    string? TemplateDirectory,
    bool Force,
    IReadOnlyDictionary<string, string>? Servers = null)
{
    /// <summary>The fix options as given (by option name): each fix checks and reads its own.</summary>
    public FixOptionValues FixOptions { get; init; } = FixOptionValues.None;

    /// <summary>The problems diagnosed and fixed: every problem of the core unless a test supplies more.</summary>
    public ProblemSet Problems { get; init; } = ProblemSet.Core;

    /// <summary>When set, every script is Authenticode-signed and the Graph bodies and manifest follow the signed bytes.</summary>
    public Signing.SigningSource? Signing { get; init; }
}

/// <param name="Written">Site folders written, in order.</param>
internal sealed record GenerateJobResult(
    string FactsOrigin,
    int SiteCount,
    DiagnosisResult Diagnosis,
    IReadOnlyList<RenderedPackage> Packages,
    IReadOnlyList<string> Written,
    IReadOnlyList<string> Notes);

/// <summary><c>generate</c>: facts and logs in, one package per site out, written atomically.</summary>
internal static class GenerateJob
{
    public static GenerateJobResult Run(GenerateJobOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, "The output folder (--out) is empty; name a folder for the packages.");
        }

        // The fix options are checked before anything is read: a bad value costs nothing.
        var fixOptions = FixOptionSet.Bind(options.Problems.Fixes, options.FixOptions);
        var renderer = new TemplateRenderer(TemplateCatalog.Create(options.TemplateDirectory, options.Problems.TemplateAssemblies));
        var generator = new PackageGenerator(options.Problems.Fixes, renderer, ToolVersion.Current);

        // Every template (built-in or the user's override, used by this run or not) is loaded and checked before any
        // database or log is read, so a bad override is reported first. Scriban parses at load: nothing is left to compile later.
        renderer.LoadAll();

        // The certificate is checked before any database or log is read too: a bad one costs nothing.
        using var signing = options.Signing?.Open(timeProvider);
        var facts = FactsLoader.Load(options.Facts, timeProvider, cancellationToken);
        var diagnosis = LogLoader.Diagnose(options.Problems, options.LogPaths, options.Servers, options.Facts is FactsSource.Demo, facts, progress: null, cancellationToken);

        var logsRead = diagnosis.FilesRead > 0;
        var result = generator.Generate(facts, diagnosis, logsRead, new GenerateOptions(options.Targets, options.Sites), fixOptions);

        cancellationToken.ThrowIfCancellationRequested();
        var packages = signing is null ? result.Packages : [.. result.Packages.Select(signing.Sign)];
        var written = PackageWriter.Write(options.OutputDirectory, packages, options.Force, timeProvider);
        return new GenerateJobResult(facts.Origin, facts.Sites.Count, diagnosis, packages, written, result.Notes);
    }
}
