using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems;
using RemediationGen.Tests.Rules;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// The engine's thinning of repeated records (<see cref="NewestRecordPerKey"/>, keys from <see cref="NewestRecordKeys"/>):
/// what it passes on, in what order, and that every rule finds the same with the thinned records.
/// </summary>
public sealed class NewestRecordPerKeyTests
{
    private static readonly LogFile File = TestLogs.FromText("SMSPXE.log", string.Empty);

    [Fact]
    public void Accept_RunsOfKeyedRecords_PassOnTheNewestPerKeyInTheOrderOfThoseAndEndAtAnUnkeyedRecord()
    {
        // Given records keyed by their first letter ("-" has no key)
        var thinning = new NewestRecordPerKey((_, message, _) => message.StartsWith('-') ? null : message[..1].ToString());
        var passed = new List<string>();

        // When a run a1 b2 a3 ends at an unkeyed record, then a run a4 b5 b6 ends at the end of the file
        foreach (var message in new[] { "a1", "b2", "a3", "-4", "a4", "b5", "b6" })
        {
            thinning.Accept(Entry(message), entry => passed.Add(entry.Message));
        }

        thinning.Flush(entry => passed.Add(entry.Message));

        // Then each run passes on its newest record per key, oldest first, and the unkeyed record after its run
        Assert.Equal(["b2", "a3", "-4", "a4", "b6"], passed);
    }

    [Fact]
    public void Accept_ManyDistinctKeys_HoldsAtMostMaxKeysRecords()
    {
        // Given a run of distinct keys, more than the bound
        var thinning = new NewestRecordPerKey((_, message, _) => message.ToString());
        var passed = new List<string>();

        // When they arrive
        for (var i = 0; i < NewestRecordPerKey.MaxKeys + 10; i++)
        {
            thinning.Accept(Entry(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), entry => passed.Add(entry.Message));
        }

        // Then the first MaxKeys went on when the next key came, and the rest on flush, all in order
        Assert.Equal(NewestRecordPerKey.MaxKeys, passed.Count);
        thinning.Flush(entry => passed.Add(entry.Message));
        Assert.Equal(Enumerable.Range(0, NewestRecordPerKey.MaxKeys + 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), passed);
    }

    [Fact]
    public void Accept_RunsWithMoreKeysInAllThanTwiceMaxKeys_CutNoRunEarly()
    {
        // Given three runs, each of 3,000 keys of its own twice over, ended by a record without a key: more keys in all
        // than twice the bound on one run, so keys of earlier runs are retired along the way
        var thinning = new NewestRecordPerKey((_, message, _) => message.StartsWith('-') ? null : message[..message.IndexOf('#')].ToString());
        var passed = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            foreach (var copy in new[] { "first", "second" })
            {
                for (var i = 0; i < 3000; i++)
                {
                    thinning.Accept(Entry($"{run}-{i}#{copy}"), entry => passed.Add(entry.Message));
                }
            }

            thinning.Accept(Entry($"-end of run {run}"), entry => passed.Add(entry.Message));
        }

