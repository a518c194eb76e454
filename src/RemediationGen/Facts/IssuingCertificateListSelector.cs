using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RemediationGen.Facts;

/// <summary>One IssuingCertificateList row of the KB query.</summary>
internal sealed record IssuingCertificateListRow(string SiteCode, string ComponentName, string Value);

/// <summary>
/// Picks each site's IssuingCertificateList. Components that store the same value agree and collapse to one; when
/// they store different values the tool must not guess, because the value is written to every DP and MP of the site.
/// </summary>
internal static class IssuingCertificateListSelector
{
    private const int PreviewLength = 16;
    private const int HashPrefixLength = 16;

    public static string? Select(
        string siteCode,
        IReadOnlyList<IssuingCertificateListRow> rows,
        IReadOnlyDictionary<string, string> choices)
    {
        if (TryGetChoice(choices, siteCode, out var chosenComponent))
        {
            var chosen = rows.FirstOrDefault(r => string.Equals(r.ComponentName, chosenComponent, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                var known = rows.Count == 0
                    ? "it has no IssuingCertificateList row"
                    : "its components with an IssuingCertificateList are " + string.Join(", ", rows.Select(r => r.ComponentName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"--icl-component {siteCode}={PrintableText.Escape(chosenComponent)}: site {siteCode} has no component '{PrintableText.Escape(chosenComponent)}' with an IssuingCertificateList; {known}.");
            }

            return chosen.Value;
        }

        var distinct = rows
            .GroupBy(r => r.Value, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Components: g.Select(r => r.ComponentName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(v => v.Components[0], StringComparer.Ordinal)
            .ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0].Value,
            _ => throw new RemediationGenException(ErrorKind.InvalidInput, DescribeAmbiguity(siteCode, distinct)),
        };
    }

    private static bool TryGetChoice(IReadOnlyDictionary<string, string> choices, string siteCode, out string component)
    {
        // The caller's dictionary may use any comparer; site codes are case-insensitive whatever it uses.
        foreach (var (site, choice) in choices)
        {
            if (string.Equals(site, siteCode, StringComparison.OrdinalIgnoreCase))
            {
                component = choice;
                return true;
            }
        }

        component = string.Empty;
        return false;
    }

    private static string DescribeAmbiguity(string siteCode, List<(string Value, List<string> Components)> values)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Site {siteCode} has {values.Count} different IssuingCertificateList values in the site database: ");
        for (var i = 0; i < values.Count; i++)
        {
            var (value, components) = values[i];
            builder.Append(i == 0 ? string.Empty : "; ")
                .Append(CultureInfo.InvariantCulture, $"{string.Join(", ", components.Select(c => PrintableText.Escape(c)))} has ")
                .Append(CultureInfo.InvariantCulture, $"{value.Length} characters starting '{PrintableText.Escape(value[..Math.Min(PreviewLength, value.Length)])}', ")
                .Append(CultureInfo.InvariantCulture, $"SHA-256 {Sha256Prefix(value)}");
        }

        builder.Append(CultureInfo.InvariantCulture, $". Choose one with --icl-component {siteCode}=<COMPONENT>, for example --icl-component {siteCode}={PrintableText.Escape(values[0].Components[0])}.");
        return builder.ToString();
    }

    private static string Sha256Prefix(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..HashPrefixLength];
}
