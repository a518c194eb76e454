using RemediationGen.Tests.PowerShell;

namespace RemediationGen.Tests.Signing;

/// <summary>
/// The script contracts that concern the whole file still hold once signed: the trailer is PowerShell comments, so
/// every signed script parses, and stays printable 7-bit ASCII with CRLF and no BOM. (Everything before the trailer is
/// output-samples byte for byte: SignedPackageTests.)
/// </summary>
public sealed class SignedScriptContractTests
{
    private static string[] Scripts => [.. Directory.GetFiles(SignedDemo.Folder, "*.ps1", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    [Fact]
    public void EverySignedScript_ParsesWithTreeSitterPowerShell()
    {
        var report = PowerShellSyntax.Check(Scripts);

        PowerShellAssert.ParsesWithoutErrors(report);
        Assert.Equal(30, report.Files.Count);
    }

    [Fact]
    public void EverySignedScript_IsAsciiWithCrlfAndNoBom()
    {
        foreach (var script in Scripts)
        {
            var bytes = File.ReadAllBytes(script);
            Assert.True(bytes.All(b => b is (>= 0x20 and <= 0x7E) or 0x0D or 0x0A), $"{script} must be printable 7-bit ASCII");
            Assert.All(Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == 0x0A), i => Assert.True(i > 0 && bytes[i - 1] == 0x0D, $"{script}: LF without CR at byte {i}"));
        }
    }
}
