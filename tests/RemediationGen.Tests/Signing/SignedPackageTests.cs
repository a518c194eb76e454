using System.Text.Json.Nodes;
using RemediationGen.Signing;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

/// <summary>generate --sign-*: every script signed (osslsigncode agrees), everything derived follows the signed bytes, deterministic.</summary>
public sealed class SignedPackageTests
{
    private static string Thumbprint => TestCertificates.Shared.Signer.Thumbprint;

    [Fact]
    public void EveryScriptOfBothDemoSites_IsVerifiedByOsslsigncode()
    {
        var scripts = Directory.GetFiles(SignedDemo.Folder, "*.ps1", SearchOption.AllDirectories);

        Assert.Equal(30, scripts.Length);
        foreach (var script in scripts)
        {
            Osslsigncode.AssertVerifies(script, TestCertificates.Shared.CaPem);
        }
    }

    [Fact]
    public void SignedDemo_VerifiesWithItsTrustedSigner()
    {
        foreach (var site in new[] { "PS1", "PS2" })
        {
            var run = SignedDemo.Run("verify", Path.Combine(SignedDemo.Folder, site), "--trusted-signer", Thumbprint.ToLowerInvariant());

            Assert.Equal(0, run.ExitCode);
            var signer = TestCertificates.Shared.Signer.Certificate;
            Assert.Equal(
                $"Verified: {Path.Combine(SignedDemo.Folder, site)}: {(site == "PS1" ? 25 : 18)} file(s) match the manifest; {(site == "PS1" ? 17 : 13)} script(s) signed by {signer.Subject} (thumbprint {Thumbprint}), certificate valid from {IsoTime.Utc(signer.NotBefore.ToUniversalTime())} to {IsoTime.Utc(signer.NotAfter.ToUniversalTime())}.\n",
                run.Output);
        }
    }

    [Fact]
    public void WithoutTimestamp_SignaturesStopValidatingWhenTheCertificateExpires()
    {
        var signer = TestCertificates.Shared.Signer.Certificate;
        var afterExpiry = new FixedTime(signer.NotAfter.ToUniversalTime().AddDays(1));

        var report = RemediationGen.Verification.PackageVerifier.Verify(Path.Combine(SignedDemo.Folder, "PS2"), [], afterExpiry);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(
            $"manifest.json: signer certificate {Thumbprint} is not valid now (valid from {IsoTime.Utc(signer.NotBefore.ToUniversalTime())} to {IsoTime.Utc(signer.NotAfter.ToUniversalTime())}) and the signatures are not timestamped; they do not validate on the targets",
            problem.ToString());
    }

