using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RemediationGen.Packaging;

namespace RemediationGen.Signing;

/// <summary>
/// Signs every <c>.ps1</c> of a rendered package, then re-derives everything made from the scripts' bytes: each Graph
/// body's base64 contents (and <c>enforceSignatureCheck: true</c>), and the manifest's SHA-256 and sizes, with the
/// signer recorded under <c>signature</c>. Both JSON files are rewritten in the tool's one JSON style, so only those
/// values change. An unsigned package never comes here: its bytes stay exactly as generated.
/// </summary>
internal static class PackageSigner
{
    public const string SignatureProperty = "signature";

    /// <param name="timestamp">When given, every signature is timestamped (RFC 3161) and the package differs from run to run by its tokens.</param>
    public static RenderedPackage Sign(RenderedPackage package, CodeSigningCertificate signer, TimestampClient? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(signer);
        var files = package.Files.Select(file => IsScript(file.RelativePath) ? file with { Content = SignScript(file, signer, timestamp) } : file).ToList();
        return new RenderedPackage(package.SiteCode, Rederive(files, SignerRecord.Of(signer.Certificate), timestamp?.Url));
    }

    private static byte[] SignScript(RenderedFile script, CodeSigningCertificate signer, TimestampClient? timestamp)
    {
        // Only a template override can put this line in a script; the SIP would take it for the start of the signature.
        if (PowerShellSignatureBlock.HasBlock(script.Content))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{script.RelativePath} already holds a '{PowerShellSignatureBlock.Header}' line; a script to sign may not (check your --templates).");
        }

        return PowerShellScriptSigner.Sign(script.Content, signer, timestamp);
    }

    public static bool IsScript(string relativePath) => relativePath.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Graph bodies and the manifest made again from the scripts in <paramref name="files"/> (signed by <paramref name="signer"/>).</summary>
    internal static List<RenderedFile> Rederive(List<RenderedFile> files, SignerRecord signer, Uri? timestampUrl = null)
    {
        var byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        var result = files
            .Select(file => file.RelativePath.EndsWith("/" + PackageLayout.IntuneBodyFileName, StringComparison.Ordinal) ? file with { Content = GraphBody.Rewrite(file, byPath) } : file)
            .ToList();
        var manifestIndex = result.FindIndex(f => f.RelativePath == PackageLayout.ManifestFileName);
        if (manifestIndex < 0)
        {
            throw new InvalidOperationException("A rendered package always has a manifest.");
        }

        result[manifestIndex] = result[manifestIndex] with { Content = RewriteManifest(result[manifestIndex].Content, result, signer, timestampUrl) };
        return result;
    }

    private static byte[] RewriteManifest(byte[] manifest, List<RenderedFile> files, SignerRecord signer, Uri? timestampUrl)
    {
        var root = JsonNode.Parse(manifest)!.AsObject();
        var byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        foreach (var entry in root["files"]!.AsArray().Select(e => e!.AsObject()))
        {
            var content = byPath[entry["path"]!.GetValue<string>()].Content;
            entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content));
            entry["bytes"] = content.Length;
        }

        var signature = new JsonObject
        {
            ["format"] = "Authenticode, PowerShell SIP, SHA-256, " + (timestampUrl is null ? "no timestamp" : "RFC 3161 timestamp"),
            ["timestampServer"] = timestampUrl?.ToString(),
            ["signerSubject"] = signer.Subject,
            ["signerThumbprint"] = signer.Thumbprint,
            ["signerIssuer"] = signer.Issuer,
            ["notBefore"] = IsoTime.Utc(signer.NotBefore),
            ["notAfter"] = IsoTime.Utc(signer.NotAfter),
        };
        root.Remove(SignatureProperty);
        root.Insert(root.IndexOf("files"), SignatureProperty, signature);
        return Write(root);
    }

    internal static byte[] Write(JsonNode node) => PackageText.Utf8(JsonOptions.Text(writer => node.WriteTo(writer)) + "\n");
}
