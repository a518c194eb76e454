using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>
/// Real X.509 certificates for LocalMachine\My, self-signed (so the chain's root is the certificate itself), dated
/// from <see cref="ScriptWorld.DefaultStart"/>. Made once per test run per name: key generation is the slow part.
/// </summary>
public static class TestCertificates
{
    public const string AmtProvisioningOid = "2.16.840.1.113741.1.2.3";
    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private static readonly ConcurrentDictionary<string, X509Certificate2> Made = new();

    /// <summary>The AMT provisioning certificates the tables use, by name.</summary>
    public static X509Certificate2 Named(string name) => Made.GetOrAdd(name, Create);

    public static IEnumerable<string> Names => ["valid", "renewed", "expiring", "expired", "without key", "by OU", "no purpose", "wildcard"];

    private static X509Certificate2 Create(string name) => name switch
    {
        "valid" => Make("CN=cm01.contoso.com", [ServerAuthenticationOid, AmtProvisioningOid], days: 200),
        "renewed" => Make("CN=cm01.contoso.com", [ServerAuthenticationOid, AmtProvisioningOid], days: 365),
        "expiring" => Make("CN=cm01.contoso.com", [ServerAuthenticationOid, AmtProvisioningOid], days: 10),
        "expired" => Make("CN=cm01.contoso.com", [ServerAuthenticationOid, AmtProvisioningOid], days: -3),
        "without key" => X509CertificateLoader.LoadCertificate(Make("CN=cm01.contoso.com", [ServerAuthenticationOid, AmtProvisioningOid], days: 200).RawData),
        "by OU" => Make("CN=cm01.contoso.com, OU=Intel(R) Client Setup Certificate", [ServerAuthenticationOid], days: 200),
        "no purpose" => Make("CN=cm01.contoso.com", [ServerAuthenticationOid], days: 200),
        "wildcard" => Make("CN=*.contoso.com", [ServerAuthenticationOid, AmtProvisioningOid], days: 200),
        _ => throw new ArgumentException("No test certificate named " + name, nameof(name)),
    };

    private static X509Certificate2 Make(string subject, string[] usages, int days)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var oids = new OidCollection();
        foreach (var usage in usages)
        {
            oids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
        var now = new DateTimeOffset(ScriptWorld.DefaultStart);
        return request.CreateSelfSigned(now.AddDays(Math.Min(-30, days - 30)), now.AddDays(days));
    }
}