    [Fact]
    public void GraphBodiesAndManifest_FollowTheSignedBytes()
    {
        var site = Path.Combine(SignedDemo.Folder, "PS1");
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(site, "intune/IssuingCertificateList/deviceHealthScript.json")))!;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(site, "manifest.json")))!;

        Assert.True(body["enforceSignatureCheck"]!.GetValue<bool>());
        Assert.Equal(File.ReadAllBytes(Path.Combine(site, "intune/IssuingCertificateList/detect.ps1")), Convert.FromBase64String(body["detectionScriptContent"]!.GetValue<string>()));
        Assert.Equal(File.ReadAllBytes(Path.Combine(site, "intune/IssuingCertificateList/remediate.ps1")), Convert.FromBase64String(body["remediationScriptContent"]!.GetValue<string>()));
        Assert.Equal(Thumbprint, manifest["signature"]!["signerThumbprint"]!.GetValue<string>());
        Assert.Equal(TestCertificates.Shared.Signer.Certificate.Subject, manifest["signature"]!["signerSubject"]!.GetValue<string>());
    }

    [Fact]
    public void SignedPackage_IsTheUnsignedOneExceptSignaturesHashesAndSignatureCheck()
    {
        // Everything but the signed bytes stays as in output-samples: the JSON files are rewritten in the same style.
        var signed = Path.Combine(SignedDemo.Folder, "PS1");
        var unsigned = Path.Combine(Repository.OutputSamples, "PS1");
        foreach (var file in Directory.GetFiles(unsigned, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(unsigned, file);
            var signedBytes = File.ReadAllBytes(Path.Combine(signed, relative));
            if (relative.EndsWith(".ps1", StringComparison.Ordinal))
            {
                Assert.Equal(File.ReadAllBytes(file), signedBytes[..File.ReadAllBytes(file).Length]);
            }
            else if (relative.EndsWith(".json", StringComparison.Ordinal))
            {
                var expected = JsonNode.Parse(File.ReadAllBytes(file))!.AsObject();
                var actual = JsonNode.Parse(signedBytes)!.AsObject();
                Assert.Equal(expected.Select(p => p.Key).Where(k => k != "signature"), actual.Select(p => p.Key).Where(k => k != "signature"));
                foreach (var key in new[] { "toolVersion", "inputs", "findings", "pairs", "displayName", "description" })
                {
                    Assert.Equal(expected[key]?.ToJsonString(), actual[key]?.ToJsonString());
                }
            }
            else
            {
                Assert.Equal(File.ReadAllBytes(file), signedBytes);
            }
        }
    }

    [Fact]
    public void SigningAgain_IsByteIdentical_AndSignCommandEqualsGenerateSign()
    {
        using var folder = new TempDirectory();
        var again = SignedDemo.Run(["generate", "--demo", "--out", folder.Combine("again"), .. SignedDemo.SignArguments(TestCertificates.Shared.Signer)]);
        var unsigned = SignedDemo.Run("generate", "--demo", "--out", folder.Combine("later"));
        var sign = SignedDemo.Run(["sign", folder.Combine("later", "PS1"), .. SignedDemo.SignArguments(TestCertificates.Shared.Signer)]);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, unsigned.ExitCode);
        Assert.True(sign.ExitCode == 0, sign.Error);
        AssertSameFiles(Path.Combine(SignedDemo.Folder, "PS1"), folder.Combine("again", "PS1"));
        AssertSameFiles(Path.Combine(SignedDemo.Folder, "PS1"), folder.Combine("later", "PS1"));
        Assert.DoesNotContain(Directory.GetDirectories(folder.Combine("later")), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void HostileFacts_SignedScriptsAreVerifiedByOsslsigncode()
    {
        var facts = new RemediationGen.Facts.HierarchyFacts(
            [new RemediationGen.Facts.SiteFacts("PS1", "cm01.contoso.com", "'; Remove-Item -Recurse C:\\ ; '\u2018$(x)\u2019", ["mp01.contoso.com"], [new RemediationGen.Facts.DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: true)])],
            "test", null, ["warning with | pipe"]);
        var diagnosis = new RemediationGen.Diagnosis.DiagnosisResult([], [], [], 0, 0);
        var package = Assert.Single(TestGenerator.Generate(facts, diagnosis, logsRead: false, new RemediationGen.Packaging.GenerateOptions(RemediationGen.Fixes.TargetSelection.All, [])).Packages);
        using var signer = CodeSigningCertificate.FromPfx(TestCertificates.Shared.Signer.Pfx, TestCertificates.Password, includeRoot: false, TimeProvider.System);
        var signed = PackageSigner.Sign(package, signer);
        using var folder = new TempDirectory();
        RemediationGen.Packaging.PackageWriter.Write(folder.Path, [signed], force: false);

        var scripts = Directory.GetFiles(folder.Path, "*.ps1", SearchOption.AllDirectories);
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Osslsigncode.AssertVerifies(script, TestCertificates.Shared.CaPem);
        }

        Assert.True(RemediationGen.Verification.PackageVerifier.Verify(folder.Combine("PS1"), [Thumbprint], TimeProvider.System).Verified);
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        var expectedFiles = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedFiles, Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)).Order(StringComparer.Ordinal));
        foreach (var file in expectedFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
        }
    }
}
