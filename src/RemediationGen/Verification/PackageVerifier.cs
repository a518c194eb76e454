using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RemediationGen.Packaging;
using RemediationGen.Signing;

namespace RemediationGen.Verification;

/// <summary>
/// <c>verify</c>: checks a package folder against its manifest before deployment. The manifest is well-formed; every
/// file it lists exists with its SHA-256 and size, and no other file is there; every Graph body decodes byte for byte
/// to the scripts next to it and enforces signature checks exactly when the package is signed; every targets file
/// lists its pair's targets. When the manifest records a signer, every script's Authenticode signature is valid,
/// covers the file as it is and is that signer's; with trusted signers, it is one of them; and the certificate must be
/// valid now (there is no timestamp, so a signature stops validating when it expires).
/// </summary>
internal static class PackageVerifier
{
    public static VerificationReport Verify(string folder, IReadOnlyCollection<string> trustedSigners, TimeProvider timeProvider) =>
        Verify(folder, PackageFiles.Read(folder), trustedSigners, timeProvider);

    public static VerificationReport Verify(string folder, IReadOnlyList<RenderedFile> files, IReadOnlyCollection<string> trustedSigners, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(trustedSigners);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = new List<VerificationProblem>();
        var byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        var scriptCount = files.Count(f => PackageSigner.IsScript(f.RelativePath));
        if (!byPath.TryGetValue(PackageLayout.ManifestFileName, out var manifestFile))
        {
            problems.Add(new(PackageLayout.ManifestFileName, "missing: this is not a RemediationGen package"));
            return new VerificationReport(folder, 0, scriptCount, null, false, problems);
        }

        if (ManifestView.TryRead(manifestFile.Content, out var manifestProblem) is not { } manifest)
        {
            problems.Add(new(PackageLayout.ManifestFileName, manifestProblem!));
            return new VerificationReport(folder, 0, scriptCount, null, false, problems);
        }

        CheckFiles(manifest, byPath, problems);
        CheckGraphBodies(files, byPath, manifest.Signer is not null, problems);
        CheckTargets(manifest, files, byPath, problems);
        var validNow = manifest.Signer?.IsValidAt(timeProvider.GetUtcNow()) ?? false;
        var timestamped = CheckSignatures(manifest.Signer, validNow, files, trustedSigners, problems);
        return new VerificationReport(folder, manifest.Files.Count, scriptCount, manifest.Signer, validNow, problems) { Timestamped = timestamped };
    }