        // Then each run passes on the second of each of its keys, in order, and then its end: no run was cut early
        var expected = Enumerable.Range(0, 3).SelectMany(run =>
            Enumerable.Range(0, 3000).Select(i => $"{run}-{i}#second").Append($"-end of run {run}"));
        Assert.Equal(expected, passed);
    }

    [Fact]
    public void Scan_MessagesWhoseKeysWereRetired_PassOnWhatTheReaderThinnedPassesOn()
    {
        // Given more distinct validations than twice the keys of a run (8,192; long thumbprint texts, so the key cache
        // starts over by characters and still holds the last of them), a record without a key, one more key (the keys
        // out of the run are retired), and then validations seen before: some still in the cache with a retired key,
        // some not
        static string Line(int thumbprint, int second) =>
            $"<![LOG[Begin validation of Certificate [Thumbprint {thumbprint:X40}{new string('x', 150)}] issued to 'dp1.contoso.com']LOG]!><time=\"10:00:{second % 60:D2}.000+000\" date=\"11-26-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"7\" file=\"x\">\r\n";
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 8192; i++)
        {
            text.Append(Line(i, i));
        }

        text.Append("<![LOG[Failed to validate PXEClientKey certificate]LOG]!><time=\"10:00:00.000+000\" date=\"11-26-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"7\" file=\"x\">\r\n");
        text.Append(Line(9000, 1));
        foreach (var again in new[] { 8190, 8000, 7500, 100, 8190, 9000 })
        {
            text.Append(Line(again, again + 7));
        }

        var file = TestLogs.FromText("dp1/SMSPXE.log", text.ToString(), server: "dp1.contoso.com");
        var signatures = TestLogs.CoreSignatures;

        // When it is scanned with the engine's key
        var scanned = new List<LogEntry>();
        LogFileScanner.Scan(file, signatures, scanned.Add, _ => { }, TestLogs.CoreKeyFor(signatures));

        // Then it passes on what the reader's records thinned give
        Assert.Equal(Thin([TestLogs.ReadAll(file).Entries.Where(signatures.Matches)]), scanned);
        Assert.Equal([8196L, 8197L, 8198L, 8199L, 8200L], scanned.TakeLast(5).Select(entry => entry.Line));
    }

    [Fact]
    public void HoldLine_AShortLineAfterALongOne_DoesNotKeepTheLongBuffer()
    {
        // Given a key that held a line of 900,000 characters
        var thinning = new NewestRecordPerKey((_, message, _) => message.ToString(), (line, number) => Entry(line.ToString()));
        var key = thinning.KeyFor("k");
        thinning.HoldLine(key, new string('x', 900_000), 1, 10, _ => { });

        // When it holds a line of 100 characters
        thinning.HoldLine(key, new string('y', 100), 2, 10, _ => { });

        // Then its buffer is about that line's length, not the long one's (memory the run's bound does not count)
        Assert.InRange(key.Line!.Length, 100, 256);

        // And a parsed record held under it keeps no buffer at all
        thinning.Accept(Entry("k"), key, _ => { });
        Assert.Null(key.Line);
    }

    [Fact]
    public void Accept_LargeRecords_HoldsAtMostMaxHeldChars()
    {
        // Given keyed records of 60% of the bound each, two of them with one key
        var thinning = new NewestRecordPerKey((_, message, _) => message[..1].ToString());
        var passed = new List<string>();
        var large = new string('x', NewestRecordPerKey.MaxHeldChars * 6 / 10);

        // When they arrive
        foreach (var key in new[] { "a", "a", "b", "c" })
        {
            thinning.Accept(Entry(key + large), entry => passed.Add(entry.Message[..1]));
        }

        // Then a record that replaces one of its key fits, and each other one first passes on what is held
        Assert.Equal(["a", "b"], passed);
        thinning.Flush(entry => passed.Add(entry.Message[..1]));
        Assert.Equal(["a", "b", "c"], passed);
    }

    [Fact]
    public void Accept_OneKeyRepeated_KeepsTheNewestOnly()
    {
        // Given one key repeated far more often than the held list's compaction threshold
        var thinning = new NewestRecordPerKey((_, message, _) => message[..1].ToString());
        var passed = new List<string>();

        // When the records arrive and the file ends
        for (var i = 0; i < 10_000; i++)
        {
            thinning.Accept(Entry("k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), entry => passed.Add(entry.Message));
        }

        thinning.Flush(entry => passed.Add(entry.Message));

        // Then only the newest goes on
        Assert.Equal(["k9999"], passed);
    }

    [Fact]
    public void Keys_OfTheCatalog_AreGivenOnlyToValidationsThatNoOtherRecordOrRuleReads()
    {
        // Given the catalog's key
        var keyOf = TestLogs.CoreKey;
        var noFolder = TestLogs.FromText("SMSPXE.log", string.Empty);
        var inFolder = TestLogs.FromText("dp1/SMSPXE.log", string.Empty, server: "dp1.contoso.com");
        const string Validation = "Begin validation of Certificate [Thumbprint 0123456789ABCDEF0123456789ABCDEF01234567] issued to 'dp1.contoso.com'";

        // Then a validation is keyed by DP and thumbprint, or by thumbprint when its folder names the DP
        Assert.Equal("dp1.contoso.com|0123456789ABCDEF0123456789ABCDEF01234567", KeyOf(keyOf, Entry(Validation, noFolder)));
        Assert.Equal("0123456789ABCDEF0123456789ABCDEF01234567", KeyOf(keyOf, Entry(Validation, inFolder)));

        // And a thumbprint is keyed as written (the rule ignores a bad one, so only the newest of it matters too)
        Assert.Equal("XYZ", KeyOf(keyOf, Entry(Validation.Replace("0123456789ABCDEF0123456789ABCDEF01234567", "XYZ", StringComparison.Ordinal), inFolder)));

        // And one with a DP name the rule rejects, another of this rule's records or another rule's signature, is not keyed
        Assert.Null(KeyOf(keyOf, Entry(Validation.Replace("dp1.contoso.com", "dp1 <script>", StringComparison.Ordinal), noFolder)));
        Assert.Null(KeyOf(keyOf, Entry(Validation + " ServerName = dp2, NAL Path", inFolder)));
        Assert.Null(KeyOf(keyOf, Entry(Validation + " has expired", inFolder)));
        Assert.Null(KeyOf(keyOf, Entry(Validation + " 80092002", inFolder)));
        Assert.Null(KeyOf(keyOf, Entry("Failed to get the encrypted PXE password", inFolder)));
    }

    [Fact]
    public void Scan_KeyedLinesHeldUnparsed_PassOnWhatTheReaderThinnedPassesOnWithTheSameProblems()
    {
        // Given repeated validations, one with a time outside the calendar (reported once, at its line), one whose
        // component holds another rule's signature, and other records between them
        static string Line(string message, string date = "11-26-2026", string time = "10:00:00.000+000", string component = "SMSPXE") =>
            $"<![LOG[{message}]LOG]!><time=\"{time}\" date=\"{date}\" component=\"{component}\" context=\"\" type=\"1\" thread=\"7\" file=\"x\">\r\n";
        const string Validation = "Begin validation of Certificate [Thumbprint 0123456789ABCDEF0123456789ABCDEF01234567] issued to 'dp1.contoso.com'";
        var text = Line(Validation) + Line(Validation, time: "10:00:01.000+000") + Line(Validation, "12-31-9999", "23:59:59.999+1440")
            + Line(Validation, time: "10:00:02.000+000") + Line(Validation.Replace("dp1", "dp2", StringComparison.Ordinal))
            + Line(Validation, component: "SMSPXE 80092002") + Line(Validation, "1-1-26") + Line(Validation, "12-31-99999")
            + Line("Failed to validate PXEClientKey certificate") + Line(Validation, time: "10:00:03.000+000");
        var file = TestLogs.FromText("SMSPXE.log", text);
        var signatures = TestLogs.CoreSignatures;
        var keyOf = TestLogs.CoreKeyFor(signatures);

        // When it is scanned with the engine's key
        var scanned = new List<LogEntry>();
        var problems = new List<LogProblem>();
        LogFileScanner.Scan(file, signatures, scanned.Add, problems.Add, keyOf);

        // Then it passes on exactly what the reader's records thinned give, parsed alike, with the reader's problems
        var full = TestLogs.ReadAll(file);
        Assert.Equal(Thin([full.Entries.Where(signatures.Matches)]), scanned);
        Assert.Equal(full.Problems, problems);
        Assert.Equal(
            [4L, 5L, 6L, 8L, 9L, 10L],
            scanned.Select(entry => entry.Line));
        Assert.Contains(problems, problem => problem.Reason.Contains("outside the calendar at line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_HeldLinesOfEveryLength_PassOnTheNewestLineWhole()
    {
        // Given two validations repeated in turns, each time with a longer or shorter line (the file attribute), so a
        // line held in the buffer another line of its key left behind is shorter or longer than that one, with a
        // record of no key and another component ending a run, and last a line that is the start of the one before
        // it, its attributes cut short (what that one left in the buffer must not complete it)
        static string Line(string message, int fileLength, string component = "SMSPXE") =>
            $"<![LOG[{message}]LOG]!><time=\"10:00:00.000+000\" date=\"11-26-2026\" component=\"{component}\" context=\"\" type=\"1\" thread=\"7\" file=\"{new string('f', fileLength)}\">\r\n";
        const string First = "Begin validation of Certificate [Thumbprint 0123456789ABCDEF0123456789ABCDEF01234567] issued to 'dp1.contoso.com'";
        const string Second = "Begin validation of Certificate [Thumbprint 89ABCDEF0123456789ABCDEF0123456701234567] issued to 'dp2.contoso.com'";
        var lengths = new[] { 3, 400, 1, 90, 260, 2, 300, 5 };
        var text = string.Concat(lengths.Select((length, i) => Line(i % 2 == 0 ? First : Second, length)))
            + Line("Failed to validate PXEClientKey certificate", 1)
            + string.Concat(lengths.Reverse().Select((length, i) => Line(i % 3 == 0 ? First : Second, length, i % 4 == 0 ? "SMSPXE" : "PXE")))
            + Line(First, 40) + Line(First, 40)[..^("thread=\"7\" file=\"\">\r\n".Length + 40)] + "\r\n";
        var file = TestLogs.FromText("SMSPXE.log", text);
        var signatures = TestLogs.CoreSignatures;
        var keyOf = TestLogs.CoreKeyFor(signatures);

        // When it is scanned with the engine's key
        var scanned = new List<LogEntry>();
        LogFileScanner.Scan(file, signatures, scanned.Add, _ => { }, keyOf);

        // Then what goes on is what the reader's records thinned give, each line whole
        Assert.Equal(Thin([TestLogs.ReadAll(file).Entries.Where(signatures.Matches)]), scanned);
        Assert.Equal([7L, 8L, 9L, 17L, 19L], scanned.Select(entry => entry.Line));
        Assert.Null(scanned[^1].Thread);
    }

    [Fact]
    public void Scan_ManyHeldLinesCompacted_PassOnTheNewestLinesWhole()
    {
        // Given a long run (past compaction, which comes at 4 records per key and 64) of three validations in turns,
        // each line of another length, so buffers are spared, taken and compacted away many times
        static string Line(int dp, int length) =>
            $"<![LOG[Begin validation of Certificate [Thumbprint 0123456789ABCDEF0123456789ABCDEF0123456{dp}] issued to 'dp{dp}.contoso.com']LOG]!><time=\"10:00:00.000+000\" date=\"11-26-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"{length}\" file=\"{new string('f', length)}\">\r\n";
        var random = new Random(72);
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => Line(i % 3, random.Next(1, 400))));
        var file = TestLogs.FromText("SMSPXE.log", text);
        var signatures = TestLogs.CoreSignatures;

        // When it is scanned with the engine's key
        var scanned = new List<LogEntry>();
        LogFileScanner.Scan(file, signatures, scanned.Add, _ => { }, TestLogs.CoreKeyFor(signatures));

        // Then the three newest go on, each line whole, as the reader's records thinned
        Assert.Equal(Thin([TestLogs.ReadAll(file).Entries.Where(signatures.Matches)]), scanned);
        Assert.Equal([298L, 299L, 300L], scanned.Select(entry => entry.Line));
    }

    [Theory]
    [MemberData(nameof(RuleSignatureContractTests.FixtureFolders), MemberType = typeof(RuleSignatureContractTests))]
    public void Rules_ShownThinnedSignatureRecords_FindTheSame(string folder)
    {
        // Given every fixture record
        var discovery = LogDiscovery.Discover([Path.Combine(Repository.Root, folder)], TestFacts.TwoSites);
        var perFile = discovery.Files.Select(file => TestLogs.ReadAll(file).Entries).ToList();

        // Then every rule finds the same with the records the engine passes on
        AssertSameFindings(perFile);
    }

    /// <summary>Each rule's findings over all records equal those over the signature records thinned per file as the engine does.</summary>
    internal static void AssertSameFindings(IReadOnlyList<List<LogEntry>> recordsPerFile)
    {
        var signatures = TestLogs.CoreSignatures;
        var thinned = Thin(recordsPerFile.Select(records => records.Where(signatures.Matches)));
        var all = recordsPerFile.SelectMany(records => records).ToList();
        var context = new DiagnosisContext(TestFacts.TwoSites);
        foreach (var rule in ProblemSet.Core.Rules)
        {
            Assert.Equal(
                RuleScans.Describe(RuleScans.Scan(rule, context, all)),
                RuleScans.Describe(RuleScans.Scan(rule, context, thinned)));
        }
    }

    /// <summary>What the engine passes on of each file's records, file after file.</summary>
    internal static List<LogEntry> Thin(IEnumerable<IEnumerable<LogEntry>> recordsPerFile)
    {
        var keyOf = TestLogs.CoreKey;
        var passed = new List<LogEntry>();
        foreach (var records in recordsPerFile)
        {
            var thinning = new NewestRecordPerKey(keyOf);
            foreach (var record in records)
            {
                thinning.Accept(record, passed.Add);
            }

            thinning.Flush(passed.Add);
        }

        return passed;
    }

    private static string? KeyOf(RecordKey keyOf, LogEntry entry) => keyOf(entry.File, entry.Message, entry.Component);

    private static LogEntry Entry(string message, LogFile? file = null) =>
        new(file ?? File, 1, null, null, null, LogSeverity.Unknown, LogFormat.CmTrace, message);
}
