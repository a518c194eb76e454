using System.Security.Cryptography.X509Certificates;

namespace RemediationGen.Signing;

/// <summary>The signer as the manifest records it (<c>signature</c>): subject, thumbprint, issuer and validity.</summary>
internal sealed record SignerRecord(string Subject, string Thumbprint, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    public static SignerRecord Of(X509Certificate2 certificate) => new(
        certificate.Subject,
        certificate.Thumbprint,
        certificate.Issuer,
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));

    public bool IsValidAt(DateTimeOffset time) => time >= NotBefore && time <= NotAfter;

    public string Validity => $"valid from {IsoTime.Utc(NotBefore)} to {IsoTime.Utc(NotAfter)}";
}
