using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

public class LogLineParserTests
{
    [Fact]
    public void Read_CmTraceRecord_ReadsAllAttributes()
    {
        // Given one CMTrace record from a real SMSPXE.log
        var log = TestLogs.FromText(
            "SMSPXE.log",
            "<![LOG[Report state message 0x40000950 to MP]LOG]!><time=\"01:38:47.034-120\" date=\"07-16-2016\" component=\"SMS_Distribution_Point_Monitoring\" context=\"\" type=\"1\" thread=\"12172\" file=\"smsdpmon.cpp:889\">\r\n");

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then every field is taken from the record
        var entry = Assert.Single(entries);
        Assert.Empty(problems);
        Assert.Equal(LogFormat.CmTrace, entry.Format);
        Assert.Equal(1, entry.Line);
        Assert.Equal("Report state message 0x40000950 to MP", entry.Message);
        Assert.Equal("SMS_Distribution_Point_Monitoring", entry.Component);
        Assert.Equal(12172, entry.Thread);
        Assert.Equal(LogSeverity.Information, entry.Severity);
        Assert.Equal(new DateTime(2016, 7, 15, 23, 38, 47, 34, DateTimeKind.Utc), entry.Time?.Utc);
    }

    [Fact]
    public void Read_CmTraceAttributesInAnyOrderAndMissing_AreTolerated()
    {
        // Given a record whose attributes are reordered and partly missing
        var log = TestLogs.FromText("x.log", "<![LOG[hello]LOG]!><type=\"3\" component=\"SMSPXE\" date=\"11-20-2024\" time=\"10:00:00.5+360\">\n");

        // When it is read
        var entry = Assert.Single(TestLogs.ReadAll(log).Entries);

        // Then the attributes present are used and the others are null
        Assert.Equal(LogSeverity.Error, entry.Severity);
        Assert.Equal("SMSPXE", entry.Component);
        Assert.Null(entry.Thread);
        Assert.Equal(new DateTime(2024, 11, 20, 10, 0, 0, 500), entry.Time?.Local);
    }

    [Fact]
    public void Read_MultiLineCmTraceRecord_JoinsLinesWithNewlineAndKeepsStartLine()
    {
        // Given a plain line followed by a record spanning three physical lines (CRLF)
        var log = TestLogs.FromText(
            "SMSPXE.log",
            "starting\r\n<![LOG[\r\n Operation: BootReply (2)\r\n BootFile: smsboot\\x64\\pxeboot.com]LOG]!><time=\"03:53:44.895+360\" date=\"11-14-2022\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"4472\" file=\"pxedump.cpp:303\">\r\nafter\r\n");

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then the record is one entry starting at line 2 with \n between its lines, and line numbers go on
        Assert.Empty(problems);
        Assert.Equal(3, entries.Count);
        Assert.Equal(2, entries[1].Line);
        Assert.Equal("\n Operation: BootReply (2)\n BootFile: smsboot\\x64\\pxeboot.com", entries[1].Message);
        Assert.Equal(4472, entries[1].Thread);
        Assert.Equal(5, entries[2].Line);
        Assert.Equal(LogFormat.PlainText, entries[2].Format);
    }

