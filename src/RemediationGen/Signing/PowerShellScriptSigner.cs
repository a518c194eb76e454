namespace RemediationGen.Signing;

/// <summary>
/// Authenticode-signs a PowerShell script in memory, in the format of osslsigncode's script.c (which follows
/// PowerShell's SIP): digest = SHA-256 of the script as UTF-16LE (<see cref="ScriptDigest"/>), an
/// SpcIndirectDataContent naming the PowerShell SIP (<see cref="SpcIndirectData"/>), a PKCS#7 SignedData
/// (<see cref="AuthenticodeSignedData"/>) and the <c># SIG #</c> trailer (<see cref="PowerShellSignatureBlock"/>).
/// </summary>
public static class PowerShellScriptSigner
{
    public static byte[] Sign(byte[] script, CodeSigningCertificate signer, TimestampClient? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(signer);
        if (PowerShellSignatureBlock.HasBlock(script))
        {
            throw new InvalidOperationException("The script already has a signature block; callers check for it first.");
        }

        var indirectData = SpcIndirectData.Encode(ScriptDigest.Sha256(script));
        return PowerShellSignatureBlock.Append(script, AuthenticodeSignedData.Create(indirectData, signer, timestamp));
    }
}
