using System.Text.Json;
using RemediationGen.Facts;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>Options of the AMT provisioning certificate fix; each overrides or adds to the facts.</summary>
/// <param name="ThresholdDays">Non-compliant when the newest provisioning certificate is valid for this many days or fewer (the CA's own reminder comes 30 days ahead).</param>
/// <param name="TrustedRootHashes">Added to the facts' list of AMT-trusted root hashes.</param>
internal sealed record AmtOptions(
    int ThresholdDays,
    IReadOnlyList<string> TrustedRootHashes,
    string? Organization,
    string? Locality,
    string? State,
    string? Country) : IFixOptions
{
    public const int DefaultThresholdDays = 30;

    public static FixOption ThresholdDaysOption { get; } = FixOption.Number(
        "--amt-threshold-days", "AMT provisioning certificate: non-compliant when it is valid for this many days or fewer (1-365).", "DAYS", DefaultThresholdDays);

    public static FixOption TrustedRootOption { get; } = FixOption.TextList(
        "--amt-trusted-root", "Hash (SHA-1 thumbprint or SHA-256, hex) of a root certificate the AMT firmware trusts. Repeatable; added to the facts' list.", "HASH");

    public static FixOption OrganizationOption { get; } = FixOption.Text(
        "--amt-organization", "O of the AMT provisioning certificate request (CN is the service point; OU is Intel(R) Client Setup Certificate).", "TEXT");

    public static FixOption LocalityOption { get; } = FixOption.Text("--amt-locality", "L (city) of the AMT provisioning certificate request.", "TEXT");

    public static FixOption StateOption { get; } = FixOption.Text("--amt-state", "S (state or province, not abbreviated) of the AMT provisioning certificate request.", "TEXT");

    public static FixOption CountryOption { get; } = FixOption.Text("--amt-country", "C (two-letter ISO code) of the AMT provisioning certificate request.", "CC");

    /// <summary>The options <c>generate</c> offers for this fix, in help order.</summary>
    public static IReadOnlyList<FixOption> Declared { get; } =
        [ThresholdDaysOption, TrustedRootOption, OrganizationOption, LocalityOption, StateOption, CountryOption];

    public static AmtOptions Default { get; } = new(DefaultThresholdDays, [], null, null, null, null);

    public string DigestSection => "amt";

    /// <summary>The options as given (defaults for the rest), checked.</summary>
    public static AmtOptions Bind(FixOptionValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new AmtOptions(
            values.Number(ThresholdDaysOption),
            values.TextList(TrustedRootOption),
            values.Text(OrganizationOption),
            values.Text(LocalityOption),
            values.Text(StateOption),
            values.Text(CountryOption)).Validated();
    }

    /// <summary>Checks the values as given on the command line; throws naming the option.</summary>
    public AmtOptions Validated()
    {
        if (ThresholdDays is < 1 or > 365)
        {
            throw Invalid(ThresholdDaysOption.Name, $"{ThresholdDays} is outside 1-365 days");
        }

        var hashes = new List<string>();
        foreach (var hash in TrustedRootHashes)
        {
            hashes.Add(CertificateHash.TryNormalizeTyped(hash, out var normalized)
                ? normalized
                : throw Invalid(TrustedRootOption.Name, $"'{PrintableText.Escape(hash)}' is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) hash"));
        }

        foreach (var (option, field, value) in new[]
        {
            (OrganizationOption.Name, "organization", Organization),
            (LocalityOption.Name, "locality", Locality),
            (StateOption.Name, "state", State),
            (CountryOption.Name, "country", Country),
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

    /// <summary>Every field, in a fixed order: each one reaches a script, the kit or the README.</summary>
    public void WriteDigest(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("thresholdDays", ThresholdDays);
        writer.WriteStringArray("trustedRootHashes", TrustedRootHashes);
        writer.WriteString("organization", Organization);
        writer.WriteString("locality", Locality);
        writer.WriteString("state", State);
        writer.WriteString("country", Country);
        writer.WriteEndObject();
    }

    private static RemediationGenException Invalid(string option, string problem) => new(ErrorKind.InvalidInput, $"{option}: {problem}.");
}
