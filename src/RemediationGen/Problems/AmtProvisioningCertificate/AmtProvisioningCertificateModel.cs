using RemediationGen.Fixes;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>Template model of the AMT provisioning certificate pair and renewal kit (templates/amt-provisioning-certificate/).</summary>
/// <param name="ServicePoint">CN of the certificate: the out-of-band service point; empty when unknown (then no CSR).</param>
/// <param name="TrustedRootHashes">AMT-trusted root hashes; empty means the chain's root cannot be checked, and the output says so.</param>
/// <param name="KitLocation">Where the admin finds the renewal kit, for the detection output.</param>
/// <param name="LoggedCertificates">What amtopmgr.log says, one line per finding (thumbprint, days left), for the README.</param>
/// <param name="InUseThumbprint">The certificate ConfigMgr was using when the package was generated (amtopmgr.log, else the facts); empty when unknown. The check judges it unless the log on the server names a newer one.</param>
/// <param name="InUseSource">Where <paramref name="InUseThumbprint"/> comes from, for the output; empty when unknown.</param>
internal sealed record AmtProvisioningCertificateModel(
    int ThresholdDays,
    IReadOnlyList<string> TrustedRootHashes,
    string ServicePoint,
    bool HasRequest,
    string Organization,
    string Locality,
    string State,
    string Country,
    string KitLocation,
    IReadOnlyList<string> LoggedCertificates,
    string InUseThumbprint,
    string InUseSource) : IFixModel
{
    public bool HasInUseThumbprint => InUseThumbprint.Length > 0;

    // The one source of the certificate's purpose for the check, the validation script, request.inf and the CSR subject.
    // Instance properties, not constants, because templates see only instance members.

    /// <summary>EKU Server Authentication: requested in request.inf and required by the validation script.</summary>
    public string ServerAuthenticationOid { get; } = "1.3.6.1.5.5.7.3.1";

    /// <summary>EKU Intel AMT provisioning: requested in request.inf; the check and the validation script accept a certificate that has it.</summary>
    public string AmtProvisioningOid { get; } = "2.16.840.1.113741.1.2.3";

    /// <summary>The OU of the CSR subject, which CAs without the AMT EKU use instead of it.</summary>
    public string OrganizationalUnit { get; } = "Intel(R) Client Setup Certificate";

    /// <summary><see cref="OrganizationalUnit"/> as the check compares the subject's parts: exactly <c>OU=Intel(R) Client Setup Certificate</c>.</summary>
    public string OrganizationalUnitRdn => $"OU={OrganizationalUnit}";

    public bool HasTrustedRoots => TrustedRootHashes.Count > 0;

    public int TrustedRootHashCount => TrustedRootHashes.Count;

    /// <summary>The subject of the CSR, e.g. <c>CN=oob.contoso.com, OU=Intel(R) Client Setup Certificate, O=Contoso, L=Redmond, S=Washington, C=US</c>.</summary>
    public string Subject => HasRequest
        ? $"CN={ServicePoint}, OU={OrganizationalUnit}, O={Organization}, L={Locality}, S={State}, C={Country}"
        : string.Empty;

    /// <summary>
    /// The subject request.inf asks for: <see cref="Subject"/>, or, while a part is unknown, the known parts with
    /// <c>&lt;...&gt;</c> placeholders for the rest, which no CA accepts in a subject: the file says to replace them.
    /// </summary>
    public string RequestSubject => HasRequest
        ? Subject
        : $"CN={Known(ServicePoint, "<out-of-band service point FQDN>")}, OU={OrganizationalUnit}, O={Known(Organization, "<organization>")}, L={Known(Locality, "<city>")}, S={Known(State, "<state or province>")}, C={Known(Country, "<two-letter country code>")}";

    private static string Known(string value, string placeholder) => value.Length > 0 ? value : placeholder;
}
