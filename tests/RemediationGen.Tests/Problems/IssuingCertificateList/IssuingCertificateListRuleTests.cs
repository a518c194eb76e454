using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Logs;
using RemediationGen.Problems;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Tests.Logs;
using RemediationGen.Tests.Rules;

namespace RemediationGen.Tests.Problems.IssuingCertificateList;

public class IssuingCertificateListRuleTests
{
    private const string CertMgrSuffix = "  $$<SMS_CERTIFICATE_MANAGER><07-16-2024 01:38:47.230-120><thread=4788 (0x12B4)>";

    [Fact]
    public void Run_ViolatingFixturesWithFacts_FindsEachServerWithItsEvidence()
    {
        // Given the violating fixtures (both layouts) and a two-site hierarchy
        var result = Diagnose(Fixtures.IssuingCertificateList("violating"), TestFacts.TwoSites);

        // Then one finding per (site, server), ordered by site then server with nulls last
        Assert.Equal(
            [("PS1", "dp01.contoso.com"), ("PS1", "dp03.contoso.com"), ("PS2", "dp02.contoso.com"), (null, null)],
            result.Findings.Select(f => (f.SiteCode, f.Server)));
        Assert.All(result.Findings, f => Assert.Equal(IssuingCertificateListProblem.Id, f.RuleId));
        Assert.All(result.Findings, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.Empty(result.Rejected);
        Assert.Empty(result.Problems);
        Assert.Equal(5, result.FilesRead);

        // dp01: CertMgr (CMTrace) lines 4-5, then 8 SMSPXE records (the 80070002 record at line 8 is not evidence)
        var dp01 = result.Findings[0];
        Assert.Equal(10, dp01.Occurrences);
        Assert.True(dp01.ServerInFacts);
        Assert.Equal(
            [("cm01.contoso.com/CertMgr.log", 4L), ("cm01.contoso.com/CertMgr.log", 5L)],
            dp01.Evidence.Take(2).Select(e => (Tail(e.File), e.Line)));
        Assert.Equal([2L, 4L, 6L, 7L, 9L, 10L, 12L, 13L], dp01.Evidence.Skip(2).Select(e => e.Line));
        Assert.All(dp01.Evidence.Skip(2), e => Assert.Equal("dp01.contoso.com/SMSPXE.log", Tail(e.File)));
        Assert.Contains("CertMgr.log could not read the Security registry key of dp01.contoso.com (0x80070005)", dp01.Summary, StringComparison.Ordinal);
        Assert.Contains("SMSPXE.log", dp01.Summary, StringComparison.Ordinal);

        // The multi-line record keeps both of its lines, joined with \n
        Assert.Equal(
            "Failed to create certificate store from encoded certificate. Verify the provided Certificate was provisioned correctly. .\nAn error occurred during encode or decode operation. (Error: 80092002; Source: Windows)",
            dp01.Evidence[2].Message);
        Assert.Equal(new DateTime(2024, 11, 20, 16, 15, 0, 123, DateTimeKind.Utc), dp01.Evidence[2].Time?.Utc);

        // dp03: written as the short name DP03 in CertMgr.log, tied to its FQDN by the facts
        var dp03 = result.Findings[1];
        Assert.Equal(1, dp03.Occurrences);
        Assert.Equal(10L, Assert.Single(dp03.Evidence).Line);
        Assert.True(dp03.ServerInFacts);

        // dp02: CertMgr (site-server layout) lines 4-5 plus 4 SMSPXE lines
        var dp02 = result.Findings[2];
        Assert.Equal(6, dp02.Occurrences);
        Assert.Equal([4L, 5L, 2L, 3L, 4L, 5L], dp02.Evidence.Select(e => e.Line));
        Assert.Equal(new DateTime(2024, 7, 15, 23, 38, 47, 230, DateTimeKind.Utc), dp02.Evidence[0].Time?.Utc);

        // The rolled-over SMSPXE.lo_ under SMS_DP$ names no server: a finding without server or site
        var unknown = result.Findings[3];
        Assert.Equal(2, unknown.Occurrences);
        Assert.False(unknown.ServerInFacts);
        Assert.All(unknown.Evidence, e => Assert.EndsWith("SMSPXE.lo_", e.File, StringComparison.Ordinal));
        Assert.StartsWith("SMSPXE.log (from a folder that names no server) failed", unknown.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ViolatingFixturesWithoutFacts_UsesLogNamesAndNoSites()
    {
        // Given the violating fixtures and no facts
        var result = Diagnose(Fixtures.IssuingCertificateList("violating"), facts: null);

        // Then servers are the names the logs give (lower case), none is tied to a site
        Assert.Equal(
            [(null, "dp01.contoso.com"), (null, "dp02.contoso.com"), (null, "dp03"), (null, null)],
            result.Findings.Select(f => (f.SiteCode, f.Server)));
        Assert.All(result.Findings, f => Assert.False(f.ServerInFacts));
    }

    [Theory]
    [InlineData("violating/cmtrace")]
    [InlineData("violating/siteserver")]
    public void Run_EachViolatingLayout_FindsProblems(string folder)
    {
        // Given one layout's violating fixtures
        var result = Diagnose(Fixtures.IssuingCertificateList(folder), TestFacts.TwoSites);

        // Then that layout alone is enough to find the problem
        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, f => Assert.True(f.Occurrences >= f.Evidence.Count));
    }

    [Theory]
    [InlineData("clean/cmtrace")]
    [InlineData("clean/siteserver")]
    public void Run_CleanFixtures_FindNothing(string folder)
    {
        // Given healthy logs and failures with other codes (0x80070035, 0x800706BA, 0x80004005)
        var result = Diagnose(Fixtures.IssuingCertificateList(folder), TestFacts.TwoSites);

        // Then nothing is found or rejected, yet every file and entry was read
        Assert.Empty(result.Findings);
        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.FilesRead);
        Assert.True(result.LinesRead >= 9);
    }

    [Theory]
    [InlineData("Cannot get copy of security registry key on server (dp05'; Remove-Item C:\\ -Recurse) (0x80070005)", "dp05'; Remove-Item C:\\ -Recurse")]
    [InlineData("Cannot get copy of security registry key on server ($(Invoke-Pwned)) (0x80070005)", "$(Invoke-Pwned)")]
    [InlineData("Failed to get the copy of Security registry key on server dp`05.contoso.com (0x80070005)", "dp`05.contoso.com")]
    [InlineData("Failed to get the copy of Security registry key on server \u2018dp05\u2019 (0x80070005)", "\\u2018dp05\\u2019")]
    [InlineData("Cannot get copy of security registry key on server () (0x80070005)", "")]
    public void Observe_HostileServerName_IsRejectedNeverFound(string message, string shownValue)
    {
        // Given a CertMgr.log line whose server name is not a host name
        var log = TestLogs.FromText("CertMgr.log", "~" + message + CertMgrSuffix, server: "cm01.contoso.com");

        // When it is diagnosed
        var result = Run([log], TestFacts.TwoSites);

        // Then it is rejected with a printable value, a reason and its evidence, and there is no finding
        Assert.Empty(result.Findings);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(IssuingCertificateListProblem.Id, rejected.RuleId);
        Assert.Equal(shownValue, rejected.Value);
        Assert.NotEmpty(rejected.Reason);
        Assert.Equal(1, rejected.Evidence.Line);
    }

    [Theory]
    [InlineData("cm01.contoso.com", "PS1")]
    [InlineData("cm02.contoso.com", "PS2")]
    [InlineData(null, null)]
    public void Observe_HostileServerName_IsTiedToTheSiteOfTheLogsWriter(string? writer, string? site)
    {
        // Given a hostile CertMgr.log line from PS1's site server, from PS2's, or from a log tied to no server
        var log = TestLogs.FromText("CertMgr.log", "Cannot get copy of security registry key on server (dp05'; x) (0x80070005)" + CertMgrSuffix, server: writer);

        // When it is diagnosed against two sites
        var rejected = Assert.Single(Run([log], TestFacts.TwoSites).Rejected);

        // Then the rejected value belongs to the writer's site, so only that site's package lists it (or every site's when unknown)
        Assert.Equal(site, rejected.SiteCode);
    }

    [Fact]
    public void Observe_VeryLongHostileName_IsShownShortened()
    {
        // Given a name of 5,000 characters
        var name = new string('\u0007', 5_000);
        var log = TestLogs.FromText("CertMgr.log", $"Cannot get copy of security registry key on server ({name}) (0x80070005)" + CertMgrSuffix);

        // When it is diagnosed
        var rejected = Assert.Single(Run([log], facts: null).Rejected);

        // Then the shown value is at most 200 printable characters
        Assert.Equal(PrintableText.DefaultMaxLength + "...".Length, rejected.Value.Length);
        Assert.StartsWith("\\u0007", rejected.Value, StringComparison.Ordinal);
        Assert.All(rejected.Value, c => Assert.InRange(c, ' ', '~'));
    }

    [Theory]
    [InlineData("Cannot get copy of security registry key on server (dp01.contoso.com) (0x80070035)")]
    [InlineData("Failed to get the copy of Security registry key on server dp01.contoso.com (0x800706BA)")]
    [InlineData("Cannot get copy of security registry key on server (dp01.contoso.com) (0x800700051)")]
    [InlineData("PXE::MP_GetList failed; 0x80004005")]
    [InlineData("An error occurred during encode or decode operation. (Error: 80092002; Source: Windows)")]
    public void Observe_OtherCodesOrPartialSignatures_FindNothing(string message)
    {
        // Given messages with another code, or 80092002 without a PXE failure
        var log = TestLogs.FromText("x.log", message + CertMgrSuffix, server: "dp01.contoso.com");

        // When diagnosed
        var result = Run([log], TestFacts.TwoSites);

        // Then nothing is found or rejected
        Assert.Empty(result.Findings);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Observe_CertMgrServerUnknownToFacts_TakesSiteOfTheWritingServer()
    {
        // Given CertMgr.log from PS2's site server naming a DP the facts do not know
        var log = TestLogs.FromText(
            "CertMgr.log",
            "CANNOT GET COPY OF SECURITY REGISTRY KEY ON SERVER (DP77.Contoso.com) (0x80070005)" + CertMgrSuffix,
            server: "cm02.contoso.com");

        // When diagnosed with the two-site facts
        var finding = Assert.Single(Run([log], TestFacts.TwoSites).Findings);

        // Then the match is case-insensitive, the server is lower-cased, the site is the writer's
        Assert.Equal("dp77.contoso.com", finding.Server);
        Assert.Equal("PS2", finding.SiteCode);
        Assert.False(finding.ServerInFacts);
    }

    [Fact]
    public void Observe_UnknownServerAndWriter_FallsBackToTheOnlySite()
    {
        // Given an unattributed CertMgr.log and a one-site hierarchy
        var log = TestLogs.FromText("CertMgr.log", "Failed to get the copy of Security registry key on server dp77.contoso.com (0x80070005)" + CertMgrSuffix);

        // When diagnosed
        var finding = Assert.Single(Run([log], TestFacts.OneSite).Findings);

        // Then the only site is used
        Assert.Equal("PS1", finding.SiteCode);
        Assert.Equal("dp77.contoso.com", finding.Server);
    }

    [Fact]
    public void Observe_DottedNameOfAnotherDomain_IsNotTiedToTheShortNameInFacts()
    {
        // Given a server whose short name matches a known DP but whose domain differs
        var log = TestLogs.FromText("CertMgr.log", "Failed to get the copy of Security registry key on server dp01.other.com (0x80070005)" + CertMgrSuffix);

        // When diagnosed with two sites (no single-site fallback)
        var finding = Assert.Single(Run([log], TestFacts.TwoSites).Findings);

        // Then it stays its own server, without a site
        Assert.Equal("dp01.other.com", finding.Server);
        Assert.Null(finding.SiteCode);
        Assert.False(finding.ServerInFacts);
    }

    [Fact]
    public void Complete_MoreThanMaxEvidence_KeepsFirstAndCountsAll()
    {
        // Given 25 matching CertMgr lines for the same server
        var lines = string.Join("\r\n", Enumerable.Repeat("Cannot get copy of security registry key on server (dp01.contoso.com) (0x80070005)" + CertMgrSuffix, 25));
        var log = TestLogs.FromText("CertMgr.log", lines);

        // When diagnosed
        var finding = Assert.Single(Run([log], TestFacts.TwoSites).Findings);

        // Then the first 20 are evidence and all 25 are counted
        Assert.Equal(25, finding.Occurrences);
        Assert.Equal(Finding.MaxEvidence, finding.Evidence.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), finding.Evidence.Select(e => e.Line));
    }

    [Fact]
    public void Complete_SuccessLineAfterFailures_ResolvesTheCertMgrFinding()
    {
        // Given failures for dp01 and dp03, then the success line for dp01 only
        var log = TestLogs.FromText("CertMgr.log", string.Join("\r\n",
            "Failed to get the copy of Security registry key on server dp01.contoso.com (0x80070005)" + CertMgrSuffix,
            "Failed to get the copy of Security registry key on server dp03.contoso.com (0x80070005)" + CertMgrSuffix,
            "Successfully got the copy of Security registry key on server DP01" + CertMgrSuffix), server: "cm01.contoso.com");

        // When diagnosed
        var findings = Run([log], TestFacts.TwoSites).Findings;

        // Then dp01's finding is resolved by line 3 (the short name matched through the facts), dp03's stays open
        Assert.Equal([("dp01.contoso.com", 3L), ("dp03.contoso.com", (long?)null)], findings.Select(f => (f.Server, f.Resolution?.Evidence.Line)));
        Assert.Contains("IssuingCertificateList is back", findings[0].Resolution!.Explanation, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal(IssuingCertificateListProblem.Descriptor.FixDescription, f.Fix));
    }

    [Fact]
    public void Complete_SuccessLineBeforeTheFailure_DoesNotResolve()
    {
        // Given the success line first, then a failure for the same DP
        var log = TestLogs.FromText("CertMgr.log", string.Join("\r\n",
            "Successfully got the copy of Security registry key on server dp01.contoso.com" + CertMgrSuffix,
            "Failed to get the copy of Security registry key on server dp01.contoso.com (0x80070005)" + CertMgrSuffix));

        // Then the finding is open
        Assert.False(Assert.Single(Run([log], TestFacts.TwoSites).Findings).IsResolved);
    }

    [Fact]
    public void Complete_CertMgrRecoveredButSmsPxeFailed_StaysOpenAndSaysSo()
    {
        // Given the violating CMTrace fixtures (dp01: CertMgr and SMSPXE) plus a later success line for dp01
        var recovery = TestLogs.FromText(
            "CertMgr-later.log",
            "<![LOG[Successfully got the copy of Security registry key on server dp01.contoso.com]LOG]!><time=\"11:00:00.000+360\" date=\"11-20-2024\" component=\"SMS_CERTIFICATE_MANAGER\" context=\"\" type=\"1\" thread=\"4788\" file=\"certmgr.cpp:1021\">",
            server: "cm01.contoso.com");
        var discovery = LogDiscovery.Discover([Fixtures.IssuingCertificateList("violating/cmtrace")], TestFacts.TwoSites);
        var result = Run([.. discovery.Files, recovery], TestFacts.TwoSites);

        // Then dp01 stays open: no SMSPXE record proves PXE works again
        var dp01 = result.Findings.Single(f => f.Server == "dp01.contoso.com");
        Assert.False(dp01.IsResolved);
        Assert.Contains("no SMSPXE.log record shows PXE working again", dp01.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_Metadata_IsStable()
    {
        // Given the rule from the catalog
        var rule = ProblemSet.Core.Rules.Single(r => r.Problem.Id == IssuingCertificateListProblem.Id);

        // Then its id and severity are the documented ones
        Assert.IsType<IssuingCertificateListRule>(rule);
        Assert.Equal("IssuingCertificateList", rule.Problem.Id);
        Assert.Equal(Severity.Error, rule.Problem.Severity);
        Assert.Equal("KB 4469580", rule.Problem.KnowledgeBase);
        Assert.Contains("KB 4469580", rule.Problem.Description, StringComparison.Ordinal);
        Assert.False(ProblemSet.Core.Rules is IList<IDiagnosticRule> { IsReadOnly: false });
    }

    private static DiagnosisResult Diagnose(string folder, HierarchyFacts? facts)
    {
        var discovery = LogDiscovery.Discover([folder], facts);
        return new Diagnoser(ProblemSet.Core.Rules).Run(discovery.Files, new DiagnosisContext(facts), discovery.Problems);
    }

    private static DiagnosisResult Run(IReadOnlyList<LogFile> files, HierarchyFacts? facts) =>
        new Diagnoser(ProblemSet.Core.Rules).Run(files, new DiagnosisContext(facts), []);

    private static string Tail(string displayPath)
    {
        var parts = displayPath.Split('/');
        return $"{parts[^2]}/{parts[^1]}";
    }
}
