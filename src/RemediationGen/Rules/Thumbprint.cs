namespace RemediationGen.Rules;

/// <summary>Certificate thumbprints read from logs: hex only (SHA-1 or SHA-256 length), upper case, or not used.</summary>
internal static class Thumbprint
{
    public static bool TryNormalize(string text, out string thumbprint, out string reason)
    {
        var trimmed = text.Trim();
        thumbprint = string.Empty;
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

        thumbprint = trimmed.ToUpperInvariant();
        reason = string.Empty;
        return true;
    }
}
