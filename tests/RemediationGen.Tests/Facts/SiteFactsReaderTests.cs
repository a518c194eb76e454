using RemediationGen.Facts;

namespace RemediationGen.Tests.Facts;

/// <summary>Runs the production query text against an SQLite copy of a CAS site database.</summary>
public sealed class SiteFactsReaderTests
{
    private const string HostileNameWarning =
        "Distribution point name 'dp05'; x' (site PS1) is not a valid host name (character ''' at position 5 is not allowed in a host name); it was not used.";

    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Read_CasDatabase_ReturnsEveryHierarchySiteWithNormalisedServers()
    {
        var facts = Read(SiteFactsReadOptions.Default, SiteDatabaseFixture.Script);

        Assert.Equal("SQL test/CM_CAS", facts.Origin);
        Assert.Equal(Now, facts.CollectedAt);
        Assert.Equal(["CAS", "PS1", "PS2"], facts.Sites.Select(s => s.SiteCode));

        var cas = facts.Sites[0];
        Assert.Equal("cas01.contoso.com", cas.SiteServer);
        Assert.Equal("CASICL0123456789ABCDEF", cas.IssuingCertificateList);
        Assert.Empty(cas.ManagementPoints);
        Assert.Empty(cas.DistributionPoints);

        var ps1 = facts.Sites[1];
        Assert.Equal("ps1site.contoso.com", ps1.SiteServer);
        Assert.Equal("PS1ICL0123456789ABCDEF", ps1.IssuingCertificateList);
        Assert.Equal(["ps1mp1.contoso.com", "ps1mp2.contoso.com"], ps1.ManagementPoints);
        Assert.Equal(
            [
                new DistributionPointFacts("ps1dp1.contoso.com", IsPxe: true, PxePasswordSet: true),
                new DistributionPointFacts("ps1dp2.contoso.com", IsPxe: true, PxePasswordSet: false),
                new DistributionPointFacts("ps1dp3.contoso.com", IsPxe: false, PxePasswordSet: false),
            ],
            ps1.DistributionPoints);

        var ps2 = facts.Sites[2];
        Assert.Equal("ps2site.contoso.com", ps2.SiteServer);
        Assert.Equal("PS2ICL0123456789ABCDEF", ps2.IssuingCertificateList);
        Assert.Equal(["ps2mp1.contoso.com"], ps2.ManagementPoints);
        Assert.Equal([new DistributionPointFacts("ps2dp1.contoso.com", IsPxe: true, PxePasswordSet: true)], ps2.DistributionPoints);

        Assert.Equal([HostileNameWarning], facts.Warnings);
    }

    [Fact]
    public void Read_SiteWithoutIssuingCertificateList_GivesNull()
    {
        using var connection = SiteDatabaseFixture.Open(SiteDatabaseFixture.Script);
        SiteDatabaseFixture.Execute(connection, "DELETE FROM SC_Component_Property WHERE ComponentID = 301");

        var facts = SiteFactsReader.Read(connection, "test", SiteFactsReadOptions.Default, new FixedTimeProvider(Now), CancellationToken.None);

        Assert.Null(facts.FindSite("PS2")!.IssuingCertificateList);
        Assert.Equal("PS1ICL0123456789ABCDEF", facts.FindSite("PS1")!.IssuingCertificateList);
    }

    [Fact]
    public void Read_ComponentsDisagree_FailsWithEveryValueDescribed()
    {
        var ex = Assert.Throws<RemediationGenException>(() => Read(SiteFactsReadOptions.Default, SiteDatabaseFixture.Script, SiteDatabaseFixture.AmbiguousScript));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(
            "Site PS2 has 2 different IssuingCertificateList values in the site database: "
            + "SMS_MP_CONTROL_MANAGER has 23 characters starting 'PS2OTHER-ICL-VAL', SHA-256 68460225ee842029; "
            + "SMS_SITE_COMPONENT_MANAGER has 22 characters starting 'PS2ICL0123456789', SHA-256 d69161e528e0d6f3. "
            + "Choose one with --icl-component PS2=<COMPONENT>, for example --icl-component PS2=SMS_MP_CONTROL_MANAGER.",
            ex.Message);
    }

    [Theory]
    [InlineData("SMS_SITE_COMPONENT_MANAGER", "PS2ICL0123456789ABCDEF")]
    [InlineData("sms_mp_control_manager", "PS2OTHER-ICL-VALUE-0001")]
    public void Read_ComponentChosen_UsesThatComponentsValue(string component, string expected)
    {
        var options = Choose("ps2", component);

        var facts = Read(options, SiteDatabaseFixture.Script, SiteDatabaseFixture.AmbiguousScript);

        Assert.Equal(expected, facts.FindSite("PS2")!.IssuingCertificateList);
    }

