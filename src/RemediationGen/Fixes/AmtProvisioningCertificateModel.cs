namespace RemediationGen.Fixes;

/// <summary>Template model of the AMT provisioning certificate pair and renewal kit (templates/amt-provisioning-certificate/).</summary>
/// <param name="ServicePoint">CN of the certificate: the out-of-band service point; empty when unknown (then no CSR).</param>
/// <param name="TrustedRootHashes">AMT-trusted root hashes; empty means the chain's root cannot be checked, and the output says so.</param>
/// <param name="KitLocation">Where the admin finds the renewal kit, for the detection output.</param>
/// <param name="LoggedCertificates">What amtopmgr.log says, one line per finding (thumbprint, days left), for the README.</param>
public sealed record AmtProvisioningCertificateModel(
    int ThresholdDays,
    IReadOnlyList<string> TrustedRootHashes,
    string ServicePoint,
    bool HasRequest,
    string Organization,
    string Locality,
    string State,
    string Country,
    string KitLocation,
    IReadOnlyList<string> LoggedCertificates)
{
    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    public const string AmtProvisioningOid = "2.16.840.1.113741.1.2.3";
    public const string OrganizationalUnit = "Intel(R) Client Setup Certificate";

    public bool HasTrustedRoots => TrustedRootHashes.Count > 0;

    public int TrustedRootHashCount => TrustedRootHashes.Count;

    /// <summary>The subject of the CSR, e.g. <c>CN=oob.contoso.com, OU=Intel(R) Client Setup Certificate, O=Contoso, L=Redmond, S=Washington, C=US</c>.</summary>
    public string Subject => HasRequest
        ? $"CN={ServicePoint}, OU={OrganizationalUnit}, O={Organization}, L={Locality}, S={State}, C={Country}"
        : string.Empty;
}
