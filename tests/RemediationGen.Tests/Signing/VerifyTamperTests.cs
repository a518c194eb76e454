using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RemediationGen.Signing;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

/// <summary>verify on a signed package that was changed afterwards: each change has its exact line and exit code 6.</summary>
public sealed class VerifyTamperTests
{
    private const string Discovery = "configmgr/IssuingCertificateList/discovery.ps1";
    private const string Body = "intune/IssuingCertificateList/deviceHealthScript.json";

    private static TestCertificates.Leaf Signer => TestCertificates.Shared.Signer;

    private static string Summary(string folder, int problems, int scripts) =>
        $"NOT verified: {folder}: {problems} problem(s); {scripts} script(s) signed by {Signer.Certificate.Subject} (thumbprint {Signer.Thumbprint}), certificate valid from {IsoTime.Utc(Signer.Certificate.NotBefore.ToUniversalTime())} to {IsoTime.Utc(Signer.Certificate.NotAfter.ToUniversalTime())}.";

    private static void AssertRejected(string folder, params string[] problems)
    {
        var scripts = Directory.GetFiles(folder, "*.ps1", SearchOption.AllDirectories).Length;
        var run = SignedDemo.Run("verify", folder, "--trusted-signer", Signer.Thumbprint);

        Assert.Equal(6, run.ExitCode);
        Assert.Equal(string.Concat(problems.Select(p => $"problem: {p}\n")) + Summary(folder, problems.Length, scripts) + "\n", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    /// <summary>What someone who edits a file and then fixes its hash in the manifest does: only the signature can catch it.</summary>
    private static void Rehash(string folder, string path)
    {
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllBytes(manifestPath))!;
        var content = File.ReadAllBytes(Path.Combine(folder, path));
        var entry = manifest["files"]!.AsArray().Single(e => e!["path"]!.GetValue<string>() == path)!;
        entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content));
        entry["bytes"] = content.Length;
        File.WriteAllBytes(manifestPath, PackageSigner.Write(manifest));
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [Fact]
    public void OneByteChangedInTheBody_HashAndSignature()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        var script = Path.Combine(folder, Discovery);
        var manifestHash = Sha256(script);
        var bytes = File.ReadAllBytes(script);
        var at = Encoding.ASCII.GetString(bytes).IndexOf("Compliant", StringComparison.Ordinal);
        bytes[at] = (byte)'X';
        File.WriteAllBytes(script, bytes);

        AssertRejected(
            folder,
            $"{Discovery}: SHA-256 {Sha256(script)}, the manifest says {manifestHash}",
            $"{Discovery}: the script was changed after it was signed (its digest does not match the signature)");

