namespace RemediationGen.Signing;

/// <summary>
/// Where the signing certificate comes from: a PFX file (with the password the caller read from an environment
/// variable) or, on Windows, a thumbprint in CurrentUser\My or LocalMachine\My. A class, not a record: a generated
/// ToString must never print the password.
/// </summary>
public sealed class SigningSource
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

    public static SigningSource Pfx(string path, string? password, bool includeRoot = false) => new(path, password, null, includeRoot);

    public static SigningSource Store(string thumbprint, bool includeRoot = false) => new(null, null, thumbprint, includeRoot);

    /// <summary>Loads and checks the certificate (Code Signing EKU, private key, valid now); one clear line when it is not usable.</summary>
    public CodeSigningCertificate Load(TimeProvider timeProvider) =>
        _pfxPath is not null
            ? CodeSigningCertificate.FromPfx(_pfxPath, _password, _includeRoot, timeProvider)
            : CodeSigningCertificate.FromStore(_thumbprint!, _includeRoot, timeProvider);
}
