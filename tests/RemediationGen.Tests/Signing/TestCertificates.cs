using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

/// <summary>
/// Certificates made at run time (keys never go into the repository): a CA, a code-signing leaf it issued, an
/// expired leaf, a leaf without the Code Signing EKU, and a second CA with its own code-signing leaf. Each leaf is
/// written as a PFX (leaf, key and CA) with <see cref="Password"/>, and each CA and leaf as PEM for osslsigncode.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public const string Password = "test-pfx-password";
    private static readonly Lazy<TestCertificates> LazyShared = new(() =>
    {
        var certificates = new TestCertificates();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => certificates.Dispose();
        return certificates;
    });

    private readonly TempDirectory _folder = new();

    private TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        Ca = CreateCa("CN=RemediationGen Test CA", caKey, now);
        using var otherCaKey = RSA.Create(2048);
        OtherCa = CreateCa("CN=RemediationGen Other CA", otherCaKey, now);
        Signer = Issue("CN=RemediationGen Test Signer, O=Contoso", Ca, caKey, now.AddDays(-1), now.AddYears(1), codeSigning: true, "signer");
        Expired = Issue("CN=RemediationGen Expired Signer", Ca, caKey, now.AddYears(-2), now.AddYears(-1), codeSigning: true, "expired");
        NoCodeSigning = Issue("CN=RemediationGen Server Auth", Ca, caKey, now.AddDays(-1), now.AddYears(1), codeSigning: false, "no-eku");
        OtherSigner = Issue("CN=RemediationGen Other Signer", OtherCa, otherCaKey, now.AddDays(-1), now.AddYears(1), codeSigning: true, "other");
        TimestampAuthority = Issue("CN=RemediationGen Test TSA", Ca, caKey, now.AddDays(-1), now.AddYears(1), codeSigning: false, "tsa", TimeStampingEku);
        CaPem = WritePem("ca.pem", Ca);
        OtherCaPem = WritePem("other-ca.pem", OtherCa);
    }

    public static TestCertificates Shared => LazyShared.Value;

    public X509Certificate2 Ca { get; }

    public X509Certificate2 OtherCa { get; }

    public Leaf Signer { get; }

    public Leaf Expired { get; }

    public Leaf NoCodeSigning { get; }

    public Leaf OtherSigner { get; }

    /// <summary>A time-stamping authority's certificate (EKU timeStamping, critical) issued by <see cref="Ca"/>.</summary>
    public Leaf TimestampAuthority { get; }

    public string Folder => _folder.Path;

    public string CaPem { get; }

    public string OtherCaPem { get; }

    public void Dispose() => _folder.Dispose();

    private static X509Certificate2 CreateCa(string subject, RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddYears(-3), now.AddYears(5));
    }

    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    private Leaf Issue(string subject, X509Certificate2 ca, RSA caKey, DateTimeOffset notBefore, DateTimeOffset notAfter, bool codeSigning, string name, string? onlyEku = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(onlyEku ?? (codeSigning ? "1.3.6.1.5.5.7.3.3" : "1.3.6.1.5.5.7.3.1"))], critical: onlyEku is not null));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        var pfx = _folder.Combine(name + ".pfx");
        File.WriteAllBytes(pfx, new X509Certificate2Collection { withKey, ca }.Export(X509ContentType.Pkcs12, Password)!);
        var keyPem = _folder.Combine(name + ".key.pem");
        File.WriteAllText(keyPem, key.ExportPkcs8PrivateKeyPem());
        return new Leaf(X509CertificateLoader.LoadCertificate(issued.RawData), pfx, WritePem(name + ".pem", issued), keyPem);
    }

    private string WritePem(string fileName, X509Certificate2 certificate)
    {
        var path = _folder.Combine(fileName);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }

    /// <param name="Pfx">Leaf, key and its CA, protected by <see cref="Password"/>.</param>
    public sealed record Leaf(X509Certificate2 Certificate, string Pfx, string CertificatePem, string KeyPem)
    {
        public string Thumbprint => Certificate.Thumbprint;
    }
}