    [Fact]
    public void Read_ChosenComponentUnknown_FailsNamingIt()
    {
        var ex = Assert.Throws<RemediationGenException>(() => Read(Choose("PS1", "SMS_NO_SUCH"), SiteDatabaseFixture.Script));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(
            "--icl-component PS1=SMS_NO_SUCH: site PS1 has no component 'SMS_NO_SUCH' with an IssuingCertificateList; "
            + "its components with an IssuingCertificateList are SMS_MP_CONTROL_MANAGER, SMS_SITE_COMPONENT_MANAGER.",
            ex.Message);
    }

    [Fact]
    public void Read_InvalidValuesFromDatabase_AreWarnedAndSkipped()
    {
        using var connection = SiteDatabaseFixture.Open(SiteDatabaseFixture.Script);
        SiteDatabaseFixture.Execute(connection, """
            INSERT INTO SC_SiteDefinition (SiteNumber, SiteCode, SiteName) VALUES (9, 'P$1', 'bad code');
            INSERT INTO v_SystemResourceList (ServerName, SiteCode, RoleName, NALPath) VALUES ('mp9.contoso.com', 'PS9', 'SMS Management Point', '');
            INSERT INTO DistributionPoints (ServerName, SMSSiteCode, IsPXE, PXEPassword) VALUES ('ps1dp9.contoso.com', 'PS1', 'yes', NULL);
            INSERT INTO DistributionPoints (ServerName, SMSSiteCode, IsPXE, PXEPassword) VALUES ('bad' || char(10) || 'é', 'PS1', 1, NULL);
            """);

        var facts = SiteFactsReader.Read(connection, "test", SiteFactsReadOptions.Default, new FixedTimeProvider(Now), CancellationToken.None);

        Assert.Equal(["CAS", "PS1", "PS2"], facts.Sites.Select(s => s.SiteCode));
        Assert.Equal(
            [
                "Site code 'P$1' in SC_SiteDefinition is not a valid site code (three letters or digits); it was not used.",
                "Management point 'mp9.contoso.com' belongs to site PS9, which SC_SiteDefinition does not list; it was not used.",
                "Distribution point name 'bad\\u000A\\u00E9' (site PS1) is not a valid host name (character U+000A at position 4 is not allowed in a host name); it was not used.",
                HostileNameWarning,
                "Distribution point 'ps1dp9.contoso.com' (site PS1) has IsPXE value 'yes', which is not a 0/1 flag; it was treated as not PXE-enabled.",
            ],
            facts.Warnings);
        Assert.Contains(new DistributionPointFacts("ps1dp9.contoso.com", IsPxe: false, PxePasswordSet: false), facts.FindSite("PS1")!.DistributionPoints);
    }

    [Fact]
    public void Read_NotASiteDatabase_FailsAsDataSourceUnavailable()
    {
        using var connection = SiteDatabaseFixture.Open();
        SiteDatabaseFixture.Execute(connection, "CREATE TABLE SC_SiteDefinition (SiteNumber INTEGER, SiteCode TEXT)");

        var ex = Assert.Throws<RemediationGenException>(
            () => SiteFactsReader.Read(connection, "SQL test/master", SiteFactsReadOptions.Default, new FixedTimeProvider(Now), CancellationToken.None));

        Assert.Equal(ErrorKind.DataSourceUnavailable, ex.Kind);
        Assert.StartsWith(
            "SQL test/master is not a ConfigMgr site database: table or view 'v_SystemResourceList' is missing (while reading the SMS Site Server list (v_SystemResourceList)).",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Queries_AreReadOnly()
    {
        string[] queries =
        [
            SiteFactsQueries.IssuingCertificateList, SiteFactsQueries.Sites, SiteFactsQueries.SiteServers,
            SiteFactsQueries.ManagementPoints, SiteFactsQueries.DistributionPoints,
        ];

        Assert.All(queries, q => Assert.StartsWith("SELECT ", q, StringComparison.Ordinal));
        Assert.All(queries, q => Assert.DoesNotContain(";", q, StringComparison.Ordinal));

        // The password column is only ever tested for emptiness on the server, never selected.
        var passwordUses = SiteFactsQueries.DistributionPoints.Split("PXEPassword", StringSplitOptions.None).Length - 1;
        Assert.Equal(1, passwordUses);
        Assert.Contains("CASE WHEN COALESCE(PXEPassword, '') <> '' THEN 1 ELSE 0 END AS PxePasswordSet", SiteFactsQueries.DistributionPoints, StringComparison.Ordinal);
    }

    private static SiteFactsReadOptions Choose(string site, string component) =>
        SiteFactsReadOptions.Default with { IssuingCertificateListComponents = new Dictionary<string, string> { [site] = component } };

    private static HierarchyFacts Read(SiteFactsReadOptions options, params string[] scripts)
    {
        using var connection = SiteDatabaseFixture.Open(scripts);
        return SiteFactsReader.Read(connection, "SQL test/CM_CAS", options, new FixedTimeProvider(Now), CancellationToken.None);
    }
}
