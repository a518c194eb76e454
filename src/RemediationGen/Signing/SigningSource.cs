namespace RemediationGen.Signing;

/// <summary>
/// Where the signing certificate comes from: a PFX file (with the password the caller read from an environment
/// variable) or, on Windows, a thumbprint in CurrentUser\My or LocalMachine\My. A class, not a record: a generated
/// ToString must never print the password.
/// </summary>
internal sealed class SigningSource
{
    private readonly string? _pfxPath;
    private readonly string? _password;
    private readonly string? _thumbprint;
    private readonly bool _includeRoot;

    private SigningSource(string? pfxPath, string? password, string? thumbprint, bool includeRoot)
    {
        _pfxPath = pfxPath;
        _password = password;
        _thumbprint = thumbprint;
        _includeRoot = includeRoot;
    }

    /// <summary>An RFC 3161 time-stamping server that countersigns every signature; null: no timestamp.</summary>
    public Uri? TimestampUrl { get; private init; }

    public static SigningSource Pfx(string path, string? password, bool includeRoot = false, Uri? timestampUrl = null) =>
        new(path, password, null, includeRoot) { TimestampUrl = timestampUrl };

    public static SigningSource Store(string thumbprint, bool includeRoot = false, Uri? timestampUrl = null) =>
        new(null, null, thumbprint, includeRoot) { TimestampUrl = timestampUrl };

    /// <summary>The checked certificate with the timestamp server, if any.</summary>
    public SigningSession Open(TimeProvider timeProvider) => new(Load(timeProvider), TimestampUrl);

    /// <summary>Loads and checks the certificate (Code Signing EKU, private key, valid now); one clear line when it is not usable.</summary>
    public CodeSigningCertificate Load(TimeProvider timeProvider) =>
        _pfxPath is not null
            ? CodeSigningCertificate.FromPfx(_pfxPath, _password, _includeRoot, timeProvider)
            : CodeSigningCertificate.FromStore(_thumbprint!, _includeRoot, timeProvider);
}
