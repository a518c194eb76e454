using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

/// <summary>A certificate that cannot sign stops generate and sign with one line and exit code 2, before anything is written.</summary>
public sealed class SigningCertificateErrorTests
{
    private static string Validity(TestCertificates.Leaf leaf) =>
        $"valid from {IsoTime.Utc(leaf.Certificate.NotBefore.ToUniversalTime())} to {IsoTime.Utc(leaf.Certificate.NotAfter.ToUniversalTime())}";

    private static void AssertGenerateFails(TestCertificates.Leaf leaf, string expectedError)
    {
        using var folder = new TempDirectory();
        var run = SignedDemo.Run(["generate", "--demo", "--out", folder.Combine("out"), .. SignedDemo.SignArguments(leaf)]);

        Assert.Equal((2, expectedError + "\n"), (run.ExitCode, run.Error));
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public void ExpiredCertificate()
    {
        var leaf = TestCertificates.Shared.Expired;
        AssertGenerateFails(leaf, $"remediationgen: Signing certificate '{leaf.Pfx}' ({leaf.Certificate.Subject}, thumbprint {leaf.Thumbprint}) is not valid now: {Validity(leaf)}.");
    }

    [Fact]
    public void CertificateWithoutCodeSigningEku()
    {
        var leaf = TestCertificates.Shared.NoCodeSigning;
        AssertGenerateFails(leaf, $"remediationgen: Signing certificate '{leaf.Pfx}' ({leaf.Certificate.Subject}, thumbprint {leaf.Thumbprint}) has no Code Signing extended key usage (1.3.6.1.5.5.7.3.3).");
    }

    [Fact]
    public void WrongPassword_MissingVariable_PasswordOnTheCommandLine()
    {
        using var folder = new TempDirectory();
        var pfx = TestCertificates.Shared.Signer.Pfx;
        Environment.SetEnvironmentVariable("REMEDIATIONGEN_TEST_WRONG_PASSWORD", "wrong");

        var wrong = CliRunOf("generate", "--demo", "--out", folder.Combine("out"), "--sign-certificate", pfx, "--sign-password", "env:REMEDIATIONGEN_TEST_WRONG_PASSWORD");
        var unset = CliRunOf("generate", "--demo", "--out", folder.Combine("out"), "--sign-certificate", pfx, "--sign-password", "env:REMEDIATIONGEN_TEST_UNSET_VARIABLE");
        var plain = CliRunOf("sign", folder.Path, "--sign-certificate", pfx, "--sign-password", TestCertificates.Password);

        Assert.Equal((2, $"remediationgen: Signing certificate '{pfx}' cannot be opened: not a PFX file, or the password (--sign-password) is wrong.\n"), (wrong.ExitCode, wrong.Error));
        Assert.Equal((2, "remediationgen: --sign-password env:REMEDIATIONGEN_TEST_UNSET_VARIABLE: environment variable REMEDIATIONGEN_TEST_UNSET_VARIABLE is not set.\n"), (unset.ExitCode, unset.Error));
        Assert.Equal(2, plain.ExitCode);
        Assert.DoesNotContain(TestCertificates.Password, plain.Error, StringComparison.Ordinal);
        Assert.StartsWith("remediationgen: --sign-password takes env:NAME only", plain.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public void SignThumbprint_NotInTheStore_OrOutsideWindows_IsOneLine()
    {
        using var folder = new TempDirectory();
        var thumbprint = TestCertificates.Shared.Signer.Thumbprint;
        var run = CliRunOf("generate", "--demo", "--out", folder.Combine("out"), "--sign-thumbprint", thumbprint);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            OperatingSystem.IsWindows()
                ? $"remediationgen: No certificate with thumbprint {thumbprint} in CurrentUser\\My or LocalMachine\\My.\n"
                : "remediationgen: --sign-thumbprint reads the Windows certificate store and works on Windows only; elsewhere use --sign-certificate FILE.pfx.\n",
            run.Error);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    private static Cli.CliRun CliRunOf(params string[] arguments) => Cli.CliRun.Of(arguments);
}
