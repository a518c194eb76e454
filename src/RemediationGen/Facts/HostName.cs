using System.Diagnostics.CodeAnalysis;

namespace RemediationGen.Facts;

/// <summary>
/// DNS host names as RFC 1123 defines them. Only a valid host name may become a target: anything read from a
/// database or a log that fails this test is reported and never used.
/// </summary>
internal static class HostName
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Validates <paramref name="candidate"/> and returns it in lower case (DNS names are case-insensitive).</summary>
    public static bool TryNormalize(string? candidate, [NotNullWhen(true)] out string? normalized, out string reason)
    {
        normalized = null;
        if (string.IsNullOrEmpty(candidate))
        {
            reason = "empty host name";
            return false;
        }

        var name = candidate.EndsWith('.') ? candidate[..^1] : candidate;
        if (name.Length is 0 or > MaxLength)
        {
            reason = $"host name length {name.Length} is outside 1-{MaxLength}";
            return false;
        }

        var labelStart = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != '.')
            {
                if (!IsLetterDigitHyphen(name[i]))
                {
                    reason = $"character {Describe(name[i])} at position {i + 1} is not allowed in a host name";
                    return false;
                }

                continue;
            }

            var labelLength = i - labelStart;
            if (labelLength is 0 or > MaxLabelLength)
            {
                reason = $"a label has length {labelLength}, outside 1-{MaxLabelLength}";
                return false;
            }

            if (name[labelStart] == '-' || name[i - 1] == '-')
            {
                reason = "a label starts or ends with '-'";
                return false;
            }

            labelStart = i + 1;
        }

        normalized = name.ToLowerInvariant();
        reason = string.Empty;
        return true;
    }

    /// <summary>The first label: how ConfigMgr names a device and how logs often name a server.</summary>
    public static string ShortName(string hostName)
    {
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? hostName : hostName[..dot];
    }

    private static bool IsLetterDigitHyphen(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-';

    private static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";
}
