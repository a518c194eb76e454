using System.Text.Json;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Cli;

/// <summary><c>--icl-overwrite-different</c> reaches the IssuingCertificateList scripts and the manifest's input digest (issue 9, item 1).</summary>
public sealed class IclOverwriteOptionTests
{
    private const string Switch = "$OverwriteDifferentIssuingCertificateList = ";

    [Fact]
    public void Generate_WithAndWithoutTheOption_TheScriptsAndTheDigestSayWhich()
    {
        using var folder = new TempDirectory();

        var plain = CliRun.Of("generate", "--demo", "--out", folder.Combine("plain"));
        var overwrite = CliRun.Of("generate", "--demo", "--out", folder.Combine("overwrite"), "--icl-overwrite-different");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, overwrite.ExitCode);
        Assert.Contains(Switch + "$false\r\n", File.ReadAllText(folder.Combine("plain", "PS1", "intune", "IssuingCertificateList", "detect.ps1")), StringComparison.Ordinal);
        Assert.Contains(Switch + "$true\r\n", File.ReadAllText(folder.Combine("overwrite", "PS1", "intune", "IssuingCertificateList", "detect.ps1")), StringComparison.Ordinal);
        Assert.NotEqual(Digest(folder.Combine("plain", "PS1", "manifest.json")), Digest(folder.Combine("overwrite", "PS1", "manifest.json")));
    }

    private static string Digest(string manifest)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.GetProperty("inputs").GetProperty("digestSha256").GetString()!;
    }
}
