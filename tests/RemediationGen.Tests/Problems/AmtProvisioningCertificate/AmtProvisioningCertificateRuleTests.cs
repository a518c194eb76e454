using RemediationGen.Diagnosis;
using RemediationGen.Problems.AmtProvisioningCertificate;
using RemediationGen.Tests.Logs;
using RemediationGen.Tests.Rules;

namespace RemediationGen.Tests.Problems.AmtProvisioningCertificate;

public class AmtProvisioningCertificateRuleTests
{
    private const string Id = AmtProvisioningCertificateProblem.Id;
    private const string Thumbprint = "55B7AF313A725CA10BB47A382494A3BD2927D1FB";
    private const string NewThumbprint = "9E1D4C7A2B5F8E0D3A6C9F1B4E7D0A3C6F9B2E5D";

    [Fact]
    public void Run_ExpiredSiteServerLayout_IsAnErrorWithExpiryArithmetic()
    {
        // Given the seed's lines: "4 day(s)" on 11-19 11:35:01, then "Remove unused" and "Invalid" on 11-23 (bias -120)
        var result = RuleRun.Folder(Fixtures.AmtProvisioningCertificate("violating/siteserver"), TestFacts.TwoSites);

        // Then one error on cm01 (PS1): expired 11-23 11:35:01, one day short as of the newest record (11:37:05)
        var finding = Assert.Single(result.Of(Id));
        Assert.Empty(result.Rejected);
        Assert.Equal((Severity.Error, "PS1", "cm01.contoso.com"), (finding.Severity, finding.SiteCode, finding.Server));
        Assert.True(finding.ServerInFacts);
        Assert.Equal([1L, 2L, 3L, 4L, 6L], finding.Evidence.Select(e => e.Line));
        Assert.Equal(Thumbprint, finding.Details["thumbprint"]);
        Assert.Equal("2009-11-23T11:35:01.000+02:00", finding.Details["expires"]);
        Assert.Equal("2009-11-23T11:37:05.000+02:00", finding.Details["daysLeftAsOf"]);
        Assert.Equal("-1", finding.Details["daysLeft"]);
        Assert.Equal("yes", finding.Details["expired"]);
        Assert.Equal(new DateTime(2009, 11, 19, 9, 35, 1, DateTimeKind.Utc), finding.Evidence[2].Time?.Utc);
        Assert.Contains("has expired", finding.Summary, StringComparison.Ordinal);
        Assert.Null(finding.Resolution);
        Assert.Equal(AmtProvisioningCertificateProblem.Descriptor.FixDescription, finding.Fix);
    }

    [Fact]
    public void Run_ExpiringCmTraceLayout_IsAWarningWithDaysLeft()
    {
        // Given "12 day(s)" then "11 day(s)" on 11-09 06:00:01.310 (bias +360)
        var finding = Assert.Single(RuleRun.Folder(Fixtures.AmtProvisioningCertificate("violating/cmtrace"), TestFacts.TwoSites).Of(Id));

        // Then a warning on cm02 (PS2) with 11 days left as of the newest warning
        Assert.Equal((Severity.Warning, "PS2", "cm02.contoso.com"), (finding.Severity, finding.SiteCode, finding.Server));
        Assert.Equal("11", finding.Details["daysLeft"]);
        Assert.Equal("2024-11-20T06:00:01.310-06:00", finding.Details["expires"]);
        Assert.Equal("no", finding.Details["expired"]);
        Assert.Equal(new DateTime(2024, 11, 9, 12, 0, 1, 310, DateTimeKind.Utc), finding.Evidence[1].Time?.Utc);
    }

    [Theory]
    [InlineData("clean/siteserver")]
    [InlineData("clean/cmtrace")]
    public void Run_CleanFixtures_FindNothing(string folder)
    {
        // Given a new certificate found and the old one unloaded, with no warning
        var result = RuleRun.Folder(Fixtures.AmtProvisioningCertificate(folder), TestFacts.TwoSites);

        // Then nothing is found or rejected
        Assert.Empty(result.Findings);
        Assert.Empty(result.Rejected);
        Assert.Equal(1, result.FilesRead);
    }

