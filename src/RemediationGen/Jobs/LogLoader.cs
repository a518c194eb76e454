using RemediationGen.Demo;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Logs;
using RemediationGen.Problems;

namespace RemediationGen.Jobs;

internal static class LogLoader
{
    /// <summary>
    /// Reads the given log paths and the paths of <paramref name="explicitServers"/> (path to server), or the demo
    /// logs when the demo is the source and no path was given, and diagnoses them with the rules of <paramref name="problemSet"/>.
    /// </summary>
    public static DiagnosisResult Diagnose(
        ProblemSet problemSet,
        IReadOnlyList<string> logPaths,
        IReadOnlyDictionary<string, string>? explicitServers,
        bool demo,
        HierarchyFacts? facts,
        IProgress<ScanProgress>? progress,
        CancellationToken cancellationToken)
    {
        logPaths = [.. logPaths, .. (explicitServers?.Keys ?? []).Where(path => !logPaths.Contains(path, StringComparer.Ordinal))];
        IReadOnlyList<LogFile> files;
        IReadOnlyList<LogProblem> problems;
        if (logPaths.Count == 0 && demo)
        {
            files = DemoHierarchy.Logs();
            problems = [];
        }
        else if (logPaths.Count == 0)
        {
            return DiagnosisResult.Empty;
        }
        else
        {
            var discovered = LogDiscovery.Discover(logPaths, facts, explicitServers);
            files = discovered.Files;
            problems = discovered.Problems;
        }

        var tracker = progress is null ? null : new ScanProgressTracker(progress, files.Count);
        if (tracker is not null)
        {
            files = WithProgress(files, tracker);
        }

        var result = new Diagnoser(problemSet.Rules).Run(files, new DiagnosisContext(facts), problems, cancellationToken);
        tracker?.Finished();
        return result;
    }

    /// <summary>Progress is measured at the streams, so whatever reads the logs (and in whatever order) is counted.</summary>
    private static LogFile[] WithProgress(IReadOnlyList<LogFile> files, ScanProgressTracker tracker) =>
        [.. files.Select(file => file with
        {
            Open = () =>
            {
                var stream = file.Open();
                tracker.FileStarted();
                return new ProgressReportingStream(stream, tracker);
            },
        })];
}
