using RemediationGen.Diagnosis;
using RemediationGen.Problems.PxePasswordCertificate;
using RemediationGen.Tests.Logs;
using RemediationGen.Tests.Rules;

namespace RemediationGen.Tests.Problems.PxePasswordCertificate;

public class PxePasswordCertificateRuleTests
{
    private const string Id = PxePasswordCertificateProblem.Id;
    private const string OldThumbprint = "7C2F9A4E0B1D3C5E6F708192A3B4C5D6E7F80912";
    private const string NewThumbprint = "E41A07C9B3D25F6A8C1E4B7D90F2A3C5B6D8E1F0";

    [Fact]
    public void Run_ViolatingSiteServerLayout_FindsTheDpByThreadAndTheUnnamedFailure()
    {
        // Given distmgr/hman on cm02 and SMSPXE on dp02 (site-server layout, bias -120) and the two-site facts
        var result = RuleRun.Folder(Fixtures.PxePasswordCertificate("violating/siteserver"), TestFacts.TwoSites);

        // Then dp02 is found (thread 6928 named it; thread 5112 worked on dp04 in between) and the failure on thread 7004 names no DP
        var findings = result.Of(Id);
        Assert.Equal([("PS2", "dp02.contoso.com"), ("PS2", null)], findings.Select(f => (f.SiteCode, f.Server)));
        Assert.Empty(result.Rejected);

        var dp02 = findings[0];
        Assert.Equal(Severity.Error, dp02.Severity);
        Assert.True(dp02.ServerInFacts);
        Assert.False(dp02.IsResolved);
        Assert.Equal(6, dp02.Occurrences);
        Assert.Equal(
            [("cm02.contoso.com/distmgr.log", 8L), ("cm02.contoso.com/hman.log", 2L), ("dp02.contoso.com/SMSPXE.log", 3L), ("dp02.contoso.com/SMSPXE.log", 9L), ("dp02.contoso.com/SMSPXE.log", 10L), ("dp02.contoso.com/SMSPXE.log", 12L)],
            dp02.Evidence.Select(e => (RuleRun.Tail(e.File), e.Line)));
        Assert.Equal("Failed to get the encrypted PXE password", dp02.Evidence[0].Message);
        Assert.Equal(new DateTime(2024, 7, 16, 8, 2, 12, 188, DateTimeKind.Utc), dp02.Evidence[0].Time?.Utc);
        Assert.Equal(OldThumbprint, dp02.Details["oldThumbprint"]);
        Assert.Equal("yes", dp02.Details["pxePasswordSet"]);
        Assert.Contains($"expired certificate {OldThumbprint}", dp02.Summary, StringComparison.Ordinal);
        Assert.Equal(PxePasswordCertificateProblem.Descriptor.FixDescription, dp02.Fix);

        var unnamed = findings[1];
        Assert.Equal(11L, Assert.Single(unnamed.Evidence).Line);
        Assert.Equal("dp02.contoso.com", unnamed.Details["dpsWithPxePassword"]);
        Assert.False(unnamed.ServerInFacts);
    }

