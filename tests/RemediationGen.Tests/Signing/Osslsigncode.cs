using System.Diagnostics;

namespace RemediationGen.Tests.Signing;

/// <summary>osslsigncode, the independent Authenticode implementation the tests check against (.ci/run installs it).</summary>
internal static class Osslsigncode
{
    public const string Path = "/usr/bin/osslsigncode";

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        Assert.True(File.Exists(Path), "osslsigncode is not installed: apt-get install -y osslsigncode");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    /// <summary>Asserts that osslsigncode verifies <paramref name="script"/> against the CA in <paramref name="caPem"/>.</summary>
    public static void AssertVerifies(string script, string caPem)
    {
        var (exitCode, output) = Run("verify", "-CAfile", caPem, "-in", script);
        Assert.True(exitCode == 0 && output.Contains("Signature verification: ok", StringComparison.Ordinal), $"osslsigncode did not verify {script}:\n{output}");
    }

    public static void Sign(TestCertificates.Leaf leaf, string input, string output)
    {
        var (exitCode, text) = Run("sign", "-certs", leaf.CertificatePem, "-key", leaf.KeyPem, "-h", "sha256", "-in", input, "-out", output);
        Assert.True(exitCode == 0, $"osslsigncode sign failed:\n{text}");
    }
}
