namespace RemediationGen.Facts;

/// <summary>
/// Certificate hashes: a SHA-1 thumbprint (40 hex digits) or a SHA-256 hash (64), in upper case. Text from a log is
/// taken as it is; text an admin typed may keep the spaces or colons the certificate dialog shows.
/// </summary>
internal static class CertificateHash
{
    /// <summary>Strict: the text (trimmed) must be 40 or 64 hex digits. Used for values read from logs.</summary>
    public static bool TryNormalize(string? text, out string hash, out string reason)
    {
        var trimmed = (text ?? string.Empty).Trim();
        hash = string.Empty;
        if (trimmed.Length is not (40 or 64))
        {
            reason = $"a certificate thumbprint has 40 or 64 hex digits, this has {trimmed.Length} characters";
            return false;
        }

        if (!trimmed.All(char.IsAsciiHexDigit))
        {
            reason = "a certificate thumbprint holds hex digits only";
            return false;
        }

        hash = trimmed.ToUpperInvariant();
        reason = string.Empty;
        return true;
    }

    /// <summary>For values an admin typed (facts file, options): spaces and colons between the digits are dropped first.</summary>
    public static bool TryNormalizeTyped(string? text, out string hash) =>
        TryNormalize((text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal), out hash, out _);
}
