using System.Text;
using RemediationGen.Logs;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Logs;

public sealed class LogFileScannerTests
{
    private static readonly LogSignatures Signatures = LogSignatures.Create(["needle", "PXE::MP_GetList failed"]);

    public static TheoryData<string> FixtureLogs()
    {
        var data = new TheoryData<string>();
        var root = Repository.Fixtures("logs");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureLogs))]
    public void Scan_FixtureLog_EmitsWhatTheFullReaderReadsWithASignature(string relativePath)
    {
        // Given a fixture log and the signatures of every rule
        var path = Repository.Fixtures("logs", relativePath);
        var log = new LogFile(relativePath, null, () => File.OpenRead(path));
        var signatures = TestLogs.CoreSignatures;

        // When it is scanned and read in full
        var scanned = Scan(log, signatures);
        var full = TestLogs.ReadAll(log);

        // Then the scan emits exactly the full reader's entries that hold a signature
        Assert.Equal(full.Entries.Where(signatures.Matches), scanned.Entries);
    }

    [Fact]
    public void Scan_MixedLayoutsAcrossBlocks_KeepsExactLinesAndMultiLineRecords()
    {
        // Given more than two scan blocks of mixed layouts and line breaks, with hits in multi-line CMTrace records
        // (on their first and later lines), site-server lines, plain text and a lone CR line break
        var text = new StringBuilder();
        var i = 0;
        while (text.Length < (LogFileScanner.BlockChars * 2) + 100_000)
        {
            i++;
            text.Append(i % 97 == 0 ? "<![LOG[first line\r\nsecond with needle\nthird]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\" component=\"C\" type=\"3\" thread=\"7\">\r\n"
                : i % 89 == 0 ? "<![LOG[needle on the first line\r\nmore]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\" component=\"C\">\r\n"
                : i % 83 == 0 ? "PXE::MP_GetList failed; 0x80092002  $$<SMSPXE><07-16-2024 00:59:59.998-120><thread=7484 (0x1D3C)>\r"
                : i % 5 == 0 ? "plain text line without layout\n"
                : "<![LOG[ordinary record " + i + "]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\" component=\"C\">\r\n");
        }

        text.Append("<![LOG[cut off with needle\r\nno close");
        var log = TestLogs.FromText("mixed.log", text.ToString());

        // When it is scanned and read in full
        // Then the same records come out at the same lines, the cut-off record is reported once by each, and every
        // line counts (the cut-off record's second line too)
        AssertScanFindsWhatTheReaderFinds(log, moreHitsThan: 1000, linesAfterTheLastEntry: 1);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a\r\nb\nc\rd", 3)]
    [InlineData("\r\r\n\n\r", 4)]
    [InlineData("0123456789abcdef0123456789abcde\r\n0123456789abcdef\r0123456789abcdef\n\n", 4)]
    public void LineBreaks_Count_CountsCrLfLfAndLoneCrOnce(string text, long expected)
    {
        // Given text with every kind of line break, also across vector widths (a CRLF split between two vectors)
        // When its breaks are counted
        // Then each CRLF, LF and lone CR counts once, and a CR at the end counts
        Assert.Equal(expected, LineBreaks.Count(text));
    }

    [Fact]
    public void Scan_EmptySignature_EmitsEveryEntry()
    {
        // Given a signature that matches every record
        var log = TestLogs.FromText("all.log", "a\r\n<![LOG[b\r\nc]LOG]!><time=\"10:00:00.000\" date=\"11-20-2024\">\r\nd");

        // When it is scanned
        var scanned = Scan(log, LogSignatures.Create([string.Empty]));

        // Then every entry comes out, as the full reader reads them
        Assert.Equal(TestLogs.ReadAll(log).Entries, scanned.Entries);
        Assert.Equal(4, scanned.Outcome.LinesRead);
    }

    [Fact]
    public void Scan_EmptyFile_IsReportedAndCountsAsOpened()
    {
        var scanned = Scan(TestLogs.FromBytes("empty.log", []), Signatures);

        Assert.Empty(scanned.Entries);
        Assert.True(scanned.Outcome.Opened);
        Assert.Equal(new LogProblem("empty.log", "is empty"), Assert.Single(scanned.Problems));
    }

    [Fact]
    public void Scan_BinaryJunk_IsReportedOnceAndTheRestIsStillRead()
    {
        // Given binary bytes (with NULs) before a line with a signature
        var junk = Enumerable.Range(0, 5000).Select(b => (byte)(b * 7)).ToArray();
        var log = TestLogs.FromBytes("junk.log", [.. junk, .. "\r\nneedle here\r\n"u8]);

        // When it is scanned
        var scanned = Scan(log, Signatures);

        // Then the binary data is reported once and the signature line is still found
        Assert.Contains(scanned.Problems, p => p.Reason.StartsWith("holds binary data (NUL characters) from line 1", StringComparison.Ordinal));
        Assert.Equal("needle here", Assert.Single(scanned.Entries).Message);
    }

    [Fact]
    public void Scan_TruncatedLastLine_IsReportedAndRead()
    {
        var scanned = Scan(TestLogs.FromText("cut.log", "first\r\nneedle cut mid-li"), Signatures);

        Assert.Equal("needle cut mid-li", Assert.Single(scanned.Entries).Message);
        Assert.Equal(2, scanned.Outcome.LinesRead);
        Assert.StartsWith("last line (2) ends without a line break", Assert.Single(scanned.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_TenMegabyteLine_IsReadInPiecesAndLaterLinesKeepTheirNumbers()
    {
        // Given a 10 MB line between ordinary lines, then a line with a signature
        var text = "one\r\n" + new string('x', 10 * 1024 * 1024) + "\r\ntwo\r\nneedle after\r\n";
        var log = TestLogs.FromText("huge.log", text);

        // When it is scanned
        var scanned = Scan(log, Signatures);

        // Then the scan goes on past it and the hit keeps its line number, as the full reader numbers it
        var hit = Assert.Single(scanned.Entries);
        Assert.Equal("needle after", hit.Message);
        Assert.Equal(4, hit.Line);
        Assert.Equal(4, scanned.Outcome.LinesRead);
    }

    [Fact]
    public void Scan_InvalidUtf8AfterTheSniffedHead_IsReportedAndReadAsReplacementCharacters()
    {
        // Given a UTF-8 log whose first 64 KiB are valid and a later line holds a stray byte
        var head = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("ordinary line\r\n", 5000)));
        var log = TestLogs.FromBytes("bad.log", [.. head, .. "needle "u8, 0xFF, .. " here\r\n"u8]);

        // When it is scanned
        var scanned = Scan(log, Signatures);

        // Then the bad byte is reported with its line and the line is still read
        Assert.Equal("holds bytes that are not valid UTF-8 from line 5001; they were read as U+FFFD", Assert.Single(scanned.Problems).Reason);
        Assert.Equal("needle \uFFFD here", Assert.Single(scanned.Entries).Message);
    }

    [Fact]
    public void Scan_NulInAUtf8LineItSkips_IsReportedWithItsLine()
    {
        // Given a UTF-8 log (read by the scan's own reader) with a NUL in a line far from any signature, after more
        // than one read of clean text (checks skipped), and a hit after it
        var before = string.Concat(Enumerable.Repeat("ordinary line\r\n", 9999));
        Assert.True(before.Length > ScanBlock.FillChars);
        var log = TestLogs.FromText("nul.log", before + "ordinary\0line\r\n" + before + "needle here\r\n");

        // When it is scanned
        var scanned = Scan(log, Signatures);

        // Then the NUL is reported with its line, and the hit is still found
        Assert.Equal("holds binary data (NUL characters) from line 10000; it was read as text", Assert.Single(scanned.Problems).Reason);
        Assert.Equal(20000, Assert.Single(scanned.Entries).Line);
    }

    [Fact]
    public void Scan_UnreadableFile_IsReportedAndNotOpened()
    {
        var log = new LogFile("locked.log", null, () => throw new UnauthorizedAccessException("Access to the path is denied."));

        var scanned = Scan(log, Signatures);

        Assert.False(scanned.Outcome.Opened);
        Assert.Equal(new LogProblem("locked.log", "cannot be opened: Access to the path is denied."), Assert.Single(scanned.Problems));
    }

    [Fact]
    public void Scan_Utf16Log_FindsSignaturesLikeUtf8()
    {
        // Given a UTF-16 LE log with BOM
        var log = TestLogs.FromBytes("wide.log", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("a\r\nNEEDLE in capitals $$<C><11-20-2024 10:00:00.000+360><thread=1 (0x1)>\r\n")]);

        // When it is scanned
        var scanned = Scan(log, Signatures);

        // Then the signature is found ignoring case, at its line, parsed as a site-server line
        var entry = Assert.Single(scanned.Entries);
        Assert.Equal((2L, LogFormat.SiteServer), (entry.Line, entry.Format));
    }

    [Fact]
    public void Scan_LongUtf16Log_FindsWhatTheReaderFinds_AcrossBlockRefills()
    {
        // Given a UTF-16 LE log (read by a StreamReader, its bytes narrowed by the scan) of more than a block's first
        // size, with multi-line records, lone CRs, text outside ASCII and hits throughout
        var text = new StringBuilder();
        for (var i = 1; text.Length < (3 * ScanBlockMemory.InitialChars) + 1000; i++)
        {
            text.Append(i % 97 == 0 ? "<![LOG[first line \u00e9\u010a\r\nsecond with needle\nthird]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\" component=\"C\">\r\n"
                : i % 83 == 0 ? "PXE::MP_GetList failed; 0x80092002  $$<SMSPXE><07-16-2024 00:59:59.998-120><thread=7484 (0x1D3C)>\r"
                : "<![LOG[ordinary record \u4e2d " + i + "]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\" component=\"C\">\r\n");
        }

        var log = TestLogs.FromBytes("wide.log", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text.ToString())]);

        // When it is scanned and read in full
        // Then the same records come out at the same lines, and every line counts
        AssertScanFindsWhatTheReaderFinds(log, moreHitsThan: 100, linesAfterTheLastEntry: 0);
    }

    [Fact]
    public void Scan_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            LogFileScanner.Scan(TestLogs.FromText("x.log", "needle\r\n"), Signatures, _ => { }, _ => { }, cancellation.Token));
    }

    [Fact]
    public void Scan_ARecordLongerThanTheBlockAtFirst_GrowsTheBlock_AndTheNextFileIsReadInIt()
    {
        // Given a multi-line record of more characters than the scan's block holds at first, with the signature on its
        // last line, between records that hold it too; and a second, short file
        const string Attributes = "]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\" component=\"C\">\r\n";
        var text = new StringBuilder("<![LOG[needle before]" + Attributes + "<![LOG[a long record\r\n");
        while (text.Length < ScanBlockMemory.InitialChars + 100_000)
        {
            text.Append(new string('x', 700)).Append("\r\n");
        }

        text.Append("needle on its last line").Append(Attributes).Append("<![LOG[needle after").Append(Attributes);
        var first = TestLogs.FromText("long.log", text.ToString());
        var second = TestLogs.FromText("short.log", "<![LOG[ordinary" + Attributes + "<![LOG[needle" + Attributes);
        var memory = new ScanBlockMemory();

        foreach (var log in new[] { first, second })
        {
            // When each is scanned in the same block memory, as a worker does
            var scanned = Scan(log, Signatures, memory);
            var full = TestLogs.ReadAll(log);

            // Then the scan finds what the full reader finds, at the same lines
            Assert.Equal(full.Entries.Where(Signatures.Matches), scanned.Entries);
            Assert.Equal(full.Problems, scanned.Problems);
        }

        // And the block grew for the long record
        Assert.True(memory.Text.Length > ScanBlockMemory.InitialChars);
        Assert.Equal(memory.Text.Length, memory.Narrow.Length);
    }

    [Fact]
    public void DropBefore_ABlockFullFromItsStart_GrowsIt_AndReadsOnIntoTheLargerArrays()
    {
        // Given a block filled to its first size from a text without line breaks, some of it outside ASCII
        var text = string.Concat(Enumerable.Repeat("x\u00e9yz", ScanBlockMemory.InitialChars));
        var memory = new ScanBlockMemory();
        var block = new ScanBlock(new LogFile("t.log", null, () => Stream.Null), new StringReader(text), memory, _ => { });
        while (block.Filled < ScanBlockMemory.InitialChars)
        {
            block.Fill(linesRead: 0);
        }

        // When the scan asks for room with nothing to drop, and reads again
        var room = block.DropBefore(0);
        block.Fill(linesRead: 0);

        // Then the block has grown, and holds the text read so far with a byte per character
        Assert.True(room);
        Assert.True(block.Filled > ScanBlockMemory.InitialChars);
        Assert.Equal(text[..block.Filled], block.Span(0, block.Filled).ToString());
        Assert.Equal(text[..block.Filled].Select(AsciiNarrowing.Of).ToArray(), block.Narrow(0, block.Filled).ToArray());
    }

    [Fact]
    public void TryGrow_DoublesUpToTheBlockSize_KeepingWhatItIsAskedTo()
    {
        // Given block memory with text and its bytes
        var memory = new ScanBlockMemory();
        "abc".CopyTo(memory.Text);
        memory.Narrow[0] = (byte)'a';

        // When it grows as far as it can
        var sizes = new List<int> { memory.Text.Length };
        while (memory.TryGrow(keep: 3))
        {
            sizes.Add(memory.Text.Length);
        }

        // Then each step doubles it, up to the block size, and the kept text and bytes stay
        Assert.Equal(LogFileScanner.BlockChars, sizes[^1]);
        Assert.All(sizes.Zip(sizes.Skip(1)), pair => Assert.Equal(pair.First * 2, pair.Second));
        Assert.Equal("abc", new string(memory.Text, 0, 3));
        Assert.Equal((byte)'a', memory.Narrow[0]);
        Assert.Equal(memory.Text.Length, memory.Narrow.Length);
    }

    private static void AssertScanFindsWhatTheReaderFinds(LogFile log, int moreHitsThan, long linesAfterTheLastEntry)
    {
        var scanned = Scan(log, Signatures);
        var full = TestLogs.ReadAll(log);
        var expected = full.Entries.Where(Signatures.Matches).ToList();
        Assert.True(expected.Count > moreHitsThan);
        Assert.Equal(expected, scanned.Entries);
        Assert.Equal(full.Problems, scanned.Problems);
        Assert.Equal(full.Entries[^1].Line + linesAfterTheLastEntry, scanned.Outcome.LinesRead);
    }

    private static (List<LogEntry> Entries, List<LogProblem> Problems, LogScanOutcome Outcome) Scan(LogFile log, LogSignatures signatures, ScanBlockMemory? memory = null)
    {
        var entries = new List<LogEntry>();
        var problems = new List<LogProblem>();
        var outcome = memory is null
            ? LogFileScanner.Scan(log, signatures, entries.Add, problems.Add)
            : LogFileScanner.Scan(log, signatures, entries.Add, problems.Add, newestRecordKey: null, memory, CancellationToken.None);
        return (entries, problems, outcome);
    }
}
