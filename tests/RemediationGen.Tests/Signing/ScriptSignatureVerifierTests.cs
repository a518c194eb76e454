using System.Text;
using RemediationGen.Signing;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

public sealed class ScriptSignatureVerifierTests
{
    private static readonly byte[] Script = "Write-Output 'Compliant'\r\nexit 0\r\n"u8.ToArray();

    private static byte[] SignedByUs()
    {
        using var signer = CodeSigningCertificate.FromPfx(TestCertificates.Shared.Signer.Pfx, TestCertificates.Password, includeRoot: false, TimeProvider.System);
        return PowerShellScriptSigner.Sign(Script, signer);
    }

    [Fact]
    public void OurSignature_Verifies()
    {
        var result = ScriptSignatureVerifier.Verify(SignedByUs());

        Assert.Null(result.Problem);
        Assert.Equal(TestCertificates.Shared.Signer.Thumbprint, result.Signer!.Thumbprint);
    }

    [Fact]
    public void OsslsigncodeSignature_Verifies()
    {
        using var folder = new TempDirectory();
        var input = folder.Combine("in.ps1");
        var output = folder.Combine("out.ps1");
        File.WriteAllBytes(input, Script);
        Osslsigncode.Sign(TestCertificates.Shared.Signer, input, output);

        var result = ScriptSignatureVerifier.Verify(File.ReadAllBytes(output));

        Assert.Null(result.Problem);
        Assert.Equal(TestCertificates.Shared.Signer.Thumbprint, result.Signer!.Thumbprint);
    }

    [Fact]
    public void OneByteChangedInTheBody_IsRejected()
    {
        var signed = SignedByUs();
        signed[13] = (byte)'X';

        Assert.Equal("the script was changed after it was signed (its digest does not match the signature)", ScriptSignatureVerifier.Verify(signed).Problem);
    }

    [Fact]
    public void ChangedSignatureBlock_IsRejected()
    {
        var text = Encoding.ASCII.GetString(SignedByUs());
        var lastLine = text.LastIndexOf("\r\n# SIG # End", StringComparison.Ordinal);
        var changed = text[..(lastLine - 10)] + (text[lastLine - 10] == 'A' ? 'B' : 'A') + text[(lastLine - 9)..];

        Assert.NotNull(ScriptSignatureVerifier.Verify(Encoding.ASCII.GetBytes(changed)).Problem);
    }

    [Fact]
    public void UnsignedScript_IsReported()
    {
        Assert.Equal("not signed (no '# SIG # Begin signature block' line)", ScriptSignatureVerifier.Verify(Script).Problem);
    }
}
