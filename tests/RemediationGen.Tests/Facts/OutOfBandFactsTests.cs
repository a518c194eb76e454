using System.Text;
using RemediationGen.Facts;

namespace RemediationGen.Tests.Facts;

public sealed class OutOfBandFactsTests
{
    private static HierarchyFacts Parse(string outOfBand) => FactsFile.Parse(
        Encoding.UTF8.GetBytes($$"""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1", "outOfBandManagement": {{outOfBand}} } ] }"""),
        "facts.json",
        "facts.json");

    [Fact]
    public void Parse_OutOfBandSection_ReadsAndNormalizes()
    {
        var site = Parse("""
            { "servicePoint": "OOB01.contoso.com",
              "provisioningCertificateSubject": { "organization": "Contoso Ltd", "locality": "Redmond", "state": "Washington", "country": "US" },
              "trustedRootHashes": [ "ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01" ] }
            """).Sites[0];

        Assert.Equal("oob01.contoso.com", site.OutOfBand!.ServicePoint);
        Assert.Equal(new ProvisioningSubject("Contoso Ltd", "Redmond", "Washington", "US"), site.OutOfBand.Subject);
        Assert.Equal(["ABCDEF0123456789ABCDEF0123456789ABCDEF01"], site.OutOfBand.TrustedRootHashes);
    }

    [Fact]
    public void Serialize_ThenParse_KeepsTheSection()
    {
        var facts = Parse("""{ "servicePoint": "oob01.contoso.com", "trustedRootHashes": [] }""");

        var again = FactsFile.Parse(FactsFile.Serialize(facts), "again", "again");

        Assert.Equal("oob01.contoso.com", again.Sites[0].OutOfBand!.ServicePoint);
        Assert.Null(again.Sites[0].OutOfBand!.Subject);
    }

    [Fact]
    public void Parse_ProvisioningCertificateThumbprint_IsNormalizedAndKeptBySerialize()
    {
        var facts = Parse("""{ "servicePoint": "oob01.contoso.com", "provisioningCertificateThumbprint": "55 b7 af 31 3a 72 5c a1 0b b4 7a 38 24 94 a3 bd 29 27 d1 fb" }""");

        var again = FactsFile.Parse(FactsFile.Serialize(facts), "again", "again");

        Assert.Equal("55B7AF313A725CA10BB47A382494A3BD2927D1FB", facts.Sites[0].OutOfBand!.ProvisioningCertificateThumbprint);
        Assert.Equal("55B7AF313A725CA10BB47A382494A3BD2927D1FB", again.Sites[0].OutOfBand!.ProvisioningCertificateThumbprint);
    }

    [Theory]
    [InlineData("""{ "servicePoint": "oob01", "provisioningCertificateThumbprint": "55B7" }""", "sites[0].outOfBandManagement.provisioningCertificateThumbprint: \"55B7\" is not a SHA-1 thumbprint (40 hex digits).")]
    [InlineData("""{ "servicePoint": "oob 01" }""", "sites[0].outOfBandManagement.servicePoint: 'oob 01' is not a valid host name")]
    [InlineData("""{ "servicePoint": "oob01", "trustedRootHashes": [ "1234" ] }""", "sites[0].outOfBandManagement.trustedRootHashes[0]: \"1234\" is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) hash.")]
    [InlineData("""{ "servicePoint": "oob01", "provisioningCertificateSubject": { "organization": "A/B", "locality": "L", "state": "S", "country": "US" } }""", "sites[0].outOfBandManagement.provisioningCertificateSubject.organization: organization 'A/B' holds '/'")]
    [InlineData("""{ "servicePoint": "oob01", "provisioningCertificateSubject": { "organization": "A", "locality": "L", "state": "S" } }""", "sites[0].outOfBandManagement.provisioningCertificateSubject.country: is missing.")]
    [InlineData("""{ "servicePoint": "oob01", "rootHashes": [] }""", "sites[0].outOfBandManagement.rootHashes: unknown field")]
    public void Parse_InvalidSection_NamesTheField(string outOfBand, string expected)
    {
        var ex = Assert.Throws<RemediationGenException>(() => Parse(outOfBand));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