    private static void CheckFiles(ManifestView manifest, Dictionary<string, RenderedFile> byPath, List<VerificationProblem> problems)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            if (!listed.Add(entry.Path))
            {
                problems.Add(new(PackageLayout.ManifestFileName, $"lists {entry.Path} twice"));
            }
            else if (!byPath.TryGetValue(entry.Path, out var file))
            {
                problems.Add(new(entry.Path, "listed in the manifest but missing"));
            }
            else if (file.Content.Length != entry.Bytes)
            {
                problems.Add(new(entry.Path, $"{file.Content.Length} bytes, the manifest says {entry.Bytes}"));
            }
            else if (Convert.ToHexStringLower(SHA256.HashData(file.Content)) != entry.Sha256)
            {
                problems.Add(new(entry.Path, $"SHA-256 {Convert.ToHexStringLower(SHA256.HashData(file.Content))}, the manifest says {entry.Sha256}"));
            }
        }

        foreach (var path in byPath.Keys.Where(p => p != PackageLayout.ManifestFileName && !listed.Contains(p)))
        {
            problems.Add(new(path, "not listed in the manifest"));
        }
    }

    private static void CheckGraphBodies(IReadOnlyList<RenderedFile> files, Dictionary<string, RenderedFile> byPath, bool signed, List<VerificationProblem> problems)
    {
        foreach (var body in files.Where(f => f.RelativePath.EndsWith("/" + PackageLayout.IntuneBodyFileName, StringComparison.Ordinal)))
        {
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(body.Content);
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                problems.Add(new(body.RelativePath, $"not valid JSON ({ex.Message})"));
                continue;
            }

            foreach (var property in new[] { GraphBody.DetectionProperty, GraphBody.RemediationProperty })
            {
                var scriptPath = GraphBody.ScriptPath(body.RelativePath, property);
                var expected = byPath.TryGetValue(scriptPath, out var script) ? script.Content : [];
                if (Base64(root, property) is not { } decoded || !decoded.AsSpan().SequenceEqual(expected))
                {
                    problems.Add(new(body.RelativePath, expected.Length == 0 && script is null
                        ? $"{property} is not empty, but there is no {scriptPath}"
                        : $"{property} does not decode to the bytes of {scriptPath}"));
                }
            }

            var enforce = root.TryGetProperty(GraphBody.EnforceSignatureCheckProperty, out var value) && value.ValueKind == JsonValueKind.True;
            if (enforce != signed)
            {
                problems.Add(new(body.RelativePath, signed
                    ? $"{GraphBody.EnforceSignatureCheckProperty} is not true, but the package is signed"
                    : $"{GraphBody.EnforceSignatureCheckProperty} is true, but the package is not signed"));
            }
        }
    }

    private static byte[]? Base64(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value.GetString()!);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void CheckTargets(ManifestView manifest, IReadOnlyList<RenderedFile> files, Dictionary<string, RenderedFile> byPath, List<VerificationProblem> problems)
    {
        var pairFiles = manifest.Pairs.ToDictionary(p => PackageLayout.TargetsFile(p.Name), StringComparer.Ordinal);
        foreach (var (path, pair) in pairFiles)
        {
            if (byPath.TryGetValue(path, out var file))
            {
                var servers = Encoding.UTF8.GetString(file.Content).Split("\r\n");
                if (!servers[..^1].SequenceEqual(pair.Servers, StringComparer.Ordinal) || servers[^1].Length != 0)
                {
                    problems.Add(new(path, $"does not list the targets of pair {pair.Name} in the manifest ({string.Join(", ", pair.Servers)})"));
                }
            }
            else
            {
                problems.Add(new(path, $"missing: the targets of pair {pair.Name}"));
            }
        }

        foreach (var file in files.Where(f => f.RelativePath.StartsWith(PackageLayout.TargetsFolder, StringComparison.Ordinal) && !pairFiles.ContainsKey(f.RelativePath)))
        {
            problems.Add(new(file.RelativePath, "no pair of the manifest has these targets"));
        }
    }

    /// <returns>Whether every script carries a valid timestamp from within the signer's validity.</returns>
    private static bool CheckSignatures(SignerRecord? signer, bool validNow, IReadOnlyList<RenderedFile> files, IReadOnlyCollection<string> trustedSigners, List<VerificationProblem> problems)
    {
        var trusted = trustedSigners.Select(NormalizeThumbprint).ToHashSet(StringComparer.Ordinal);
        if (signer is null)
        {
            foreach (var script in files.Where(f => PackageSigner.IsScript(f.RelativePath) && PowerShellSignatureBlock.HasBlock(f.Content)))
            {
                problems.Add(new(script.RelativePath, "has a signature block, but the manifest records no signer"));
            }

            if (trusted.Count > 0)
            {
                problems.Add(new(PackageLayout.ManifestFileName, "the package is not signed, but --trusted-signer expects a signer"));
            }

            return false;
        }

        if (trusted.Count > 0 && !trusted.Contains(signer.Thumbprint))
        {
            problems.Add(new(PackageLayout.ManifestFileName, $"signer {signer.Thumbprint} ({signer.Subject}) is not a --trusted-signer"));
        }

        var problemsBefore = problems.Count;
        var timestamped = true;
        var recordChecked = false;
        foreach (var script in files.Where(f => PackageSigner.IsScript(f.RelativePath)))
        {
            var signature = ScriptSignatureVerifier.Verify(script.Content);
            timestamped &= signature.Timestamp is { } time && signer.IsValidAt(time);
            if (signature.Problem is not null)
            {
                problems.Add(new(script.RelativePath, signature.Problem));
            }
            else if (signature.Signer!.Thumbprint != signer.Thumbprint)
            {
                problems.Add(new(script.RelativePath, $"signed by {signature.Signer.Thumbprint} ({signature.Signer.Subject}), not by the package's signer {signer.Thumbprint}"));
            }
            else if (!recordChecked)
            {
                // The validity verify reports is the manifest's: it must be the certificate's own.
                recordChecked = true;
                if (SignerRecord.Of(signature.Signer) is var actual && actual != signer)
                {
                    problems.Add(new(PackageLayout.ManifestFileName, $"the signature object does not describe the signer's certificate ({actual.Subject}, issued by {actual.Issuer}, {actual.Validity})"));
                }
            }
        }

        // A timestamp from within the certificate's validity keeps a signature valid after the certificate expires.
        if (!validNow && !timestamped)
        {
            problems.Insert(problemsBefore, new(PackageLayout.ManifestFileName, $"signer certificate {signer.Thumbprint} is not valid now ({signer.Validity}) and the signatures are not timestamped; they do not validate on the targets"));
        }

        return timestamped;
    }

    /// <summary>A thumbprint as given on a command line (any case, spaces or colons) in Windows' uppercase form.</summary>
    public static string NormalizeThumbprint(string thumbprint) =>
        thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
