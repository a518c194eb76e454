using RemediationGen.Signing;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

public sealed class PowerShellScriptSignerTests
{
    private static readonly byte[] Script = "Write-Output 'Compliant'\r\nexit 0\r\n"u8.ToArray();

    private static CodeSigningCertificate Signer() =>
        CodeSigningCertificate.FromPfx(TestCertificates.Shared.Signer.Pfx, TestCertificates.Password, includeRoot: false, TimeProvider.System);

    [Fact]
    public void SignedScript_IsVerifiedByOsslsigncode()
    {
        using var folder = new TempDirectory();
        using var signer = Signer();
        var path = folder.Combine("detect.ps1");
        File.WriteAllBytes(path, PowerShellScriptSigner.Sign(Script, signer));

        Osslsigncode.AssertVerifies(path, TestCertificates.Shared.CaPem);
    }

    [Fact]
    public void Signing_IsDeterministic_AndKeepsTheScriptBytesInFront()
    {
        using var signer = Signer();
        var first = PowerShellScriptSigner.Sign(Script, signer);
        var second = PowerShellScriptSigner.Sign(Script, signer);

        Assert.Equal(first, second);
        Assert.Equal(Script, first[..Script.Length]);
        Assert.StartsWith("\r\n# SIG # Begin signature block\r\n# ", System.Text.Encoding.ASCII.GetString(first[Script.Length..]), StringComparison.Ordinal);
        Assert.EndsWith("\r\n# SIG # End signature block\r\n", System.Text.Encoding.ASCII.GetString(first), StringComparison.Ordinal);
    }
}

public sealed class PackageSignerTests
{
    [Fact]
    public void ScriptThatAlreadyHoldsASignatureHeaderLine_IsRefusedWithItsPath()
    {
        var script = "Write-Output 'x'\r\n# SIG # Begin signature block\r\nexit 0\r\n"u8.ToArray();
        var package = new RemediationGen.Packaging.RenderedPackage("PS1", [new("configmgr/X/discovery.ps1", script), new("manifest.json", "{}"u8.ToArray())]);
        using var signer = CodeSigningCertificate.FromPfx(TestCertificates.Shared.Signer.Pfx, TestCertificates.Password, includeRoot: false, TimeProvider.System);

        var error = Assert.Throws<RemediationGenException>(() => PackageSigner.Sign(package, signer));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal("configmgr/X/discovery.ps1 already holds a '# SIG # Begin signature block' line; a script to sign may not (check your --templates).", error.Message);
    }
}
