using System.Buffers;
using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// Picks the encoding of a log the way CMTrace clones do (Microsoft does not document it): a BOM decides; otherwise
/// bytes that are valid UTF-8 are UTF-8; otherwise the file is Windows-1252, the ANSI code page of Western servers.
/// </summary>
internal static class LogEncodingDetector
{
    public const int SniffLength = 64 * 1024;

    // Decoders never throw: a bad byte later in a file becomes U+FFFD instead of ending the scan.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    // From the provider directly: Encoding.RegisterProvider would change process-wide state.
    // Made on first use: loading the code pages costs every run start-up, and most logs are UTF-8.
    private static readonly Lazy<Encoding> Windows1252 = new(() =>
        System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The Windows-1252 code page is not available."));

    /// <summary>Returns the encoding and how many leading bytes are its BOM (to skip).</summary>
    public static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8, 3);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Utf16LittleEndian, 2);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Utf16BigEndian, 2);
        }

        return (IsUtf8(head) ? Utf8 : Windows1252.Value, 0);
    }

    /// <summary>Strict UTF-8 check; a multi-byte sequence cut by the end of the sniffed bytes still counts as valid.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                return true;
            }

            if (status != OperationStatus.Done)
            {
                return false;
            }

            bytes = bytes[consumed..];
        }

        return true;
    }
}
