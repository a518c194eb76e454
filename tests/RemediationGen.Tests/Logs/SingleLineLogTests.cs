using System.Text;
using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>Issue 10 item 4: a log written as one long line is read record by record, not piece by piece.</summary>
public class SingleLineLogTests
{
    private const string CmTraceRecord = "<![LOG[PXE::MP_GetList failed; 0x80092002]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2026\" component=\"SMSPXE\" context=\"\" type=\"3\" thread=\"7\">";
    private const string OtherCmTraceRecord = "<![LOG[PXE Provider loaded.]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2026\" component=\"SMSPXE\" type=\"1\" thread=\"7\">";
    private const string SiteServerRecord = "Failed to get the copy of Security registry key on server dp02.contoso.com (0x80070005)  $$<SMS_CERTIFICATE_MANAGER><11-20-2026 10:00:00.000+360><thread=1 (0x1)>";
    private const string OtherSiteServerRecord = "Waiting for changes for 60 minutes  $$<SMS_CERTIFICATE_MANAGER><11-20-2026 10:00:00.000+360><thread=1 (0x1)>";

    private static readonly LogSignatures Signatures = TestLogs.CoreSignatures;

    [Theory]
    [InlineData(CmTraceRecord, OtherCmTraceRecord, nameof(LogFormat.CmTrace))]
    [InlineData(SiteServerRecord, OtherSiteServerRecord, nameof(LogFormat.SiteServer))]
    public void ReadAndScan_OneLineOfManyRecords_CountEveryRecord(string hit, string other, string formatName)
    {
        var format = Enum.Parse<LogFormat>(formatName);
        // Given 3 MiB of records in one line (pieces of 1 MiB cut records anywhere), every third one with a signature
        var text = new StringBuilder();
        var hits = 0;
        for (var i = 0; text.Length < (3 * BoundedLineReader.MaxLineChars) + 1000; i++)
        {
            var isHit = i % 3 == 0;
            hits += isHit ? 1 : 0;
            text.Append(isHit ? hit : other);
        }

        var log = TestLogs.FromText("one-line.log", text.Append("\r\n").ToString());

        // When it is read in full and scanned
        var full = TestLogs.ReadAll(log);
        var scanned = new List<LogEntry>();
        var problems = new List<LogProblem>();
        LogFileScanner.Scan(log, Signatures, scanned.Add, problems.Add);

        // Then every record is an entry of line 1 in its layout, and the scan finds every hit
        Assert.Equal(hits, full.Entries.Count(Signatures.Matches));
        Assert.All(full.Entries, e => Assert.Equal((1L, format), (e.Line, e.Format)));
        Assert.Equal(full.Entries.Where(Signatures.Matches), scanned);
        Assert.Empty(full.Problems);
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_RecordsOnOneShortLine_AreSeveralEntriesAndTrailingTextIsIgnored()
    {
        // Given two CMTrace records on one line with text after them, then two site-server records on one line
        var log = TestLogs.FromText("x.log", CmTraceRecord + OtherCmTraceRecord + " trailing\r\n" + SiteServerRecord + OtherSiteServerRecord + "\r\n");

        // When it is read
        var entries = TestLogs.ReadAll(log).Entries;

        // Then four entries come out, two of each line
        Assert.Equal(
            [(1L, "PXE::MP_GetList failed; 0x80092002"), (1L, "PXE Provider loaded."), (2L, "Failed to get the copy of Security registry key on server dp02.contoso.com (0x80070005)"), (2L, "Waiting for changes for 60 minutes")],
            entries.Select(e => (e.Line, e.Message)));
    }
}
