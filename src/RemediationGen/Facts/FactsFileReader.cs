using System.Text.Json;

namespace RemediationGen.Facts;

/// <summary>
/// Reads facts JSON strictly: an unknown schema version, an unknown or missing field, or an invalid value is an error
/// that names the file, the field path (e.g. <c>sites[1].distributionPoints[0].serverName</c>) and the value.
/// </summary>
internal sealed class FactsFileReader(string displayName)
{
    private static readonly string[] RootFields = ["schemaVersion", "collectedAt", "source", "sites"];
    private static readonly string[] SiteFields = ["siteCode", "siteServer", "issuingCertificateList", "managementPoints", "distributionPoints", "outOfBandManagement"];
    private static readonly string[] OutOfBandFields = ["servicePoint", "provisioningCertificateSubject", "trustedRootHashes", "provisioningCertificateThumbprint"];
    private static readonly string[] SubjectFields = ["organization", "locality", "state", "country"];
    private static readonly string[] DistributionPointFields = ["serverName", "isPxe", "pxePasswordSet", "pxeResponder", "certificateThumbprint", "certificateExpires"];
    private static readonly string[] PxeResponders = ["WDSServer", "SccmPxe"];

    public HierarchyFacts ReadRoot(JsonElement root, string origin)
    {
        RequireObject(root, "(root)");
        CheckFields(root, "(root)", RootFields);
        var version = RequireProperty(root, "(root)", "schemaVersion");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var schemaVersion) || schemaVersion != FactsFile.SchemaVersion)
        {
            throw Error("schemaVersion", $"{version.GetRawText()} is not supported; this version of RemediationGen reads schemaVersion {FactsFile.SchemaVersion}");
        }

        DateTimeOffset? collectedAt = null;
        if (root.TryGetProperty("collectedAt", out var collected) && collected.ValueKind != JsonValueKind.Null)
        {
            collectedAt = collected.ValueKind == JsonValueKind.String && IsoTime.TryParse(collected.GetString()!, out var value)
                ? value
                : throw Error("collectedAt", $"{collected.GetRawText()} is not an ISO 8601 date and time");
        }

        var sitesElement = RequireProperty(root, "(root)", "sites");
        if (sitesElement.ValueKind != JsonValueKind.Array)
        {
            throw Error("sites", "must be an array of sites");
        }

        var sites = new List<SiteFacts>();
        var index = 0;
        foreach (var siteElement in sitesElement.EnumerateArray())
        {
            sites.Add(ReadSite(siteElement, $"sites[{index++}]"));
        }

        var duplicate = sites.GroupBy(s => s.SiteCode, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Error("sites", $"site code '{duplicate.Key}' appears more than once");
        }

        return new HierarchyFacts([.. sites.OrderBy(s => s.SiteCode, StringComparer.Ordinal)], origin, collectedAt, []);
    }

    private SiteFacts ReadSite(JsonElement element, string path)
    {
        RequireObject(element, path);
        CheckFields(element, path, SiteFields);
        var rawCode = RequireString(element, path, "siteCode");
        if (!SiteCode.TryNormalize(rawCode, out var siteCode))
        {
            throw Error($"{path}.siteCode", $"'{PrintableText.Escape(rawCode)}' is not a site code (three letters or digits)");
        }

        var siteServer = OptionalString(element, path, "siteServer") is { } server ? HostNameAt($"{path}.siteServer", server) : null;
        var icl = OptionalString(element, path, "issuingCertificateList");
        var managementPoints = new SortedSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var mp in OptionalArray(element, path, "managementPoints"))
        {
            var mpPath = $"{path}.managementPoints[{index++}]";
            managementPoints.Add(HostNameAt(mpPath, mp.ValueKind == JsonValueKind.String ? mp.GetString()! : throw Error(mpPath, "must be a host name string")));
        }

        var distributionPoints = new SortedDictionary<string, DistributionPointFacts>(StringComparer.Ordinal);
        index = 0;
        foreach (var dp in OptionalArray(element, path, "distributionPoints"))
        {
            var dpPath = $"{path}.distributionPoints[{index++}]";
            RequireObject(dp, dpPath);
            CheckFields(dp, dpPath, DistributionPointFields);
            var name = HostNameAt($"{dpPath}.serverName", RequireString(dp, dpPath, "serverName"));
            var facts = new DistributionPointFacts(name, OptionalBoolean(dp, dpPath, "isPxe"), OptionalBoolean(dp, dpPath, "pxePasswordSet"))
            {
                PxeResponder = OptionalString(dp, dpPath, "pxeResponder") is { } responder
                    ? PxeResponders.FirstOrDefault(r => string.Equals(r, responder, StringComparison.OrdinalIgnoreCase))
                        ?? throw Error($"{dpPath}.pxeResponder", $"'{PrintableText.Escape(responder)}' is not one of: {string.Join(", ", PxeResponders)}")
                    : null,
                CertificateThumbprint = OptionalString(dp, dpPath, "certificateThumbprint") is { } thumbprint
                    ? (CertificateHash.TryNormalizeTyped(thumbprint, out var normalized) && normalized.Length == 40 ? normalized : throw Error($"{dpPath}.certificateThumbprint", $"'{PrintableText.Escape(thumbprint)}' is not a certificate thumbprint (40 hex digits)"))
                    : null,
                CertificateExpires = OptionalString(dp, dpPath, "certificateExpires") is { } expires
                    ? (IsoTime.TryParse(expires, out var when) ? when : throw Error($"{dpPath}.certificateExpires", $"'{PrintableText.Escape(expires)}' is not an ISO 8601 date and time"))
                    : null,
            };
            if (!distributionPoints.TryAdd(name, facts))
            {
                throw Error($"{dpPath}.serverName", $"'{name}' is listed twice");
            }
        }

        var outOfBand = element.TryGetProperty("outOfBandManagement", out var outOfBandElement) && outOfBandElement.ValueKind != JsonValueKind.Null
            ? ReadOutOfBand(outOfBandElement, $"{path}.outOfBandManagement")
            : null;
        return new SiteFacts(siteCode, siteServer, icl, [.. managementPoints], [.. distributionPoints.Values]) { OutOfBand = outOfBand };
    }

    private OutOfBandFacts ReadOutOfBand(JsonElement element, string path)
    {
        RequireObject(element, path);
        CheckFields(element, path, OutOfBandFields);
        var servicePoint = HostNameAt($"{path}.servicePoint", RequireString(element, path, "servicePoint"));
        ProvisioningSubject? subject = null;
        if (element.TryGetProperty("provisioningCertificateSubject", out var subjectElement) && subjectElement.ValueKind != JsonValueKind.Null)
        {
            var subjectPath = $"{path}.provisioningCertificateSubject";
            RequireObject(subjectElement, subjectPath);
            CheckFields(subjectElement, subjectPath, SubjectFields);
            string Field(string name) =>
                ProvisioningSubject.Problem(name, RequireString(subjectElement, subjectPath, name)) is { } problem
                    ? throw Error($"{subjectPath}.{name}", problem)
                    : subjectElement.GetProperty(name).GetString()!;
            subject = new ProvisioningSubject(Field("organization"), Field("locality"), Field("state"), Field("country"));
        }

        var hashes = new List<string>();
        var index = 0;
        foreach (var hash in OptionalArray(element, path, "trustedRootHashes"))
        {
            var hashPath = $"{path}.trustedRootHashes[{index++}]";
            hashes.Add(hash.ValueKind == JsonValueKind.String && CertificateHash.TryNormalizeTyped(hash.GetString(), out var normalized)
                ? normalized
                : throw Error(hashPath, $"{hash.GetRawText()} is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) hash"));
        }

        string? inUse = null;
        if (element.TryGetProperty("provisioningCertificateThumbprint", out var inUseElement) && inUseElement.ValueKind != JsonValueKind.Null)
        {
            inUse = inUseElement.ValueKind == JsonValueKind.String && CertificateHash.TryNormalizeTyped(inUseElement.GetString(), out var thumbprint) && thumbprint.Length == 40
                ? thumbprint
                : throw Error($"{path}.provisioningCertificateThumbprint", $"{inUseElement.GetRawText()} is not a SHA-1 thumbprint (40 hex digits)");
        }

        return new OutOfBandFacts(servicePoint, subject, [.. hashes.Distinct(StringComparer.Ordinal)]) { ProvisioningCertificateThumbprint = inUse };
    }

    /// <summary>
    /// Refuses what <see cref="JsonDocument"/> lets through: a field name given twice in one object (a reviewer sees
    /// one value and the last one would win), and a name or string that is not valid Unicode (invalid UTF-8, or a lone
    /// surrogate escape), which would otherwise fail later with no field named.
    /// </summary>
    public void CheckText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        throw Error(path, "a field name is not valid Unicode text (invalid UTF-8, or a lone surrogate)");
                    }

                    var child = FieldPath(path, name);
                    if (!seen.Add(name))
                    {
                        throw Error(child, "appears more than once in the same object; a reader would see one value and RemediationGen use another");
                    }

                    CheckText(property.Value, child);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw Error(path, "is not valid Unicode text (invalid UTF-8, or a lone surrogate)");
                }

                break;
        }
    }

    private static string FieldPath(string path, string name) =>
        path == "(root)" ? PrintableText.Escape(name, 64) : $"{path}.{PrintableText.Escape(name, 64)}";

    private string HostNameAt(string path, string value) =>
        HostName.TryNormalize(value, out var normalized, out var reason)
            ? normalized
            : throw Error(path, $"'{PrintableText.Escape(value)}' is not a valid host name ({reason})");

    private void CheckFields(JsonElement element, string path, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(FieldPath(path, property.Name), $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    private void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "must be an object");
        }
    }

    private JsonElement RequireProperty(JsonElement element, string path, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw Error(path == "(root)" ? name : $"{path}.{name}", "is missing");

    private string RequireString(JsonElement element, string path, string name)
    {
        var value = RequireProperty(element, path, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"{path}.{name}", "must be a string");
    }

    private string? OptionalString(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error($"{path}.{name}", "must be a string or null");
    }

    private bool OptionalBoolean(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{path}.{name}", $"must be true or false, not {value.GetRawText()}"),
        };
    }

    private JsonElement[] OptionalArray(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : throw Error($"{path}.{name}", "must be an array");
    }

    private RemediationGenException Error(string field, string problem) =>
        new(ErrorKind.InvalidInput, $"Facts file '{displayName}': {field}: {problem}.");

}
