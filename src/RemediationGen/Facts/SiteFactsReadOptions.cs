namespace RemediationGen.Facts;

/// <summary>How <see cref="SiteFactsReader"/> queries the site database and settles ambiguous values.</summary>
/// <param name="CommandTimeoutSeconds">Per-query timeout; 0 would mean "wait forever", so it is rejected.</param>
/// <param name="IssuingCertificateListComponents">
/// Site code -> component name whose IssuingCertificateList to use, for sites where components disagree
/// (the CLI's --icl-component SITE=COMPONENT). Keys compare case-insensitively.
/// </param>
internal sealed record SiteFactsReadOptions(int CommandTimeoutSeconds, IReadOnlyDictionary<string, string> IssuingCertificateListComponents)
{
    public const int DefaultCommandTimeoutSeconds = 30;

    public static SiteFactsReadOptions Default { get; } =
        new(DefaultCommandTimeoutSeconds, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
}