    [Fact]
    public void Run_FoundNewCertificateAfterTheErrors_IsResolved()
    {
        // Given the expiry, then "Found new provision server certificate with hash <new>" three days later
        var finding = Assert.Single(RuleRun.Folder(Fixtures.AmtProvisioningCertificate("resolved"), TestFacts.TwoSites).Of(Id));

        // Then it is resolved by that line and still says it had expired
        Assert.Equal(8L, finding.Resolution?.Evidence.Line);
        Assert.Contains(NewThumbprint, finding.Resolution!.Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("yes", finding.Details["expired"]);
    }

    [Theory]
    [InlineData(5, "03-04-2024 18:00:00.000", "1", "no", nameof(Severity.Warning))]
    [InlineData(5, "03-06-2024 11:59:59.999", "0", "no", nameof(Severity.Warning))]
    [InlineData(5, "03-06-2024 12:00:00.000", "0", "yes", nameof(Severity.Error))]
    [InlineData(0, null, "0", "yes", nameof(Severity.Error))]
    [InlineData(-2, null, "-2", "yes", nameof(Severity.Error))]
    public void Observe_LaterRecord_CountsDaysDown(int days, string? laterTime, string daysLeft, string expired, string severityName)
    {
        var severity = Enum.Parse<Severity>(severityName);
        // Given a warning of N days on 03-01 12:00 (+360), and maybe a later "Remove unused" line
        var lines = new List<string> { Amt($"Error: The provisioning certificate with the thumbprint {Thumbprint} will expire in {days} day(s). Please ensure that this certificate is renewed. (CertID = 1)", "03-01-2024 12:00:00.000") };
        if (laterTime is not null)
        {
            lines.Add(Amt($"Remove unused provision certificate with hash {NewThumbprint} from memory.", laterTime));
        }

        // When diagnosed
        var finding = Assert.Single(RuleRun.Files([TestLogs.FromText("amtopmgr.log", string.Join("\r\n", lines), server: "cm01.contoso.com")], TestFacts.TwoSites).Of(Id));

        // Then days left are whole days (rounded down) from the newest record to the expiry
        Assert.Equal(daysLeft, finding.Details["daysLeft"]);
        Assert.Equal(expired, finding.Details["expired"]);
        Assert.Equal(severity, finding.Severity);
    }

    [Fact]
    public void Observe_RemoveUnusedAlone_IsNoFinding()
    {
        // Given only the routine unloading of a certificate
        var log = TestLogs.FromText("amtopmgr.log", Amt($"Remove unused provision certificate with hash {Thumbprint} from memory.", "03-01-2024 12:00:00.000"), server: "cm01.contoso.com");

        // Then nothing is found
        Assert.Empty(RuleRun.Files([log], TestFacts.TwoSites).Findings);
    }

    [Fact]
    public void Observe_FoundTheSameThumbprintAgain_DoesNotResolve()
    {
        // Given an invalid certificate, then the same hash "found" again
        var log = TestLogs.FromText("amtopmgr.log", string.Join("\r\n",
            Amt($"Error: The provisioning certificate with the thumbprint {Thumbprint} will expire in 1 day(s).", "03-01-2024 12:00:00.000"),
            Amt("Error: Invalid provision certificate. Check certificate binary and hash data. Check certificate validation time. (CertID = 1)", "03-02-2024 12:00:00.000"),
            Amt($"Found new provision server certificate with hash {Thumbprint}.", "03-03-2024 12:00:00.000")), server: "cm01.contoso.com");

        // Then the finding stays open
        Assert.False(Assert.Single(RuleRun.Files([log], TestFacts.TwoSites).Of(Id)).IsResolved);
    }

    [Fact]
    public void Observe_HostileThumbprint_IsRejectedAndLogWithoutServerHasNoServer()
    {
        // Given an unattributed amtopmgr.log with a bad thumbprint, then an invalid-certificate error
        var log = TestLogs.FromText("amtopmgr.log", string.Join("\r\n",
            Amt("Error: The provisioning certificate with the thumbprint $(Invoke-Pwned) will expire in 3 day(s).", "03-01-2024 12:00:00.000"),
            Amt("Error: Invalid provision certificate. (CertID = 1)", "03-02-2024 12:00:00.000")));

        // When diagnosed with two sites
        var result = RuleRun.Files([log], TestFacts.TwoSites);

        // Then the thumbprint is rejected, and the error is a finding without server or site
        Assert.Equal("$(Invoke-Pwned)", Assert.Single(result.Rejected).Value);
        var finding = Assert.Single(result.Of(Id));
        Assert.Equal(((string?)null, (string?)null, Severity.Error), (finding.Server, finding.SiteCode, finding.Severity));
        Assert.Equal(2L, Assert.Single(finding.Evidence).Line);
    }

    private static string Amt(string message, string dateTime) =>
        $"{message}  $$<SMS_AMT_OPERATION_MANAGER><{dateTime}+360><thread=2880 (0xB40)>";
}
