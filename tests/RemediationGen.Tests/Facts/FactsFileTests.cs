using System.Text;
using RemediationGen.Facts;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Facts;

public sealed class FactsFileTests
{
    private const string Valid = """
        { "schemaVersion": 1,
          "sites": [ { "siteCode": "ps1", "siteServer": "CM01.contoso.com",
                       "issuingCertificateList": "AB\\0CD",
                       "managementPoints": [ "mp02.contoso.com", "MP01.contoso.com" ],
                       "distributionPoints": [ { "serverName": "dp01.contoso.com", "isPxe": true, "pxePasswordSet": false } ] } ] }
        """;

    private static HierarchyFacts Parse(string json) => FactsFile.Parse(Encoding.UTF8.GetBytes(json), "facts.json", "facts.json");

    private static string ErrorOf(string json) => Assert.Throws<RemediationGenException>(() => Parse(json)).Message;

    [Fact]
    public void Parse_ValidFile_NormalizesCodesAndNames()
    {
        var facts = Parse(Valid);

        var site = Assert.Single(facts.Sites);
        Assert.Equal("PS1", site.SiteCode);
        Assert.Equal("cm01.contoso.com", site.SiteServer);
        Assert.Equal(@"AB\0CD", site.IssuingCertificateList);
        Assert.Equal(["mp01.contoso.com", "mp02.contoso.com"], site.ManagementPoints);
        Assert.Equal(new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: false), Assert.Single(site.DistributionPoints));
        Assert.Equal("facts.json", facts.Origin);
    }

    [Fact]
    public void Serialize_ThenParse_GivesTheSameFacts()
    {
        var facts = Parse(Valid) with { CollectedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero) };

        var again = FactsFile.Parse(FactsFile.Serialize(facts), "again", "again");

        Assert.Equal(facts.CollectedAt, again.CollectedAt);
        Assert.Equal(facts.Sites[0].ManagementPoints, again.Sites[0].ManagementPoints);
        Assert.Equal(facts.Sites[0].DistributionPoints, again.Sites[0].DistributionPoints);
        Assert.Equal(facts.Sites[0].IssuingCertificateList, again.Sites[0].IssuingCertificateList);
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 2, "sites": [] }""", "Facts file 'facts.json': schemaVersion: 2 is not supported; this version of RemediationGen reads schemaVersion 1.")]
    [InlineData("""{ "sites": [] }""", "Facts file 'facts.json': schemaVersion: is missing.")]
    [InlineData("""{ "schemaVersion": 1, "sites": [], "sitez": [] }""", "Facts file 'facts.json': sitez: unknown field (expected one of: schemaVersion, collectedAt, source, sites).")]
    [InlineData("""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1/.." } ] }""", "Facts file 'facts.json': sites[0].siteCode: 'PS1/..' is not a site code (three letters or digits).")]
    [InlineData("""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1", "managementPoints": [ "mp01; Remove-Item" ] } ] }""", "Facts file 'facts.json': sites[0].managementPoints[0]: 'mp01; Remove-Item' is not a valid host name (character ';' at position 5 is not allowed in a host name).")]
    [InlineData("""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1", "distributionPoints": [ { "serverName": "dp01", "isPxe": "yes" } ] } ] }""", "Facts file 'facts.json': sites[0].distributionPoints[0].isPxe: must be true or false, not \"yes\".")]
    [InlineData("""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1" }, { "siteCode": "ps1" } ] }""", "Facts file 'facts.json': sites: site code 'PS1' appears more than once.")]
    [InlineData("""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1", "siteServer": "cm01\u2019.contoso.com" } ] }""", "Facts file 'facts.json': sites[0].siteServer: 'cm01\\u2019.contoso.com' is not a valid host name (character U+2019 at position 5 is not allowed in a host name).")]
    public void Parse_InvalidFile_NamesTheFieldAndValue(string json, string expected)
    {
        Assert.Equal(expected, ErrorOf(json));
    }

    [Fact]
    public void Parse_DistributionPointCertificateFields_AreOptionalAndChecked()
    {
        var site = Parse("""
            { "schemaVersion": 1, "sites": [ { "siteCode": "PS1", "distributionPoints": [
              { "serverName": "dp01", "isPxe": true, "pxePasswordSet": true, "pxeResponder": "sccmpxe",
                "certificateThumbprint": "01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67", "certificateExpires": "2027-01-31T00:00:00Z" } ] } ] }
            """).Sites[0];

        var dp = Assert.Single(site.DistributionPoints);
        Assert.Equal("SccmPxe", dp.PxeResponder);
        Assert.Equal("0123456789ABCDEF0123456789ABCDEF01234567", dp.CertificateThumbprint);
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero), dp.CertificateExpires);
        Assert.Equal(
            "Facts file 'facts.json': sites[0].distributionPoints[0].pxeResponder: 'PXE' is not one of: WDSServer, SccmPxe.",
            ErrorOf("""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1", "distributionPoints": [ { "serverName": "dp01", "pxeResponder": "PXE" } ] } ] }"""));
    }

    [Fact]
    public void Parse_MalformedJson_NamesLineAndColumn()
    {
        var message = ErrorOf("{\n  \"schemaVersion\": 1,\n  \"sites\": [ oops ]\n}");

        Assert.StartsWith("Facts file 'facts.json' line 3, column 14: not valid JSON (", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_IsInvalidInput()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("missing.json");

        var ex = Assert.Throws<RemediationGenException>(() => FactsFile.Read(path));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.StartsWith($"Facts file '{path}' cannot be read: ", ex.Message, StringComparison.Ordinal);
    }
}