    [Fact]
    public void Read_SiteServerLineWithTildes_TrimsMarkersAndReadsFields()
    {
        // Given a CertMgr.log line with the ~ markers of the KB
        var log = TestLogs.FromText(
            "CertMgr.log",
            "Successfully made a network connection to \\\\dp01.contoso.com\\ADMIN$.~  $$<SMS_CERTIFICATE_MANAGER><07-16-2024 01:38:47.200-120><thread=4788 (0x12B4)>\r\n"
            + "~Found notification file C:\\inboxes\\certmgr.box\\5_dp01.contoso.com.CMN $$<SMS_CERTIFICATE_MANAGER><11-20-2024 10:00:00.000+360><thread=7064>\r\n");

        // When it is read
        var entries = TestLogs.ReadAll(log).Entries;

        // Then messages lose the markers, severity is unknown, the thread is read with or without its hex part
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(LogFormat.SiteServer, e.Format));
        Assert.Equal("Successfully made a network connection to \\\\dp01.contoso.com\\ADMIN$.", entries[0].Message);
        Assert.Equal("SMS_CERTIFICATE_MANAGER", entries[0].Component);
        Assert.Equal(4788, entries[0].Thread);
        Assert.Equal(LogSeverity.Unknown, entries[0].Severity);
        Assert.Equal(new DateTime(2024, 7, 15, 23, 38, 47, 200, DateTimeKind.Utc), entries[0].Time?.Utc);
        Assert.Equal("Found notification file C:\\inboxes\\certmgr.box\\5_dp01.contoso.com.CMN", entries[1].Message);
        Assert.Equal(7064, entries[1].Thread);
    }

    [Fact]
    public void Read_SiteServerMessageContainingMarker_SplitsAtLastMarker()
    {
        // Given a message that itself contains "$$<"
        var log = TestLogs.FromText("x.log", "price $$<5 and more $$<SMS_X><11-20-2024 10:00:00.000+360><thread=1 (0x1)>");

        // When it is read
        var entry = Assert.Single(TestLogs.ReadAll(log).Entries);

        // Then only the last marker starts the layout
        Assert.Equal("price $$<5 and more", entry.Message);
        Assert.Equal("SMS_X", entry.Component);
    }

    [Theory]
    [InlineData("just some text")]
    [InlineData("[66C][Thu 09/04/2014 11:30:28]:CcmInstallPXE")]
    [InlineData("broken $$<SMS_X")]
    [InlineData("")]
    public void Read_UnknownLayout_IsPlainTextWithWholeLine(string line)
    {
        // Given a line in no known layout
        var log = TestLogs.FromText("x.log", line + "\r\nnext");

        // When it is read
        var entry = TestLogs.ReadAll(log).Entries[0];

        // Then the whole line is the message
        Assert.Equal(LogFormat.PlainText, entry.Format);
        Assert.Equal(line, entry.Message);
        Assert.Null(entry.Time);
    }

    [Fact]
    public void Read_TruncatedRecord_KeepsWhatWasReadAndReportsIt()
    {
        // Given a file that ends inside a record
        var log = TestLogs.FromText("demo:/SMSPXE.log", "first\r\n<![LOG[Failed to create certificate store\r\nAn error occurred (Error: 80092002");

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then the partial record is a CmTrace entry without time, and the problem names file and line
        Assert.Equal(2, entries.Count);
        Assert.Equal(LogFormat.CmTrace, entries[1].Format);
        Assert.Null(entries[1].Time);
        Assert.Equal("Failed to create certificate store\nAn error occurred (Error: 80092002", entries[1].Message);
        var problem = Assert.Single(problems);
        Assert.Equal("demo:/SMSPXE.log", problem.File);
        Assert.Equal("record starting at line 2 is not closed", problem.Reason);
    }

    [Fact]
    public void Read_RecordInterruptedByNewRecord_FlushesTheOpenOne()
    {
        // Given a record cut off by the start of the next one
        var log = TestLogs.FromText("x.log", "<![LOG[cut off\r\n<![LOG[whole]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\">\r\n");

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then both records are entries and the cut is reported
        Assert.Equal(["cut off", "whole"], entries.Select(e => e.Message));
        Assert.Equal(2, entries[1].Line);
        Assert.Equal("record starting at line 1 is not closed", Assert.Single(problems).Reason);
    }

    [Fact]
    public void Read_RunawayRecord_IsFlushedAsPlainTextAndReported()
    {
        // Given a record that never closes within the line limit
        var lines = Enumerable.Range(0, LogLineParser.MaxRecordLines + 5).Select(i => "line " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var log = TestLogs.FromText("x.log", "<![LOG[start\n" + string.Join("\n", lines));

        // When it is read
        var (entries, problems) = TestLogs.ReadAll(log);

        // Then the first 1,001 lines become one plain-text entry and the rest are read line by line
        Assert.Equal(LogFormat.PlainText, entries[0].Format);
        Assert.StartsWith("<![LOG[start\nline 0\n", entries[0].Message, StringComparison.Ordinal);
        Assert.Equal(1, entries[0].Line);
        Assert.Equal(1 + 5, entries.Count);
        Assert.Contains("record starting at line 1 is longer than", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }
}
