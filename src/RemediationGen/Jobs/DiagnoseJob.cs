using RemediationGen.Diagnosis;
using RemediationGen.Problems;

namespace RemediationGen.Jobs;

/// <param name="Facts">Optional: ties servers to sites.</param>
/// <param name="Servers">Log path (file or folder) to the server whose logs it holds (<c>--server NAME=PATH</c>); these paths are read too.</param>
internal sealed record DiagnoseJobOptions(FactsSource? Facts, IReadOnlyList<string> LogPaths, IReadOnlyDictionary<string, string>? Servers = null)
{
    /// <summary>The problems whose rules run: every problem of the core unless a test supplies more.</summary>
    public ProblemSet Problems { get; init; } = ProblemSet.Core;
}

/// <param name="FactsWarnings">What the facts source could not use (for example a DP name from the database that is not a host name).</param>
internal sealed record DiagnoseJobResult(DiagnosisResult Diagnosis, IReadOnlyList<string> FactsWarnings);

/// <summary><c>diagnose</c>: findings with evidence from logs, and from facts when given.</summary>
internal static class DiagnoseJob
{
    public static DiagnoseJobResult Run(DiagnoseJobOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default) =>
        Run(options, timeProvider, progress: null, cancellationToken);

    /// <param name="progress">Told how far the scan is while logs are read; null for none.</param>
    public static DiagnoseJobResult Run(DiagnoseJobOptions options, TimeProvider timeProvider, IProgress<ScanProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A missing argument is reported before any database or file is read.
        if (options.LogPaths.Count == 0 && (options.Servers?.Count ?? 0) == 0 && options.Facts is not FactsSource.Demo)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, "diagnose needs --logs PATH (or --demo to read the demo logs).");
        }

        var facts = options.Facts is null ? null : FactsLoader.Load(options.Facts, timeProvider, cancellationToken);

        var diagnosis = LogLoader.Diagnose(options.Problems, options.LogPaths, options.Servers, options.Facts is FactsSource.Demo, facts, progress, cancellationToken);
        return new DiagnoseJobResult(diagnosis, facts?.Warnings ?? []);
    }
}
