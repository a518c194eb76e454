using RemediationGen.Diagnosis;
using RemediationGen.Logs;
using RemediationGen.Problems.AmtProvisioningCertificate;
using RemediationGen.Tests.Logs;

namespace RemediationGen.Tests.Rules;

/// <summary>Issue 10 item 2: one odd record is reported with its file and line; it never stops the scan.</summary>
public class BadRecordTests
{
    private const string Id = AmtProvisioningCertificateProblem.Id;
    private const string Thumbprint = "55B7AF313A725CA10BB47A382494A3BD2927D1FB";

    [Theory]
    [InlineData(3_000_000)]
    [InlineData(int.MaxValue)]
    [InlineData(-int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Run_ExpiryDaysBeyondTheCalendar_AreRejectedWithTheirLineAndTheScanGoesOn(int days)
    {
        // Given a warning whose day count gives no date, then an ordinary warning on the next line
        var log = Amtopmgr(
            Amt($"Error: The provisioning certificate with the thumbprint {Thumbprint} will expire in {days} day(s).", "03-01-2024 12:00:00.000+360"),
            Amt($"Error: The provisioning certificate with the thumbprint {Thumbprint} will expire in 3 day(s).", "03-01-2024 12:00:01.000+360"));

        // When diagnosed
        var result = RuleRun.Files([log], TestFacts.TwoSites);

        // Then the day count is listed as not used, at line 1, and the second line still makes the finding
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((days.ToString(System.Globalization.CultureInfo.InvariantCulture), "amtopmgr.log", 1L), (rejected.Value, rejected.Evidence.File, rejected.Evidence.Line));
        Assert.Equal("is not a number of days that gives a date", rejected.Reason);
        var finding = Assert.Single(result.Of(Id));
        Assert.Equal("3", finding.Details["daysLeft"]);
        Assert.Equal([2L], finding.Evidence.Select(e => e.Line));
    }

    [Theory]
    [InlineData("12-31-9999 23:59:59.999+1440")]
    [InlineData("01-01-0001 00:00:00.000-1440")]
    public void Run_TimeWhoseUtcIsOutsideTheCalendar_IsReportedOnceAndReadWithoutATime(string stamp)
    {
        // Given two records whose UTC (local + bias) would overflow, before an ordinary one
        var log = Amtopmgr(
            Amt("Error: Invalid provision certificate. (CertID = 1)", stamp),
            Amt("Error: Invalid provision certificate. (CertID = 1)", stamp),
            Amt($"Error: The provisioning certificate with the thumbprint {Thumbprint} will expire in 3 day(s).", "03-01-2024 12:00:00.000+360"));

        // When diagnosed
        var result = RuleRun.Files([log], TestFacts.TwoSites);

        // Then the file is reported once with the first such line, and all three records are evidence
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new LogProblem("amtopmgr.log", "holds a time whose UTC is outside the calendar at line 1; such records were read without a time"), problem);
        var finding = Assert.Single(result.Of(Id));
        Assert.Equal([1L, 2L, 3L], finding.Evidence.Select(e => e.Line));
        Assert.Null(finding.Evidence[0].Time);
    }

    [Fact]
    public void Run_ExpiryWarningWhoseDateDoesNotParse_IsAFindingWithoutADate()
    {
        // Given an AMT warning whose date has month 13 and day 45
        var log = Amtopmgr(Amt($"Error: The provisioning certificate with the thumbprint {Thumbprint} will expire in 4 day(s).", "13-45-2026 12:00:00.000+360"));

        // When diagnosed
        var finding = Assert.Single(RuleRun.Files([log], TestFacts.TwoSites).Of(Id));

        // Then the finding says the days the warning gives and that its time could not be read
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("no", finding.Details["expired"]);
        Assert.False(finding.Details.ContainsKey("expires"));
        Assert.Contains("expires in 4 day(s) from a warning whose time could not be read", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_TimeOutsideTheCalendar_IsReportedLikeTheFullReader()
    {
        // Given a CMTrace record with a signature and a time at the end of the calendar
        var log = TestLogs.FromText("SMSPXE.log", "<![LOG[PXE::MP_GetList failed; 0x80092002]LOG]!><time=\"23:59:59.999+1440\" date=\"12-31-9999\" component=\"SMSPXE\">\r\n");
        var signatures = TestLogs.CoreSignatures;

        // When it is scanned and read in full
        var problems = new List<LogProblem>();
        var entries = new List<LogEntry>();
        LogFileScanner.Scan(log, signatures, entries.Add, problems.Add);
        var full = TestLogs.ReadAll(log);

        // Then both read it without a time and report the line
        Assert.Null(Assert.Single(entries).Time);
        Assert.Equal(full.Problems, problems);
        Assert.Equal("holds a time whose UTC is outside the calendar at line 1; such records were read without a time", Assert.Single(problems).Reason);
    }

    private static LogFile Amtopmgr(params string[] lines) =>
        TestLogs.FromText("amtopmgr.log", string.Join("\r\n", lines) + "\r\n", server: "cm01.contoso.com");

    private static string Amt(string message, string stamp) =>
        $"{message}  $$<SMS_AMT_OPERATION_MANAGER><{stamp}><thread=2880 (0xB40)>";
}
