using System.Text.Json.Nodes;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

/// <summary>--timestamp-url: every signature countersigned by an RFC 3161 server (openssl ts behind a loopback listener).</summary>
public sealed class TimestampTests
{
    [Fact]
    public void TimestampedPackage_IsVerifiedByOsslsigncodeAndVerify()
    {
        using var tsa = new LoopbackTimestampAuthority();
        using var temp = new TempDirectory();
        Assert.Equal(0, SignedDemo.Run("generate", "--demo", "--site", "PS2", "--out", temp.Path).ExitCode);
        var folder = temp.Combine("PS2");

        var sign = SignedDemo.Run(["sign", folder, .. SignedDemo.SignArguments(TestCertificates.Shared.Signer), "--timestamp-url", tsa.Url.ToString()]);

        Assert.True(sign.ExitCode == 0, sign.Error);
        var scripts = Directory.GetFiles(folder, "*.ps1", SearchOption.AllDirectories);
        Assert.Equal(scripts.Length, tsa.Requests);
        foreach (var script in scripts)
        {
            var (exitCode, output) = Osslsigncode.Run("verify", "-CAfile", TestCertificates.Shared.CaPem, "-TSA-CAfile", TestCertificates.Shared.CaPem, "-in", script);
            Assert.True(exitCode == 0 && output.Contains("Signature verification: ok", StringComparison.Ordinal), output);
            Assert.Contains("Timestamp Server Signature verification: ok", output, StringComparison.Ordinal);
        }

        var verify = SignedDemo.Run("verify", folder, "--trusted-signer", TestCertificates.Shared.Signer.Thumbprint, "--format", "json");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.True(JsonNode.Parse(verify.Output)!["signer"]!["timestamped"]!.GetValue<bool>());

        // After the certificate expires, the timestamp keeps the signatures valid.
        var afterExpiry = new FixedTime(TestCertificates.Shared.Signer.Certificate.NotAfter.ToUniversalTime().AddDays(1));
        var later = RemediationGen.Verification.PackageVerifier.Verify(folder, [], afterExpiry);
        Assert.Empty(later.Problems);
        Assert.True(later.Timestamped);
        Assert.False(later.SignerValidNow);
        Assert.Equal("Authenticode, PowerShell SIP, SHA-256, RFC 3161 timestamp", JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!["signature"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void UnreachableTimestampServer_OneLine_NothingWritten()
    {
        using var temp = new TempDirectory();
        var url = "http://127.0.0.1:9/tsa";

        var run = SignedDemo.Run(["generate", "--demo", "--out", temp.Combine("out"), .. SignedDemo.SignArguments(TestCertificates.Shared.Signer), "--timestamp-url", url]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"remediationgen: Timestamp server '{url}' failed: ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(". Nothing was written.\n", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(temp.Combine("out")));
    }
}
