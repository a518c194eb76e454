using System.Text;

namespace RemediationGen.Packaging;

/// <summary>How package text becomes bytes: CRLF line endings (the files are for Windows), no BOM.</summary>
internal static class PackageText
{
    /// <summary>PowerShell scripts: 7-bit ASCII, so Windows PowerShell 5.1 reads them the same with or without a BOM.</summary>
    public static byte[] Script(string relativePath, string text)
    {
        var crlf = ToCrlf(text);
        for (var i = 0; i < crlf.Length; i++)
        {
            if (crlf[i] > '~' || (crlf[i] < ' ' && crlf[i] is not '\r' and not '\n' and not '\t'))
            {
                // Templates are checked for ASCII and values are escaped by the literal helper: this is a bug guard.
                throw new InvalidOperationException($"{relativePath} would contain U+{(int)crlf[i]:X4} at offset {i}; scripts must be 7-bit ASCII.");
            }
        }

        return Encoding.ASCII.GetBytes(crlf);
    }

    public static byte[] Utf8(string text) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToCrlf(text));

    public static string ToCrlf(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
}