    [Fact]
    public void Run_ViolatingCmTraceLayout_FindsDp01WithItsPasswordFact()
    {
        // Given the CMTrace layout (bias +360) for cm01 and dp01; the facts show no PXE password on dp01
        var finding = Assert.Single(RuleRun.Folder(Fixtures.PxePasswordCertificate("violating/cmtrace"), TestFacts.TwoSites).Of(Id));

        // Then dp01 is found with every record, the two-line 800B0101 record kept whole
        Assert.Equal(("PS1", "dp01.contoso.com"), (finding.SiteCode, finding.Server));
        Assert.Equal([8L, 2L, 3L, 9L, 11L, 13L], finding.Evidence.Select(e => e.Line));
        Assert.StartsWith("Certificate not valid.\nA required certificate", finding.Evidence[3].Message, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2024, 11, 20, 16, 2, 12, 188, DateTimeKind.Utc), finding.Evidence[0].Time?.Utc);
        Assert.Equal("no", finding.Details["pxePasswordSet"]);
        Assert.Equal("3B9D7E51A0C2F4E6D8B1A3C5E7F90B2D4F6A8C0E", finding.Details["oldThumbprint"]);
    }

    [Theory]
    [InlineData("clean/siteserver")]
    [InlineData("clean/cmtrace")]
    public void Run_CleanFixtures_FindNothing(string folder)
    {
        // Given a certificate update that reaches the DP and SMSPXE validating the new certificate
        var result = RuleRun.Folder(Fixtures.PxePasswordCertificate(folder), TestFacts.TwoSites);

        // Then nothing is found or rejected, though every file was read
        Assert.Empty(result.Findings);
        Assert.Empty(result.Rejected);
        Assert.Equal(3, result.FilesRead);
    }

    [Fact]
    public void Run_FailureThenSuccessLine_IsResolvedWithItsEvidence()
    {
        // Given distmgr.log failing for dp02, then (password cleared) updating its registry an hour later
        var finding = Assert.Single(RuleRun.Folder(Fixtures.PxePasswordCertificate("resolved"), TestFacts.TwoSites).Of(Id));

        // Then the finding is reported as resolved by the success line
        Assert.Equal("dp02.contoso.com", finding.Server);
        var resolution = Assert.IsType<Resolution>(finding.Resolution);
        Assert.Equal(14L, resolution.Evidence.Line);
        Assert.Equal("DP registry settings have been successfully updated on dp02.contoso.com", resolution.Evidence.Message);
        Assert.Contains("after the last failure", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_ThreadsInterleaved_PinsEachFailureOnItsThreadsDp()
    {
        // Given two threads naming dp01 and dp03, thread 1 later moving on to dp02, and failures on threads 1, 2 and 3
        var log = TestLogs.FromText("distmgr.log", string.Join("\r\n",
            DistMgr(Processing("dp01.contoso.com"), 1),
            DistMgr(Processing("dp03.contoso.com"), 2),
            DistMgr(Processing("dp02.contoso.com"), 1),
            DistMgr("Failed to get the encrypted PXE password", 2),
            DistMgr("Failed to get the encrypted PXE password", 1),
            DistMgr("Failed to get the encrypted PXE password", 3)), server: "cm01.contoso.com");

        // When diagnosed
        var findings = RuleRun.Files([log], TestFacts.TwoSites).Of(Id);

        // Then thread 1's failure is dp02's (its latest DP), thread 2's dp03's, thread 3's names no DP
        Assert.Equal(
            [("PS1", "dp03.contoso.com", 4L), ("PS1", (string?)null, 6L), ("PS2", "dp02.contoso.com", 5L)],
            findings.Select(f => (f.SiteCode, f.Server, f.Evidence[0].Line)));
    }

    [Fact]
    public void Observe_SettingsChangeLineNamesTheThreadsDp_FailureIsAttributed()
    {
        // Given a recovered site: thread 1 processes a settings change for dp03, thread 2 for dp030, and each then fails
        var log = TestLogs.FromText("distmgr.log", string.Join("\r\n",
            DistMgr("Processing DP settings change for dp03.contoso.com", 1),
            DistMgr("Processing DP settings change for dp030.contoso.com", 2),
            DistMgr("Failed to get the encrypted PXE password", 1),
            DistMgr("Failed to get the encrypted PXE password", 2)), server: "cm01.contoso.com");

        // When diagnosed
        var findings = RuleRun.Files([log], TestFacts.TwoSites).Of(Id);

        // Then each failure is its thread's DP's, and none is reported as "not tied to a server"
        Assert.Equal(
            [("dp03.contoso.com", 3L), ("dp030.contoso.com", 4L)],
            findings.Select(f => (f.Server, f.Evidence[0].Line)).OrderBy(f => f.Server, StringComparer.Ordinal));
        Assert.DoesNotContain(findings, f => f.Server is null);
    }

    [Theory]
    [InlineData("~DPID 5 - NAL Path [x] , ServerName = dp05'; Remove-Item C:\\ -Recurse, DPDrive = ", "dp05'; Remove-Item C:\\ -Recurse")]
    [InlineData("DP registry settings have been successfully updated on $(Invoke-Pwned)", "$(Invoke-Pwned)")]
    [InlineData("Processing DP settings change for $(Invoke-Pwned)", "$(Invoke-Pwned)")]
    [InlineData("DP cert query: EXEC spUpdateDPCert N'dp05''; DROP TABLE x; --', N'PS1', 0x, 0x30", "dp05'; DROP TABLE x; --")]
    public void Observe_HostileDpName_IsRejectedAndNeverCorrelated(string message, string shownValue)
    {
        // Given thread 1 naming dp01, then a line on the same thread with a name that is not a host name, then a failure
        var log = TestLogs.FromText("distmgr.log", string.Join("\r\n",
            DistMgr(Processing("dp01.contoso.com"), 1),
            DistMgr(message, 1),
            DistMgr("Failed to get the encrypted PXE password", 1)), server: "cm01.contoso.com");

        // When diagnosed
        var result = RuleRun.Files([log], TestFacts.TwoSites);

        // Then the name is rejected with its evidence and no finding targets it
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(Id, rejected.RuleId);
        Assert.Equal(shownValue, rejected.Value);
        Assert.Equal(2L, rejected.Evidence.Line);
        Assert.DoesNotContain(result.Findings, f => f.Server is not null && f.Server.Contains("dp05", StringComparison.Ordinal));

        // And a DistMgr line with a rejected name drops the thread's DP instead of leaving dp01 to take the blame
        // (hman.log's line belongs to no DistMgr thread, so dp01 keeps it)
        var finding = Assert.Single(result.Of(Id));
        Assert.Equal(message.StartsWith("DP cert query", StringComparison.Ordinal) ? "dp01.contoso.com" : null, finding.Server);
    }

    [Fact]
    public void Observe_HostileThumbprintOrDpInSmsPxe_IsRejected()
    {
        // Given an SMSPXE.log outside a server folder with a bad thumbprint, then a bad DP name
        var log = TestLogs.FromText("SMSPXE.log", string.Join("\r\n",
            Pxe("Certificate [ZZ<script>] issued to 'dp01.contoso.com' has expired."),
            Pxe("Certificate [" + OldThumbprint + "] issued to 'dp01\u001b[31m' has expired.")));

        // When diagnosed
        var result = RuleRun.Files([log], TestFacts.TwoSites);

        // Then both values are rejected; the second record is kept without a server
        Assert.Equal(["ZZ<script>", "dp01\\u001B[31m"], result.Rejected.Select(r => r.Value));
        var finding = Assert.Single(result.Of(Id));
        Assert.Null(finding.Server);
        Assert.Equal(2L, Assert.Single(finding.Evidence).Line);
    }

    [Fact]
    public void Observe_SmsPxeFailsAfterTheSuccessLine_StaysOpenAndSaysRestartWds()
    {
        // Given the DistMgr failure and success, then SMSPXE on dp02 still failing later (UTC)
        var distmgr = TestLogs.FromText("distmgr.log", string.Join("\r\n",
            DistMgr(Processing("dp02.contoso.com"), 1, "10:00:00.000"),
            DistMgr("Failed to get the encrypted PXE password", 1, "10:00:01.000"),
            DistMgr("DP registry settings have been successfully updated on dp02.contoso.com", 1, "10:30:00.000")), server: "cm02.contoso.com");
        var smspxe = TestLogs.FromText("SMSPXE.log", Pxe("Failed to validate PXEClientKey certificate.", "11:00:00.000"), server: "dp02.contoso.com");

        // When diagnosed
        var finding = Assert.Single(RuleRun.Files([distmgr, smspxe], TestFacts.TwoSites).Of(Id));

        // Then it is not resolved and the summary says what is left to do
        Assert.False(finding.IsResolved);
        Assert.Contains("restart WDS", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_SmsPxeValidatesANewCertificateLater_IsResolved()
    {
        // Given SMSPXE on dp02 rejecting the old certificate, then after a WDS restart validating another one
        var smspxe = TestLogs.FromText("SMSPXE.log", string.Join("\r\n",
            Pxe($"Begin validation of Certificate [Thumbprint {OldThumbprint}] issued to 'dp02.contoso.com'", "10:00:00.000"),
            Pxe($"Certificate [{OldThumbprint}] issued to 'dp02.contoso.com' has expired.", "10:00:00.100"),
            Pxe($"Begin validation of Certificate [Thumbprint {NewThumbprint}] issued to 'dp02.contoso.com'", "12:00:00.000")), server: "dp02.contoso.com");

        // When diagnosed
        var finding = Assert.Single(RuleRun.Files([smspxe], TestFacts.TwoSites).Of(Id));

        // Then the validation of the new thumbprint resolves it (the old thumbprint's validation did not)
        Assert.Equal(3L, finding.Resolution?.Evidence.Line);
        Assert.Contains(NewThumbprint, finding.Resolution!.Explanation, StringComparison.Ordinal);
        Assert.Equal(OldThumbprint, finding.Details["oldThumbprint"]);
    }

    [Fact]
    public void Observe_FailuresThatNameNoDp_AreOneFindingOfTheOnlySite()
    {
        // Given one site, a DistMgr password failure on no known thread and an SMSPXE failure in a log tied to no DP
        var distmgr = TestLogs.FromText("distmgr.log", DistMgr("Failed to get the encrypted PXE password", 9));
        var smspxe = TestLogs.FromText("SMSPXE.log", Pxe("Failed to validate PXEClientKey certificate."));

        // When diagnosed
        var finding = Assert.Single(RuleRun.Files([distmgr, smspxe], TestFacts.OneSite).Of(Id));

        // Then both records are evidence of one finding without a server, in that site (not one per log, one site-less)
        Assert.Equal("PS1", finding.SiteCode);
        Assert.Null(finding.Server);
        Assert.Equal(2, finding.Occurrences);
    }

    [Fact]
    public void Observe_800B0101OutsideSmsPxe_IsIgnored()
    {
        // Given the generic validity error in a client log
        var log = TestLogs.FromText("CcmMessaging.log", "<![LOG[Certificate not valid. (Error: 800B0101; Source: Windows)]LOG]!><time=\"10:00:00.000+360\" date=\"11-20-2024\" component=\"CcmMessaging\" context=\"\" type=\"3\" thread=\"1\" file=\"\">", server: "dp01.contoso.com");

        // Then it is not this problem
        Assert.Empty(RuleRun.Files([log], TestFacts.TwoSites).Findings);
    }

    private static string Processing(string dp) =>
        $"~DPID 7 - NAL Path [\"Display=\\\\{dp}\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\{dp}\\ , ServerName = {dp}, DPDrive = , IsMulticast = 0, PXE = 1, RemoveWDS = 0";

    private static string DistMgr(string message, int thread, string time = "10:02:11.433") =>
        $"{message}  $$<SMS_DISTRIBUTION_MANAGER><07-16-2024 {time}-120><thread={thread} (0x{thread:X})>";

    private static string Pxe(string message, string time = "10:15:00.000") =>
        $"<![LOG[{message}]LOG]!><time=\"{time}-120\" date=\"07-16-2024\" component=\"SMSPXE\" context=\"\" type=\"3\" thread=\"3580\" file=\"ccmcert.cpp:1715\">";
}
