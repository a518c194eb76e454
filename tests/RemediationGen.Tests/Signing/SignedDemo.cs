using RemediationGen.Tests.Cli;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Signing;

/// <summary>
/// The demo generated and signed once per test run with <see cref="TestCertificates.Signer"/>, through the real
/// command line (<c>generate --demo --sign-certificate PFX --sign-password env:NAME</c>). Tests that change a package
/// work on a <see cref="CopyOf"/> it.
/// </summary>
internal static class SignedDemo
{
    public const string PasswordVariable = "REMEDIATIONGEN_TEST_PFX_PASSWORD";

    private static readonly Lazy<string> LazyFolder = new(Generate);

    /// <summary>OUT of the signed demo: one folder per site (PS1, PS2).</summary>
    public static string Folder => LazyFolder.Value;

    public static string[] SignArguments(TestCertificates.Leaf leaf) =>
        ["--sign-certificate", leaf.Pfx, "--sign-password", "env:" + PasswordVariable];

    public static CliRun Run(params string[] arguments)
    {
        Environment.SetEnvironmentVariable(PasswordVariable, TestCertificates.Password);
        return CliRun.Of(arguments);
    }

    /// <summary>A copy of the signed site folder <paramref name="siteCode"/> under <paramref name="folder"/>.</summary>
    public static string CopyOf(TempDirectory folder, string siteCode = "PS1")
    {
        var source = Path.Combine(Folder, siteCode);
        var target = folder.Combine(siteCode);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static string Generate()
    {
        var output = new TempDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => output.Dispose();
        var run = Run(["generate", "--demo", "--out", output.Path, .. SignArguments(TestCertificates.Shared.Signer)]);
        Assert.True(run.ExitCode == 0, run.Error);
        return output.Path;
    }
}
