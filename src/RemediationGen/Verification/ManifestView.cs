using System.Globalization;
using System.Text.Json;
using RemediationGen.Packaging;
using RemediationGen.Signing;

namespace RemediationGen.Verification;

/// <summary>What <c>verify</c> reads from <c>manifest.json</c>: the files with their hashes and sizes, each pair's targets, the signer.</summary>
internal sealed record ManifestView(
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyList<ManifestPair> Pairs,
    SignerRecord? Signer)
{
    /// <summary>The manifest, or a problem line naming the first field that is not as generate writes it.</summary>
    public static ManifestView? TryRead(byte[] manifest, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.String || tool.GetString() != PackageLayout.ToolName)
            {
                problem = $"tool is not \"{PackageLayout.ToolName}\"";
                return null;
            }

            var files = new List<ManifestFile>();
            var index = 0;
            foreach (var entry in Array(root, "files"))
            {
                var at = $"files[{index++}]";
                var path = String(entry, "path", at);
                if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Split('/').Any(part => part is "" or "." or ".."))
                {
                    throw new FormatException($"{at}.path '{path}' is not a relative path inside the package");
                }

                var sha256 = String(entry, "sha256", at);
                if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
                {
                    throw new FormatException($"{at}.sha256 is not 64 lowercase hex digits");
                }

                if (!entry.TryGetProperty("bytes", out var bytes) || !bytes.TryGetInt64(out var size) || size < 0)
                {
                    throw new FormatException($"{at}.bytes is not a size");
                }

                files.Add(new ManifestFile(path, sha256, size));
            }

            var pairs = new List<ManifestPair>();
            index = 0;
            foreach (var pair in Array(root, "pairs"))
            {
                var at = $"pairs[{index++}]";
                var servers = Array(pair, "targets", at).Select((target, i) => String(target, "server", $"{at}.targets[{i}]")).ToList();
                pairs.Add(new ManifestPair(String(pair, "name", at), servers));
            }

            problem = null;
            return new ManifestView(files, pairs, root.TryGetProperty(PackageSigner.SignatureProperty, out var signature) ? ReadSigner(signature) : null);
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON ({ex.Message})";
            return null;
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    private static SignerRecord ReadSigner(JsonElement signature)
    {
        const string at = PackageSigner.SignatureProperty;
        return new SignerRecord(
            String(signature, "signerSubject", at),
            String(signature, "signerThumbprint", at),
            String(signature, "signerIssuer", at),
            Time(signature, "notBefore"),
            Time(signature, "notAfter"));
    }

    private static DateTimeOffset Time(JsonElement element, string name) =>
        DateTimeOffset.TryParseExact(String(element, name, PackageSigner.SignatureProperty), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new FormatException($"{PackageSigner.SignatureProperty}.{name} is not a UTC time");

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name, string? at = null) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new FormatException($"{(at is null ? string.Empty : at + ".")}{name} is missing or not an array");

    private static string String(JsonElement element, string name, string at) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"{at}.{name} is missing or not a string");
}

internal sealed record ManifestFile(string Path, string Sha256, long Bytes);

internal sealed record ManifestPair(string Name, IReadOnlyList<string> Servers);
