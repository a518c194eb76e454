using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems;

namespace RemediationGen.Tests.Logs;

/// <summary>Builds in-memory logs for tests.</summary>
internal static class TestLogs
{
    public static LogFile FromBytes(string displayPath, byte[] bytes, string? server = null) =>
        new(displayPath, server, () => new MemoryStream(bytes, writable: false));

    public static LogFile FromText(string displayPath, string text, string? server = null) =>
        FromBytes(displayPath, Encoding.UTF8.GetBytes(text), server);

    /// <summary>The signatures of every core rule, as the diagnoser searches for them.</summary>
    public static LogSignatures CoreSignatures => LogSignatures.Create(ProblemSet.Core.Rules.SelectMany(rule => rule.Signatures));

    /// <summary>The core rules' thinning key, as the diagnoser uses it beside <paramref name="scanSignatures"/>, the scan's.</summary>
    public static RecordKey CoreKeyFor(LogSignatures scanSignatures) => NewestRecordKeys.Of(ProblemSet.Core.Rules, scanSignatures)!;

    /// <summary>The core rules' thinning key beside signatures of its own (where no scan searches).</summary>
    public static RecordKey CoreKey => CoreKeyFor(CoreSignatures);

    /// <summary>Reads every entry and problem of <paramref name="file"/>.</summary>
    public static (List<LogEntry> Entries, List<LogProblem> Problems) ReadAll(LogFile file)
    {
        var problems = new List<LogProblem>();
        var entries = LogFileReader.Read(file, problems.Add).ToList();
        return (entries, problems);
    }
}
