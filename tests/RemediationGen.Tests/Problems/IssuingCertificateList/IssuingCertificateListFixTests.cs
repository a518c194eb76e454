using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Problems.IssuingCertificateList;

public sealed class IssuingCertificateListFixTests
{
    private static readonly SiteFacts Site = new(
        "PS1",
        "cm01.contoso.com",
        @"AAAA\0BBBB\0",
        ["mp01.contoso.com"],
        [
            new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: false),
            new DistributionPointFacts("dp02.contoso.com", IsPxe: true, PxePasswordSet: true),
            new DistributionPointFacts("dp03.contoso.com", IsPxe: false, PxePasswordSet: false),
        ]);

    private static Finding FindingOn(string server) => new(
        IssuingCertificateListProblem.Id,
        Severity.Error,
        "PS1",
        server,
        ServerInFacts: server != "dp09.contoso.com",
        "summary",
        [new Evidence("CertMgr.log", 12, null, "SMS_CERTIFICATE_MANAGER", $"Cannot get copy of security registry key on server ({server}) (0x80070005)")],
        Occurrences: 2);

    private static FixPlanResult Plan(TargetSelection selection, params Finding[] findings)
    {
        var facts = new HierarchyFacts([Site], "test", null, []);
        var diagnosis = new DiagnosisResult(findings, [], [], 1, 10);
        return new IssuingCertificateListFix().Plan(Site, new FixContext(facts, diagnosis, selection, TestGenerator.DefaultFixOptions, PackageLayout.Paths));
    }

    [Fact]
    public void Plan_AllTargets_EveryManagementPointAndPxeDistributionPoint()
    {
        var plan = Plan(TargetSelection.All).Plan!;

        Assert.Equal(["dp01.contoso.com", "dp02.contoso.com", "mp01.contoso.com"], plan.Targets.Select(t => t.Server));
        Assert.All(plan.Targets, t => Assert.True(t.InFacts));
        Assert.Equal("management point: the value belongs on every MP of the site; the check changes nothing where it is right", plan.Targets[2].Reason);
    }

    [Fact]
    public void Plan_ValueWithTrailingSeparator_ExpectsTheNonEmptyEntriesInOrder()
    {
        var model = Assert.IsType<IssuingCertificateListModel>(Plan(TargetSelection.All).Plan!.TemplateModel);

        Assert.Equal(["AAAA", "BBBB"], model.ExpectedEntries);
        Assert.True(model.UseRegExe);
        Assert.Equal(Site.IssuingCertificateList!.Length, model.ValueLength);
    }

    [Fact]
    public void Plan_AffectedTargets_OnlyServersTheLogsShowFailing()
    {
        var plan = Plan(TargetSelection.Affected, FindingOn("dp01.contoso.com")).Plan!;

        var target = Assert.Single(plan.Targets);
        Assert.Equal("dp01.contoso.com", target.Server);
        Assert.Equal("the logs show it failing (2 record(s))", target.Reason);
        Assert.Equal(["PXE-enabled distribution point"], target.Roles);
    }

    [Fact]
    public void Plan_ServerOnlyInLogs_IsTargetedAndFlagged()
    {
        var result = Plan(TargetSelection.All, FindingOn("dp09.contoso.com"));

        var target = result.Plan!.Targets.Single(t => t.Server == "dp09.contoso.com");
        Assert.False(target.InFacts);
        Assert.Equal(["named in logs only"], target.Roles);
        Assert.Equal("dp09.contoso.com is named in the logs but not in the site facts; it is targeted, check that it belongs to site PS1.", Assert.Single(result.Notes));
    }

    [Fact]
    public void Plan_NonPxeDistributionPointInLogs_IsTargetedWithItsRole()
    {
        var target = Plan(TargetSelection.Affected, FindingOn("dp03.contoso.com")).Plan!.Targets.Single();

        Assert.Equal(["distribution point (PXE not enabled)"], target.Roles);
        Assert.True(target.InFacts);
    }

    [Fact]
    public void Plan_NoValueInDatabase_NoPlanAndANote()
    {
        var site = Site with { IssuingCertificateList = null };
        var facts = new HierarchyFacts([site], "test", null, []);
        var diagnosis = new DiagnosisResult([FindingOn("dp01.contoso.com")], [], [], 1, 1);

        var result = new IssuingCertificateListFix().Plan(site, new FixContext(facts, diagnosis, TargetSelection.All, TestGenerator.DefaultFixOptions, PackageLayout.Paths));

        Assert.Null(result.Plan);
        Assert.Equal("Site PS1: the site database holds no IssuingCertificateList value, so there is nothing to write although the logs show 1 affected server(s); check the site server's certificates first.", Assert.Single(result.Notes));
    }

    [Fact]
    public void Plan_AffectedWithoutFindings_NoPlanAndANote()
    {
        var result = Plan(TargetSelection.Affected);

        Assert.Null(result.Plan);
        Assert.Equal("Site PS1: no IssuingCertificateList package: no server of this site is shown failing in the logs (--targets affected).", Assert.Single(result.Notes));
    }

    [Fact]
    public void Plan_NoManagementPointAndNoPxeDistributionPoint_NoPlanAndANote()
    {
        // Given a site with a value, no management point and only a distribution point without PXE (the demo's CAS)
        var site = Site with { ManagementPoints = [], DistributionPoints = [new DistributionPointFacts("dp03.contoso.com", IsPxe: false, PxePasswordSet: false)] };
        var facts = new HierarchyFacts([site], "test", null, []);

        // When every server that needs it is targeted
        var result = new IssuingCertificateListFix().Plan(site, new FixContext(facts, new DiagnosisResult([], [], [], 1, 1), TargetSelection.All, TestGenerator.DefaultFixOptions, PackageLayout.Paths));

        // Then there is no package, and the note says why in the admin's terms
        Assert.Null(result.Plan);
        Assert.Equal("Site PS1: no IssuingCertificateList package: the site has no management point and no PXE-enabled distribution point.", Assert.Single(result.Notes));
    }
}
