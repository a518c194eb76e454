namespace RemediationGen.Facts;

/// <summary>
/// Out-of-band management (Intel AMT / vPro) of a site: ConfigMgr 2007 SP1, 2012 and 2012 R2 only (removed in 1511).
/// </summary>
/// <param name="ServicePoint">The out-of-band service point's host name: CN of the provisioning certificate.</param>
/// <param name="Subject">The rest of the certificate subject, when known; the renewal kit needs it.</param>
/// <param name="TrustedRootHashes">Hashes of the root certificates the AMT firmware trusts (SHA-1 or SHA-256, upper-case hex). Never invented: empty until the admin provides them.</param>
internal sealed record OutOfBandFacts(string ServicePoint, ProvisioningSubject? Subject, IReadOnlyList<string> TrustedRootHashes)
{
    /// <summary>
    /// SHA-1 thumbprint of the provisioning certificate loaded in the out-of-band management component, when the admin
    /// knows it; the check judges this one, not merely the newest in the store. Null when unknown.
    /// </summary>
    public string? ProvisioningCertificateThumbprint { get; init; }
}

/// <summary>Organization, locality, state and country of the provisioning certificate's subject (CN and OU are fixed).</summary>
internal sealed record ProvisioningSubject(string Organization, string Locality, string State, string Country)
{
    private static readonly System.Buffers.SearchValues<char> SubjectCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .-&'");

    /// <summary>
    /// Certificate authorities refuse <c>&lt; &gt; ~ ! @ # $ % ^ * / \ ( ) ?</c> and commas in these fields (the vPro
    /// renewal article), and the CSR's INF file and distinguished name give quotes and '=' meaning: letters, digits,
    /// spaces and <c>. - &amp; '</c> are what is left, which every real name fits.
    /// </summary>
    public static string? Problem(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is empty";
        }

        if (field == "country")
        {
            return value.Length == 2 && value.All(char.IsAsciiLetterUpper) ? null : $"country '{PrintableText.Escape(value)}' is not a two-letter ISO 3166 code in capitals (e.g. US)";
        }

        if (value.Length > 64)
        {
            return $"{field} is longer than 64 characters";
        }

        // By index, not FirstOrDefault: a NUL is default(char), and a leading one used to hide every character after it.
        var bad = value.AsSpan().IndexOfAnyExcept(SubjectCharacters);
        return bad < 0
            ? (value != value.Trim() ? $"{field} '{value}' starts or ends with a space" : null)
            : $"{field} '{PrintableText.Escape(value)}' holds '{PrintableText.Escape(value[bad].ToString())}'; use letters, digits, spaces and . - & ' only (no commas)";
    }
}
