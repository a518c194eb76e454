using System.Security.Cryptography;
using System.Text;

namespace RemediationGen.Signing;

/// <summary>
/// The digest PowerShell's SIP (and osslsigncode's script.c, <c>script_digest_convert</c>) computes for a script
/// stored as UTF-8/ASCII: SHA-256 of the script text as UTF-16LE, up to the signature block.
/// </summary>
internal static class ScriptDigest
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Sha256(ReadOnlySpan<byte> content) =>
        SHA256.HashData(Encoding.Unicode.GetBytes(StrictUtf8.GetString(content)));
}
