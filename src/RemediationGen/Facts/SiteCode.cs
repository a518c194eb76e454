using System.Diagnostics.CodeAnalysis;

namespace RemediationGen.Facts;

/// <summary>ConfigMgr site codes: three letters or digits. A site code names a package folder, so it is checked strictly.</summary>
internal static class SiteCode
{
    public static bool TryNormalize(string? candidate, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (candidate is not { Length: 3 } || !candidate.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        normalized = candidate.ToUpperInvariant();
        return true;
    }
}
