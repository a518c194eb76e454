using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RemediationGen.Signing;

/// <summary>
/// The certificate scripts are signed with, checked before anything is signed: it has the Code Signing extended key
/// usage, an RSA private key, and is valid at the time the <see cref="TimeProvider"/> gives. It carries the
/// certificates the signature embeds: the signer and its issuers from the PFX (or the store's chain), without the
/// self-signed root unless asked (targets must already trust the root; sending it proves nothing).
/// </summary>
internal sealed class CodeSigningCertificate : IDisposable
{
    private readonly List<X509Certificate2> _owned;

    private CodeSigningCertificate(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> embedded, List<X509Certificate2> owned)
    {
        Certificate = certificate;
        EmbeddedCertificates = embedded;
        _owned = owned;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The signer first, then its issuers up to (and, if asked, including) the root.</summary>
    public IReadOnlyList<X509Certificate2> EmbeddedCertificates { get; }

    /// <summary>Uppercase hex SHA-1 thumbprint, as Windows shows it.</summary>
    public string Thumbprint => Certificate.Thumbprint;

    /// <summary>Loads and checks a PFX file. The password comes from the caller (an environment variable), never from disk.</summary>
    public static CodeSigningCertificate FromPfx(string path, string? password, bool includeRoot, TimeProvider timeProvider)
    {
        if (!File.Exists(path))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Signing certificate '{path}' does not exist.");
        }

        X509Certificate2Collection collection;
        try
        {
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, flags);
        }
        catch (CryptographicException)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Signing certificate '{path}' cannot be opened: not a PFX file, or the password (--sign-password) is wrong.");
        }

        var owned = collection.ToList();
        var signer = owned.FirstOrDefault(c => c.HasPrivateKey && HasCodeSigningEku(c)) ?? owned.FirstOrDefault(c => c.HasPrivateKey);
        if (signer is null)
        {
            Dispose(owned);
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Signing certificate '{path}' holds no certificate with a private key.");
        }

        return Checked(signer, IssuerChain(signer, owned, includeRoot), owned, $"'{path}'", timeProvider);
    }

    /// <summary>Windows only: a certificate with its private key from CurrentUser\My or LocalMachine\My.</summary>
    public static CodeSigningCertificate FromStore(string thumbprint, bool includeRoot, TimeProvider timeProvider)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, "--sign-thumbprint reads the Windows certificate store and works on Windows only; elsewhere use --sign-certificate FILE.pfx.");
        }

        var wanted = thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
            if (found.Count > 0)
            {
                var signer = found[0];
                using var chain = new X509Chain { ChainPolicy = { RevocationMode = X509RevocationMode.NoCheck } };
                chain.Build(signer);
                var chainCertificates = chain.ChainElements.Select(e => e.Certificate).Skip(1).ToList();
                return Checked(signer, IssuerChain(signer, chainCertificates, includeRoot), [signer, .. chainCertificates], $"thumbprint {wanted} ({location}\\My)", timeProvider);
            }
        }

        throw new RemediationGenException(ErrorKind.InvalidInput, $"No certificate with thumbprint {wanted} in CurrentUser\\My or LocalMachine\\My.");
    }

    public static bool HasCodeSigningEku(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == AuthenticodeOids.CodeSigningEku));

    public void Dispose() => Dispose(_owned);

    private static CodeSigningCertificate Checked(X509Certificate2 signer, List<X509Certificate2> embedded, List<X509Certificate2> owned, string source, TimeProvider timeProvider)
    {
        var problem = Problem(signer, timeProvider);
        if (problem is not null)
        {
            // The message is made before the certificates are disposed: a disposed certificate cannot name itself.
            var message = $"Signing certificate {source} ({signer.Subject}, thumbprint {signer.Thumbprint}) {problem}.";
            Dispose(owned);
            throw new RemediationGenException(ErrorKind.InvalidInput, message);
        }

        return new CodeSigningCertificate(signer, embedded, owned);
    }

    private static string? Problem(X509Certificate2 signer, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (!HasCodeSigningEku(signer))
        {
            return $"has no Code Signing extended key usage ({AuthenticodeOids.CodeSigningEku})";
        }

        if (!signer.HasPrivateKey)
        {
            return "has no private key";
        }

        using (var rsa = signer.GetRSAPublicKey())
        {
            if (rsa is null)
            {
                return "does not have an RSA key (only RSA code-signing keys are supported)";
            }
        }

        if (now < signer.NotBefore.ToUniversalTime() || now > signer.NotAfter.ToUniversalTime())
        {
            return $"is not valid now: valid from {IsoTime.Utc(signer.NotBefore.ToUniversalTime())} to {IsoTime.Utc(signer.NotAfter.ToUniversalTime())}";
        }

        return null;
    }

    /// <summary>The signer, then each issuer found among <paramref name="candidates"/>; the self-signed root only when asked.</summary>
    private static List<X509Certificate2> IssuerChain(X509Certificate2 signer, IReadOnlyList<X509Certificate2> candidates, bool includeRoot)
    {
        var chain = new List<X509Certificate2> { signer };
        var current = signer;
        while (!IsSelfIssued(current))
        {
            var issuer = candidates.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData) && !chain.Contains(c));
            if (issuer is null || (IsSelfIssued(issuer) && !includeRoot))
            {
                break;
            }

            chain.Add(issuer);
            current = issuer;
        }

        return chain;
    }

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static void Dispose(List<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
