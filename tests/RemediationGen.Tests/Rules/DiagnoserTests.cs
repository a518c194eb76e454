using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems;
using RemediationGen.Tests.Logs;

namespace RemediationGen.Tests.Rules;

public class DiagnoserTests
{
    [Fact]
    public void Run_ReadsEachFileOnceAndShowsEveryEntryToEveryRule()
    {
        // Given two recording rules and two logs, one of which cannot be opened
        var opened = 0;
        var good = new LogFile("good.log", null, () =>
        {
            opened++;
            return new MemoryStream("a\r\nb\r\n"u8.ToArray());
        });
        var bad = new LogFile("bad.log", null, () => throw new IOException("access denied"));
        var first = new RecordingRule("A");
        var second = new RecordingRule("B");
        var discoveryProblem = new LogProblem("x", "folder cannot be searched");

        // When diagnosis runs
        var result = new Diagnoser([second, first]).Run([good, bad], new DiagnosisContext(null), [discoveryProblem]);

        // Then the good file is opened once, both rules see both entries, and problems keep discovery's first
        Assert.Equal(1, opened);
        Assert.Equal(["a", "b"], first.Seen);
        Assert.Equal(["a", "b"], second.Seen);
        Assert.Equal(1, result.FilesRead);
        Assert.Equal(2, result.LinesRead);
        Assert.Equal(discoveryProblem, result.Problems[0]);
        Assert.Equal("bad.log", result.Problems[1].File);

        // And findings are sorted by rule id, then site and server with nulls last
        Assert.Equal(
            [("A", "PS1", "a"), ("A", "PS1", null), ("A", null, "a"), ("B", "PS1", "a"), ("B", "PS1", null), ("B", null, "a")],
            result.Findings.Select(f => (f.RuleId, f.SiteCode, f.Server)));

        // And rejected values by rule id, then file and line, in the rule's order where those are the same
        Assert.Equal(
            [("A", "a.log", 3L, "first"), ("A", "a.log", 3L, "second"), ("A", "a.log", 9L, "v"), ("A", "b.log", 2L, "v"),
                ("B", "a.log", 3L, "first"), ("B", "a.log", 3L, "second"), ("B", "a.log", 9L, "v"), ("B", "b.log", 2L, "v")],
            result.Rejected.Select(r => (r.RuleId, r.Evidence.File, r.Evidence.Line, r.Value)));
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        // Given a cancelled token
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        // When diagnosis runs
        // Then it stops with OperationCanceledException
        Assert.Throws<OperationCanceledException>(() =>
            new Diagnoser(ProblemSet.Core.Rules).Run([TestLogs.FromText("x.log", "a")], new DiagnosisContext(null), [], cancellation.Token));
    }

    /// <summary>Records what it sees and returns findings in a scrambled order.</summary>
    private sealed class RecordingRule(string id) : IDiagnosticRule
    {
        // The empty signature matches every record: this rule sees everything, as a test of the engine should.
        public IReadOnlyList<string> Signatures => [string.Empty];

        public List<string> Seen { get; } = [];

        public ProblemDescriptor Problem { get; } = new(id, id, null, Severity.Warning, id, "none (test rule)", 0);

        public IRuleScan BeginScan(DiagnosisContext context) => new Scan(this);

        private sealed class Scan(RecordingRule rule) : IRuleScan
        {
            public void Observe(LogEntry entry) => rule.Seen.Add(entry.Message);

            public RuleScanResult Complete() => new(
                [Make(null, "a"), Make("PS1", null), Make("PS1", "a")],
                [Reject("b.log", 2, "v"), Reject("a.log", 9, "v"), Reject("a.log", 3, "first"), Reject("a.log", 3, "second")]);

            private RejectedEvidence Reject(string file, long line, string value) =>
                new(rule.Problem.Id, null, value, "test", new Evidence(file, line, null, null, "m"));

            private Finding Make(string? site, string? server) =>
                new(rule.Problem.Id, Severity.Warning, site, server, false, "s", [], 1);
        }
    }
}