        Rehash(folder, Discovery);
        AssertRejected(folder, $"{Discovery}: the script was changed after it was signed (its digest does not match the signature)");
    }

    [Fact]
    public void ChangedSignatureBlock()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        var script = Path.Combine(folder, Discovery);
        Assert.True(PowerShellSignatureBlock.TryParse(File.ReadAllBytes(script), out var length, out var pkcs7, out _));
        pkcs7[^1] ^= 0x01;
        File.WriteAllBytes(script, PowerShellSignatureBlock.Append(File.ReadAllBytes(script).AsSpan(0, length), pkcs7));
        Rehash(folder, Discovery);

        AssertRejected(folder, $"{Discovery}: the signature does not verify (the signature block was changed)");
    }

    [Fact]
    public void ScriptSignedByAnotherCertificate()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        var script = Path.Combine(folder, Discovery);
        Assert.True(PowerShellSignatureBlock.TryParse(File.ReadAllBytes(script), out var length, out _, out _));
        var unsigned = temp.Combine("unsigned.ps1");
        File.WriteAllBytes(unsigned, File.ReadAllBytes(script)[..length]);
        File.Delete(script);
        var other = TestCertificates.Shared.OtherSigner;
        Osslsigncode.Sign(other, unsigned, script);
        Rehash(folder, Discovery);

        AssertRejected(folder, $"{Discovery}: signed by {other.Thumbprint} ({other.Certificate.Subject}), not by the package's signer {Signer.Thumbprint}");
    }

    [Fact]
    public void RemovedFile_AddedFile()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        File.Delete(Path.Combine(folder, Discovery));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "added after review\r\n");

        AssertRejected(folder, $"{Discovery}: listed in the manifest but missing", "notes.txt: not listed in the manifest");
    }

    [Fact]
    public void EditedGraphBody()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        var path = Path.Combine(folder, Body);
        var body = JsonNode.Parse(File.ReadAllBytes(path))!;
        body["detectionScriptContent"] = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(folder, "intune/IssuingCertificateList/remediate.ps1")));
        body["enforceSignatureCheck"] = false;
        File.WriteAllBytes(path, PackageSigner.Write(body));
        Rehash(folder, Body);

        AssertRejected(
            folder,
            $"{Body}: detectionScriptContent does not decode to the bytes of intune/IssuingCertificateList/detect.ps1",
            $"{Body}: enforceSignatureCheck is not true, but the package is signed");
    }

    [Fact]
    public void EditedManifest_HashAndTargets()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllBytes(manifestPath))!;
        manifest["files"]!.AsArray().Single(e => e!["path"]!.GetValue<string>() == "README.md")!["sha256"] = new string('0', 64);
        manifest["pairs"]![0]!["targets"]!.AsArray().RemoveAt(0);
        File.WriteAllBytes(manifestPath, PackageSigner.Write(manifest));
        var pair = manifest["pairs"]![0]!;
        var servers = string.Join(", ", pair["targets"]!.AsArray().Select(t => t!["server"]!.GetValue<string>()));
        var name = pair["name"]!.GetValue<string>();

        AssertRejected(
            folder,
            $"README.md: SHA-256 {Sha256(Path.Combine(folder, "README.md"))}, the manifest says {new string('0', 64)}",
            $"targets/{name}.txt: does not list the targets of pair {name} in the manifest ({servers})");
    }

    [Fact]
    public void EditedSignerValidityInTheManifest()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllBytes(manifestPath))!;
        manifest["signature"]!["notAfter"] = "2099-01-01T00:00:00Z";
        File.WriteAllBytes(manifestPath, PackageSigner.Write(manifest));
        var certificate = Signer.Certificate;

        var run = SignedDemo.Run("verify", folder);

        Assert.Equal(6, run.ExitCode);
        Assert.StartsWith(
            $"problem: manifest.json: the signature object does not describe the signer's certificate ({certificate.Subject}, issued by {certificate.Issuer}, valid from {IsoTime.Utc(certificate.NotBefore.ToUniversalTime())} to {IsoTime.Utc(certificate.NotAfter.ToUniversalTime())})\n",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestNotJson_OneLine()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), "{ \"tool\": \"RemediationGen\", ");

        var run = SignedDemo.Run("verify", folder);

        Assert.Equal(6, run.ExitCode);
        Assert.StartsWith("problem: manifest.json: not valid JSON (", run.Output, StringComparison.Ordinal);
        Assert.EndsWith($"\nNOT verified: {folder}: 1 problem(s); 17 script(s), not signed.\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherTrustedSigner_IsRejected()
    {
        var folder = Path.Combine(SignedDemo.Folder, "PS2");
        var run = SignedDemo.Run("verify", folder, "--trusted-signer", TestCertificates.Shared.OtherSigner.Thumbprint, "--format", "json");

        Assert.Equal(6, run.ExitCode);
        var report = JsonNode.Parse(run.Output)!;
        Assert.False(report["verified"]!.GetValue<bool>());
        Assert.Equal(
            $"signer {Signer.Thumbprint} ({Signer.Certificate.Subject}) is not a --trusted-signer",
            Assert.Single(report["problems"]!.AsArray())!["message"]!.GetValue<string>());
    }

    [Fact]
    public void PackageSignedByOsslsigncode_WithTheSameCertificate_Verifies()
    {
        using var temp = new TempDirectory();
        var source = Path.Combine(Repository.OutputSamples, "PS2");
        var folder = temp.Combine("PS2");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var target = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (relative.EndsWith(".ps1", StringComparison.Ordinal))
            {
                Osslsigncode.Sign(Signer, file, target);
            }
            else
            {
                File.Copy(file, target);
            }
        }

        // The Graph bodies and the manifest made again from osslsigncode's signed bytes, as sign does from ours.
        var files = RemediationGen.Verification.PackageFiles.Read(folder);
        foreach (var file in PackageSigner.Rederive(files, SignerRecord.Of(Signer.Certificate)))
        {
            File.WriteAllBytes(Path.Combine(folder, file.RelativePath), file.Content);
        }

        var run = SignedDemo.Run("verify", folder, "--trusted-signer", Signer.Thumbprint);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.StartsWith($"Verified: {folder}: 18 file(s) match the manifest; 13 script(s) signed by ", run.Output, StringComparison.Ordinal);
    }
}
