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
        renderer.LoadAll();

        // Compiling the templates is the slowest part of a small run: do it on another core while facts and logs are read.
        var compiling = Task.Run(renderer.CompileAll, cancellationToken);
        Facts.HierarchyFacts facts;
        DiagnosisResult diagnosis;
        try
        {
            facts = FactsLoader.Load(options.Facts, timeProvider, cancellationToken);
            diagnosis = LogLoader.Diagnose(options.LogPaths, options.Servers, options.Facts is FactsSource.Demo, facts, progress: null, cancellationToken);
        }
        catch
        {
            // The facts or the logs failed: that is the error to report. Let the compile end first, whatever it says.
            try
            {
                compiling.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }

            throw;
        }

        // A broken template surfaces here, with its own message (GetResult does not wrap it).
        compiling.GetAwaiter().GetResult();

        var generator = new PackageGenerator(FixCatalog.All, renderer, ToolVersion.Current);
        var logsRead = diagnosis.FilesRead > 0;
        var result = generator.Generate(facts, diagnosis, logsRead, new GenerateOptions(options.Targets, options.Sites) { Amt = amt });
        cancellationToken.ThrowIfCancellationRequested();
        var written = PackageWriter.Write(options.OutputDirectory, result.Packages, options.Force);
        return new GenerateJobResult(facts.Origin, facts.Sites.Count, diagnosis, result.Packages, written, result.Notes);
    }
}
