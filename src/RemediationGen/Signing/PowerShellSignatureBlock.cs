using System.Text;

namespace RemediationGen.Signing;

/// <summary>
/// The signature trailer of a PowerShell script, as osslsigncode's script.c writes and finds it (and as
/// Set-AuthenticodeSignature writes it): after the script, each line preceded by CRLF,
/// <c># SIG # Begin signature block</c>, the base64 of the DER PKCS#7 in lines of 64 characters behind <c># </c>,
/// <c># SIG # End signature block</c>, and a final CRLF. What is signed (and hashed, see
/// <see cref="ScriptDigest"/>) is the script up to the CRLF that precedes the header line, excluded.
/// Only UTF-8/ASCII scripts are handled: the tool writes 7-bit ASCII (osslsigncode also reads UTF-16 scripts).
/// </summary>
internal static class PowerShellSignatureBlock
{
    public const string Header = "# SIG # Begin signature block";
    public const string Footer = "# SIG # End signature block";
    private const int LineLength = 64;
    private static readonly byte[] HeaderMarker = Encoding.ASCII.GetBytes("\r\n" + Header + "\r\n");

    /// <summary>The signed script: <paramref name="script"/> followed by the trailer holding <paramref name="pkcs7"/>.</summary>
    public static byte[] Append(ReadOnlySpan<byte> script, byte[] pkcs7)
    {
        var base64 = Convert.ToBase64String(pkcs7);
        var trailer = new StringBuilder("\r\n" + Header);
        for (var i = 0; i < base64.Length; i += LineLength)
        {
            trailer.Append("\r\n# ").Append(base64.AsSpan(i, Math.Min(LineLength, base64.Length - i)));
        }

        trailer.Append("\r\n" + Footer + "\r\n");
        return [.. script, .. Encoding.ASCII.GetBytes(trailer.ToString())];
    }

    /// <summary>True when the file has a signature header line (whether or not the block is well-formed).</summary>
    public static bool HasBlock(ReadOnlySpan<byte> file) => file.LastIndexOf(HeaderMarker) >= 0;

    /// <summary>
    /// Splits a signed script into the signed content and the PKCS#7 DER. False, with the reason, when there is no
    /// block or it is not exactly a trailer as written above: nothing may follow the footer, so a signature always
    /// covers the whole file as it is.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> file, out int contentLength, out byte[] pkcs7, out string reason)
    {
        contentLength = 0;
        pkcs7 = [];
        var start = file.LastIndexOf(HeaderMarker);
        if (start < 0)
        {
            reason = "not signed (no '" + Header + "' line)";
            return false;
        }

        var lines = Encoding.ASCII.GetString(file[(start + HeaderMarker.Length)..]).Split("\r\n");
        var footerIndex = Array.IndexOf(lines, Footer);
        if (footerIndex < 0 || footerIndex != lines.Length - 2 || lines[^1].Length != 0)
        {
            reason = "the signature block does not end with '" + Footer + "' and a line break at the end of the file";
            return false;
        }

        var base64 = new StringBuilder();
        for (var i = 0; i < footerIndex; i++)
        {
            if (!lines[i].StartsWith("# ", StringComparison.Ordinal))
            {
                reason = $"line {i + 1} of the signature block does not start with '# '";
                return false;
            }

            base64.Append(lines[i].AsSpan(2));
        }

        try
        {
            pkcs7 = Convert.FromBase64String(base64.ToString());
        }
        catch (FormatException)
        {
            reason = "the signature block is not valid base64";
            return false;
        }

        contentLength = start;
        reason = string.Empty;
        return true;
    }
}
