using System.Text.Json;

namespace RemediationGen.Facts;

/// <summary>Writes sites in the facts file's shape: for the file itself and for digests of a package's inputs.</summary>
internal static class FactsFileWriter
{
    /// <summary>One site in the same shape as the file: used for digests of a package's inputs.</summary>
    public static void WriteSite(Utf8JsonWriter writer, SiteFacts site)
    {
        writer.WriteStartObject();
        writer.WriteString("siteCode", site.SiteCode);
        writer.WriteString("siteServer", site.SiteServer);
        writer.WriteString("issuingCertificateList", site.IssuingCertificateList);
        writer.WriteStringArray("managementPoints", site.ManagementPoints);
        writer.WriteStartArray("distributionPoints");
        foreach (var dp in site.DistributionPoints)
        {
            writer.WriteStartObject();
            writer.WriteString("serverName", dp.ServerName);
            writer.WriteBoolean("isPxe", dp.IsPxe);
            writer.WriteBoolean("pxePasswordSet", dp.PxePasswordSet);
            if (dp.PxeResponder is { } responder)
            {
                writer.WriteString("pxeResponder", responder);
            }

            if (dp.CertificateThumbprint is { } thumbprint)
            {
                writer.WriteString("certificateThumbprint", thumbprint);
            }

            if (dp.CertificateExpires is { } expires)
            {
                writer.WriteString("certificateExpires", IsoTime.Utc(expires));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (site.OutOfBand is { } outOfBand)
        {
            WriteOutOfBand(writer, outOfBand);
        }

        writer.WriteEndObject();
    }

    private static void WriteOutOfBand(Utf8JsonWriter writer, OutOfBandFacts outOfBand)
    {
        writer.WriteStartObject("outOfBandManagement");
        writer.WriteString("servicePoint", outOfBand.ServicePoint);
        if (outOfBand.Subject is { } subject)
        {
            writer.WriteStartObject("provisioningCertificateSubject");
            writer.WriteString("organization", subject.Organization);
            writer.WriteString("locality", subject.Locality);
            writer.WriteString("state", subject.State);
            writer.WriteString("country", subject.Country);
            writer.WriteEndObject();
        }

        writer.WriteStringArray("trustedRootHashes", outOfBand.TrustedRootHashes);
        if (outOfBand.ProvisioningCertificateThumbprint is { } inUse)
        {
            writer.WriteString("provisioningCertificateThumbprint", inUse);
        }

        writer.WriteEndObject();
    }
}
