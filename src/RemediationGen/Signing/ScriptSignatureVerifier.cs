using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace RemediationGen.Signing;

/// <summary>What the signature of one script says: its signer, or why it does not verify.</summary>
/// <param name="Signer">The signing certificate (null when there is none to name).</param>
/// <param name="Problem">Null when the signature is valid and covers the file as it is.</param>
/// <param name="Timestamp">The time a valid RFC 3161 timestamp attests; null without one.</param>
internal sealed record ScriptSignature(X509Certificate2? Signer, string? Problem, DateTimeOffset? Timestamp = null);

/// <summary>
/// Checks a script's Authenticode signature the way osslsigncode's <c>verify</c> does, minus the chain to a trusted
/// root (the targets decide that; <c>verify --trusted-signer</c> pins the signer instead): the block parses, the
/// PKCS#7 has one signer whose signature over the signed attributes verifies (SignedCms: this also checks their
/// messageDigest against the SpcIndirectDataContent), the content names the PowerShell SIP, and its digest is that of
/// the script as it is now.
/// </summary>
internal static class ScriptSignatureVerifier
{
    public static ScriptSignature Verify(byte[] file)
    {
        if (!PowerShellSignatureBlock.TryParse(file, out var contentLength, out var pkcs7, out var reason))
        {
            return new ScriptSignature(null, reason);
        }

        var cms = new SignedCms();
        try
        {
            cms.Decode(pkcs7);
        }
        catch (CryptographicException)
        {
            return new ScriptSignature(null, "the signature block does not hold a PKCS#7 signature");
        }

        if (cms.ContentInfo.ContentType.Value != AuthenticodeOids.SpcIndirectDataContent)
        {
            return new ScriptSignature(null, "the signature is not an Authenticode signature (no SpcIndirectDataContent)");
        }

        if (cms.SignerInfos.Count != 1)
        {
            return new ScriptSignature(null, $"the signature has {cms.SignerInfos.Count} signers; one is expected");
        }

        var signerInfo = cms.SignerInfos[0];
        var signer = signerInfo.Certificate;
        if (signer is null)
        {
            return new ScriptSignature(null, "the signature does not carry its signer's certificate");
        }

        try
        {
            signerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return new ScriptSignature(signer, "the signature does not verify (the signature block was changed)");
        }

        if (!SpcIndirectData.TryDecode(cms.ContentInfo.Content, out var signedDigest))
        {
            return new ScriptSignature(signer, "the signature is not a SHA-256 signature of a PowerShell script (SIP)");
        }

        byte[] digest;
        try
        {
            digest = ScriptDigest.Sha256(file.AsSpan(0, contentLength));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return new ScriptSignature(signer, "the script is not valid UTF-8");
        }

        if (!CryptographicOperations.FixedTimeEquals(digest, signedDigest))
        {
            return new ScriptSignature(signer, "the script was changed after it was signed (its digest does not match the signature)");
        }

        return Timestamp(signerInfo) is { } timestamp
            ? timestamp.Problem is null ? new ScriptSignature(signer, null, timestamp.Time) : new ScriptSignature(signer, timestamp.Problem)
            : new ScriptSignature(signer, null);
    }

    /// <summary>The RFC 3161 countersignature in the unsigned attributes, checked against the signature it covers; null when there is none.</summary>
    private static (DateTimeOffset? Time, string? Problem)? Timestamp(SignerInfo signerInfo)
    {
        var attribute = signerInfo.UnsignedAttributes.Cast<CryptographicAttributeObject>().FirstOrDefault(a => a.Oid.Value == AuthenticodeOids.SpcRfc3161Timestamp);
        if (attribute is null)
        {
            return null;
        }

        return attribute.Values.Count == 1
            && Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _)
            && token!.VerifySignatureForSignerInfo(signerInfo, out _)
            ? (token.TokenInfo.Timestamp, null)
            : (null, "the RFC 3161 timestamp does not verify against the signature");
    }
}
