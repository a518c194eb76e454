using RemediationGen.Diagnosis;
using RemediationGen.Fixes;
using RemediationGen.Generation;
using RemediationGen.Packaging;
using RemediationGen.Templates;

namespace RemediationGen.Jobs;

public sealed record GenerateJobOptions(
    FactsSource Facts,
    IReadOnlyList<string> LogPaths,
    string OutputDirectory,
    IReadOnlyList<string> Sites,
    TargetSelection Targets,
    string? TemplateDirectory,
    bool Force,
    IReadOnlyDictionary<string, string>? Servers = null)
{
    public AmtOptions Amt { get; init; } = AmtOptions.Default;
}

/// <param name="Written">Site folders written, in order.</param>
public sealed record GenerateJobResult(
    string FactsOrigin,
    int SiteCount,
    DiagnosisResult Diagnosis,
    IReadOnlyList<RenderedPackage> Packages,
    IReadOnlyList<string> Written,
    IReadOnlyList<string> Notes);

/// <summary><c>generate</c>: facts and logs in, one package per site out, written atomically.</summary>
public static class GenerateJob
{
    public static GenerateJobResult Run(GenerateJobOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        // Options and templates first: a bad value or override is reported before any database or log is read.
        var amt = options.Amt.Validated();
        var renderer = new TemplateRenderer(TemplateCatalog.Create(options.TemplateDirectory));
        var facts = FactsLoader.Load(options.Facts, timeProvider, cancellationToken);
        var diagnosis = LogLoader.Diagnose(options.LogPaths, options.Servers, options.Facts is FactsSource.Demo, facts, progress: null, cancellationToken);
        var generator = new PackageGenerator(FixCatalog.All, renderer, ToolVersion.Current);
        var logsRead = diagnosis.FilesRead > 0;
        var result = generator.Generate(facts, diagnosis, logsRead, new GenerateOptions(options.Targets, options.Sites) { Amt = amt });
        cancellationToken.ThrowIfCancellationRequested();
        var written = PackageWriter.Write(options.OutputDirectory, result.Packages, options.Force);
        return new GenerateJobResult(facts.Origin, facts.Sites.Count, diagnosis, result.Packages, written, result.Notes);
    }
}
