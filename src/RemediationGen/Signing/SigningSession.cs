using RemediationGen.Packaging;

namespace RemediationGen.Signing;

/// <summary>A checked certificate and, when asked, the timestamp server: what signs the packages of one run.</summary>
internal sealed class SigningSession : IDisposable
{
    private readonly HttpClient? _http;
    private readonly TimestampClient? _timestamp;

    public SigningSession(CodeSigningCertificate certificate, Uri? timestampUrl)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate;
        if (timestampUrl is not null)
        {
            _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            _timestamp = new TimestampClient(timestampUrl, _http);
        }
    }

    public CodeSigningCertificate Certificate { get; }

    public RenderedPackage Sign(RenderedPackage package) => PackageSigner.Sign(package, Certificate, _timestamp);

    public void Dispose()
    {
        _http?.Dispose();
        Certificate.Dispose();
    }
}
