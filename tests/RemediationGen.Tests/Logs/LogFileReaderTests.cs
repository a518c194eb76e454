using System.Text;
using RemediationGen.Logs;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Logs;

public sealed class LogFileReaderTests : IDisposable
{
    private const string Line = "Café $$<SMS_CERTIFICATE_MANAGER><11-20-2024 10:00:00.000+360><thread=1 (0x1)>\r\nsecond\r\n";

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, byte[]> EncodedLogs()
    {
        var utf8 = Encoding.UTF8.GetBytes(Line);
        return new TheoryData<string, byte[]>
        {
            { "UTF-8 without BOM", utf8 },
            { "UTF-8 with BOM", [0xEF, 0xBB, 0xBF, .. utf8] },
            { "UTF-16 LE with BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Line)] },
            { "UTF-16 BE with BOM", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Line)] },
        };
    }

    [Theory]
    [MemberData(nameof(EncodedLogs))]
    public void Read_WithEachEncoding_DecodesTheSameText(string encodingName, byte[] bytes)
    {
        // Given the same log in one of the encodings a server may write
        var log = TestLogs.FromBytes(encodingName, bytes);

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then the BOM is gone and the text is decoded
        Assert.Empty(problems);
        Assert.Equal(["Café", "second"], entries.Select(e => e.Message));
        Assert.Equal(LogFormat.SiteServer, entries[0].Format);
    }

    [Fact]
    public void Read_Windows1252Byte_DecodesAsEAcute()
    {
        // Given "Caf\xE9" (not valid UTF-8) as the ANSI code page writes it
        var log = TestLogs.FromBytes("ansi.log", [.. "Caf"u8, 0xE9, .. "\r\nnext"u8]);

        // When it is read
        var entries = TestLogs.ReadAll(log).Entries;

        // Then the byte is read as Windows-1252 'é'
        Assert.Equal("Café", entries[0].Message);
    }

    [Fact]
    public void Read_InvalidUtf8_FallsBackToWindows1252WithoutError()
    {
        // Given bytes that are not UTF-8 (a stray continuation byte and the 1252 euro sign)
        var log = TestLogs.FromBytes("bad.log", [.. "a"u8, 0x80, .. "b"u8, 0xC3, 0x28]);

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then each byte is a Windows-1252 character and nothing is reported
        Assert.Empty(problems);
        Assert.Equal("a€bÃ(", Assert.Single(entries).Message);
    }

    [Fact]
    public void Read_Utf8SequenceCutAtSniffEnd_IsStillUtf8()
    {
        // Given a UTF-8 file whose 2-byte 'é' straddles the 64 KiB sniffing window
        var filler = new string('a', LogEncodingDetector.SniffLength - 1);
        var bytes = Encoding.UTF8.GetBytes(filler + "é");

        // When it is read
        var entry = Assert.Single(TestLogs.ReadAll(TestLogs.FromBytes("big.log", bytes)).Entries);

        // Then the file was taken as UTF-8
        Assert.EndsWith("aé", entry.Message, StringComparison.Ordinal);
        Assert.Equal(filler.Length + 1, entry.Message.Length);
    }

    [Fact]
    public void Read_FileHeldOpenForWriting_IsStillRead()
    {
        // Given a log that another process keeps open for writing, as ConfigMgr does
        var path = _folder.Combine("CertMgr.log");
        using var writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete);
        writer.Write(Encoding.UTF8.GetBytes("still being written\r\n"));
        writer.Flush();
        var log = new LogFile("CertMgr.log", null, () => LogFileReader.OpenShared(path));

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then its content is there
        Assert.Empty(problems);
        Assert.Equal("still being written", Assert.Single(entries).Message);
    }

    [Fact]
    public void Read_FileThatCannotBeOpened_ReportsProblemInsteadOfThrowing()
    {
        // Given a log whose file has gone
        var log = new LogFile("gone/CertMgr.log", null, () => LogFileReader.OpenShared(_folder.Combine("missing.log")));

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then there are no entries and the problem names the file
        Assert.Empty(entries);
        var problem = Assert.Single(problems);
        Assert.Equal("gone/CertMgr.log", problem.File);
        Assert.StartsWith("cannot be opened: ", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamFailingMidway_KeepsLinesReadAndReportsProblem()
    {
        // Given a stream that fails past the encoding sniff window, in the middle of its third line
        var bytes = Encoding.UTF8.GetBytes("one\r\ntwo\r\n" + new string('x', 80_000) + "\r\nthree\r\n");
        var log = new LogFile("flaky.log", null, () => new FailingStream(bytes, failAt: 70_000));

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then the lines before the failure are kept and the failure is a problem
        Assert.Equal(["one", "two"], entries.Select(e => e.Message));
        Assert.Contains("could not be read after line 2", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineLongerThanLimit_ComesBackInPiecesWithSameLineNumber()
    {
        // Given a "line" of more than 1 MiB characters without a break
        var text = new string('x', BoundedLineReader.MaxLineChars + 10) + "\nnext";

        // When it is read
        var entries = TestLogs.ReadAll(TestLogs.FromText("huge.log", text)).Entries;

        // Then memory is bounded: the line is cut into pieces that keep line 1, and the next line is line 2
        Assert.Equal([1L, 1L, 2L], entries.Select(e => e.Line));
        Assert.Equal(BoundedLineReader.MaxLineChars, entries[0].Message.Length);
        Assert.Equal(10, entries[1].Message.Length);
    }

    /// <summary>Returns its bytes up to <c>failAt</c>, then fails like a network share that went away.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        // Only the array overload: MemoryStream's span overload calls it for derived types.
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAt)
            {
                throw new IOException("The network name is no longer available.");
            }

            return base.Read(buffer, offset, Math.Min(count, failAt - (int)Position));
        }
    }
}
