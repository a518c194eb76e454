using RemediationGen.Facts;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>Options of the AMT provisioning certificate fix; each overrides or adds to the facts.</summary>
/// <param name="ThresholdDays">Non-compliant when the newest provisioning certificate is valid for this many days or fewer (the CA's own reminder comes 30 days ahead).</param>
/// <param name="TrustedRootHashes">Added to the facts' list of AMT-trusted root hashes.</param>
public sealed record AmtOptions(
    int ThresholdDays,
    IReadOnlyList<string> TrustedRootHashes,
    string? Organization,
    string? Locality,
    string? State,
    string? Country)
{
    public const int DefaultThresholdDays = 30;

    public static AmtOptions Default { get; } = new(DefaultThresholdDays, [], null, null, null, null);

    /// <summary>Checks the values as given on the command line; throws naming the option.</summary>
    public AmtOptions Validated()
    {
        if (ThresholdDays is < 1 or > 365)
        {
            throw Invalid("--amt-threshold-days", $"{ThresholdDays} is outside 1-365 days");
        }

        var hashes = new List<string>();
        foreach (var hash in TrustedRootHashes)
        {
            hashes.Add(CertificateHash.TryNormalizeTyped(hash, out var normalized)
                ? normalized
                : throw Invalid("--amt-trusted-root", $"'{PrintableText.Escape(hash)}' is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) hash"));
        }

        foreach (var (option, field, value) in new[]
        {
            ("--amt-organization", "organization", Organization),
            ("--amt-locality", "locality", Locality),
            ("--amt-state", "state", State),
            ("--amt-country", "country", Country),
        })
        {
            if (value is not null && ProvisioningSubject.Problem(field, value) is { } problem)
            {
                throw Invalid(option, problem);
            }
        }

        return this with { TrustedRootHashes = hashes };
    }

    /// <summary>The subject from the facts with the options' values over it; null while any part is unknown.</summary>
    public ProvisioningSubject? SubjectOver(ProvisioningSubject? facts)
    {
        var organization = Organization ?? facts?.Organization;
        var locality = Locality ?? facts?.Locality;
        var state = State ?? facts?.State;
        var country = Country ?? facts?.Country;
        return organization is null || locality is null || state is null || country is null
            ? null
            : new ProvisioningSubject(organization, locality, state, country);
    }

    private static RemediationGenException Invalid(string option, string problem) => new(ErrorKind.InvalidInput, $"{option}: {problem}.");
}
