using System.Globalization;
using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Tests.Logs;

namespace RemediationGen.Tests.Rules;

/// <summary>Issue 10 item 4: a flood of distinct server names keeps full evidence for the first servers and says what was cut.</summary>
public class FloodLimitTests
{
    [Fact]
    public void Run_MoreDistinctServersThanTheLimit_KeepsTheFirstAndOneFindingCountsTheRest()
    {
        // Given CertMgr.log failures for 50 more valid DP names than the limit, and 20 more invalid ones than the limit
        var text = new StringBuilder();
        for (var i = 0; i < FloodLimit.MaxServers + 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Failed to get the copy of Security registry key on server dp{i:D6}.contoso.com (0x80070005)  $$<SMS_CERTIFICATE_MANAGER><11-20-2026 10:00:00.000+360><thread=1 (0x1)>\r\n");
        }

        for (var i = 0; i < FloodLimit.MaxRejected + 20; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Failed to get the copy of Security registry key on server dp{i:D6}!.contoso.com (0x80070005)  $$<SMS_CERTIFICATE_MANAGER><11-20-2026 10:00:00.000+360><thread=1 (0x1)>\r\n");
        }

        var log = TestLogs.FromText("CertMgr.log", text.ToString(), server: "cm01.contoso.com");

        // When diagnosed
        var result = RuleRun.Files([log], TestFacts.TwoSites);

        // Then the first servers have their findings, the first rejected values are listed, and one finding counts the rest
        var findings = result.Of(IssuingCertificateListProblem.Id);
        Assert.Equal(FloodLimit.MaxServers + 1, findings.Count);
        Assert.Equal(FloodLimit.MaxRejected, result.Rejected.Count);
        var flood = Assert.Single(findings, f => f.Server is null);
        Assert.Equal(("50", "20", 70), (flood.Details["recordsNotListed"], flood.Details["rejectedNotListed"], flood.Occurrences));
        Assert.Equal(FloodLimit.MaxServers + 1, Assert.Single(flood.Evidence).Line);
        Assert.Contains("50 record(s) about further servers and 20 further rejected value(s) were counted but not listed", flood.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FewerServersThanTheLimit_HasNoFloodFinding()
    {
        var log = TestLogs.FromText("CertMgr.log", "Failed to get the copy of Security registry key on server dp01.contoso.com (0x80070005)  $$<SMS_CERTIFICATE_MANAGER><11-20-2026 10:00:00.000+360><thread=1 (0x1)>\r\n", server: "cm01.contoso.com");

        var finding = Assert.Single(RuleRun.Files([log], TestFacts.TwoSites).Findings);

        Assert.Equal("dp01.contoso.com", finding.Server);
    }
}
