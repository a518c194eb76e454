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
    IReadOnlyDictionary<string, string>? Servers = null);

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
        // Templates first: a bad override is reported before any database or log is read.
        var renderer = new TemplateRenderer(TemplateCatalog.Create(options.TemplateDirectory));
        var facts = FactsLoader.Load(options.Facts, timeProvider, cancellationToken);
        var diagnosis = LogLoader.Diagnose(options.LogPaths, options.Servers, options.Facts is FactsSource.Demo, facts, cancellationToken);
        var generator = new PackageGenerator(FixCatalog.All, renderer, ToolVersion.Current);
        var logsRead = diagnosis.FilesRead > 0;
        var result = generator.Generate(facts, diagnosis, logsRead, new GenerateOptions(options.Targets, options.Sites));
        cancellationToken.ThrowIfCancellationRequested();
        var written = PackageWriter.Write(options.OutputDirectory, result.Packages, options.Force);
        return new GenerateJobResult(facts.Origin, facts.Sites.Count, diagnosis, result.Packages, written, result.Notes);
    }
}
