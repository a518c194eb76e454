namespace RemediationGen.Signing;

/// <summary>
/// Authenticode-signs a PowerShell script in memory, in the format of osslsigncode's script.c (which follows
/// PowerShell's SIP): digest = SHA-256 of the script as UTF-16LE (<see cref="ScriptDigest"/>), an
/// SpcIndirectDataContent naming the PowerShell SIP (<see cref="SpcIndirectData"/>), a PKCS#7 SignedData
/// (<see cref="AuthenticodeSignedData"/>) and the <c># SIG #</c> trailer (<see cref="PowerShellSignatureBlock"/>).
/// Followed from osslsigncode (script.c, helpers.c): <c>script_ctx_get</c> (where the block starts: the CRLF before
/// the header line is not signed), <c>script_digest_convert</c> (UTF-8 text hashed as UTF-16LE),
/// <c>script_spc_sip_info_get</c> (SpcSipInfo 65536, the PowerShell SIP GUID, five zeros),
/// <c>spc_indirect_data_content_get</c>, <c>script_append_pkcs7</c> (header, 64-character base64 lines behind
/// <c># </c>, footer, each after a CRLF, and a final CRLF) and <c>pkcs7_signer_info_add_purpose</c> (individual code
/// signing). Not followed: osslsigncode lets OpenSSL add the current signingTime unless <c>-time</c> is given; we add
/// none, so signatures are deterministic. UTF-16 scripts (osslsigncode reads them) are not produced, so not handled.
/// </summary>
internal static class PowerShellScriptSigner
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
