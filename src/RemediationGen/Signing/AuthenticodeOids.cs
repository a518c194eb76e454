namespace RemediationGen.Signing;

/// <summary>The object identifiers and the PowerShell SIP GUID of an Authenticode script signature (osslsigncode.h).</summary>
internal static class AuthenticodeOids
{
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string SpcIndirectDataContent = "1.3.6.1.4.1.311.2.1.4";
    public const string SpcSipInfo = "1.3.6.1.4.1.311.2.1.30";
    public const string SpcStatementType = "1.3.6.1.4.1.311.2.1.11";
    public const string IndividualCodeSigning = "1.3.6.1.4.1.311.2.1.21";
    public const string SpcSpOpusInfo = "1.3.6.1.4.1.311.2.1.12";
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SpcRfc3161Timestamp = "1.3.6.1.4.1.311.3.3.1";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string CodeSigningEku = "1.3.6.1.5.5.7.3.3";

    /// <summary>SpcUUIDSipInfoPs in script.c: the SIP that hashes PowerShell scripts, {603BCC1F-4B59-4E08-B724-D2C6297EF351}.</summary>
    public static ReadOnlySpan<byte> PowerShellSipGuid =>
        [0x1f, 0xcc, 0x3b, 0x60, 0x59, 0x4b, 0x08, 0x4e, 0xb7, 0x24, 0xd2, 0xc6, 0x29, 0x7e, 0xf3, 0x51];
}
