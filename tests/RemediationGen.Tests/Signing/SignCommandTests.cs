using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

/// <summary>sign &lt;folder&gt;: signs only what was reviewed, never a package that changed since it was generated.</summary>
public sealed class SignCommandTests
{
    [Fact]
    public void ChangedPackage_IsRefused_AndLeftAsItWas()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, SignedDemo.Run("generate", "--demo", "--out", temp.Path).ExitCode);
        var folder = temp.Combine("PS2");
        var readme = Path.Combine(folder, "README.md");
        var reviewedSize = new FileInfo(readme).Length;
        File.AppendAllText(readme, "edited after review\r\n");
        var before = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        var run = SignedDemo.Run(["sign", folder, .. SignedDemo.SignArguments(TestCertificates.Shared.Signer)]);

        Assert.True(run.ExitCode == 2, run.Error);
        Assert.Equal($"remediationgen: Package '{folder}' does not match its manifest, so it changed since it was generated; nothing was signed. README.md: {reviewedSize + 21} bytes, the manifest says {reviewedSize}\n", run.Error);
        Assert.All(before, pair => Assert.Equal(pair.Value, File.ReadAllBytes(pair.Key)));
    }

    [Fact]
    public void SignedPackage_IsNotSignedAgain()
    {
        using var temp = new TempDirectory();
        var folder = SignedDemo.CopyOf(temp, "PS2");
        var signer = TestCertificates.Shared.Signer;

        var run = SignedDemo.Run(["sign", folder, .. SignedDemo.SignArguments(TestCertificates.Shared.OtherSigner)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"remediationgen: Package '{folder}' is already signed by {signer.Certificate.Subject} (thumbprint {signer.Thumbprint}); generate it again to sign it with another certificate.\n", run.Error);
    }

    [Fact]
    public void MissingFolder_IsUsage_ForSignAndVerify()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("PS9");

        var verify = SignedDemo.Run("verify", missing);
        var sign = SignedDemo.Run(["sign", missing, .. SignedDemo.SignArguments(TestCertificates.Shared.Signer)]);

        Assert.Equal((2, $"remediationgen: Package folder '{missing}' does not exist.\n"), (verify.ExitCode, verify.Error));
        Assert.Equal((2, $"remediationgen: Package folder '{missing}' does not exist.\n"), (sign.ExitCode, sign.Error));
    }
}
