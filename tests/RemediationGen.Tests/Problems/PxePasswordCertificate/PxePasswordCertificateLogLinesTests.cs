using System.Text.RegularExpressions;
using RemediationGen.Problems.PxePasswordCertificate;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Problems.PxePasswordCertificate;

/// <summary>
/// The DP check and the runbook read SMSPXE.log and distmgr.log themselves, on the servers. Their pattern, failure
/// markers and awaited line are taken from the templates and run here on the rule's fixtures in both log formats,
/// with the same .NET regex and ordinal searches the scripts use, so the scripts and the rule cannot drift apart.
/// </summary>
public sealed class PxePasswordCertificateLogLinesTests
{
    private static readonly string Templates = Path.Combine(Repository.Root, "templates", "pxe-password-certificate");
    private static readonly string Fixtures = Path.Combine(Repository.Root, "tests", "fixtures", "logs", "pxe-password-certificate");

    private static string CheckTemplate => File.ReadAllText(Path.Combine(Templates, "check.ps1.scriban"));

    private static string ValidationPattern => Regex.Match(CheckTemplate, @"\[regex\]::Matches\(\$Text, '([^']+)'\)").Groups[1].Value;

    private static string[] FailureMarkers =>
        [.. Regex.Matches(Regex.Match(CheckTemplate, @"foreach \(\$marker in @\(([^)]*)\)\)").Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value)];

    /// <summary>What Get-PxeCertificateState in check.ps1.scriban computes.</summary>
    private static (string Thumbprint, bool Failed, bool Completed) State(string text)
    {
        var validations = Regex.Matches(text, ValidationPattern);
        if (validations.Count == 0)
        {
            return (string.Empty, false, false);
        }

        var last = validations[^1];
        var after = text[last.Index..];
        return (
            last.Groups[1].Value.ToUpperInvariant(),
            FailureMarkers.Any(marker => after.Contains(marker, StringComparison.OrdinalIgnoreCase)),
            after.Contains("Completed validation of Certificate", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Template_HasThePatternAndTheThreeMarkersOfTheKb()
    {
        Assert.Equal(@"Begin validation of Certificate \[Thumbprint ([0-9A-Fa-f]+)\]", ValidationPattern);
        Assert.Equal(["has expired", "Failed to validate PXEClientKey certificate", "800B0101"], FailureMarkers);
    }

    [Fact]
    public void Template_MarkersAreTheRulesOwnSignatures()
    {
        // The rule's public constants, and its private ones through the signature list every record it reads holds one of.
        var runbook = File.ReadAllText(Path.Combine(Templates, "runbook.ps1.scriban"));
        Assert.Contains(PxePasswordCertificateSignatures.ClientKeyFailure, FailureMarkers);
        Assert.Contains(PxePasswordCertificateSignatures.ValidityError, FailureMarkers);
        Assert.Contains(PxePasswordCertificateSignatures.All, signature => signature.Trim('\'', ' ') == "has expired");
        Assert.Contains(Regex.Unescape(ValidationPattern[..ValidationPattern.IndexOf('(', StringComparison.Ordinal)]), PxePasswordCertificateSignatures.All);
        Assert.Contains(Regex.Match(runbook, @"\$success = '([^']+)'").Groups[1].Value, PxePasswordCertificateSignatures.All);
        Assert.Contains($"'{PxePasswordCertificateSignatures.PasswordFailure}'", runbook, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cmtrace/dp01.contoso.com/SMSPXE.log")]
    [InlineData("siteserver/dp02.contoso.com/SMSPXE.log")]
    public void Check_ViolatingSmsPxeLog_IsNonCompliantWithTheExpiredThumbprint(string log)
    {
        var state = State(File.ReadAllText(Path.Combine(Fixtures, "violating", log)));

        Assert.Matches("^[0-9A-F]{40}$", state.Thumbprint);
        Assert.True(state.Failed);
    }

    [Theory]
    [InlineData("cmtrace/dp01.contoso.com/SMSPXE.log")]
    [InlineData("siteserver/dp02.contoso.com/SMSPXE.log")]
    public void Check_CleanSmsPxeLog_IsCompliant(string log)
    {
        var state = State(File.ReadAllText(Path.Combine(Fixtures, "clean", log)));

        Assert.Matches("^[0-9A-F]{40}$", state.Thumbprint);
        Assert.False(state.Failed);
        Assert.True(state.Completed);
    }

    [Theory]
    [InlineData("clean/cmtrace/cm01.contoso.com/distmgr.log")]
    [InlineData("clean/siteserver/cm02.contoso.com/distmgr.log")]
    [InlineData("resolved/cm02.contoso.com/distmgr.log")]
    public void Runbook_AwaitsTheDistmgrLineTheLogsWrite(string log)
    {
        var runbook = File.ReadAllText(Path.Combine(Templates, "runbook.ps1.scriban"));
        var awaited = Regex.Match(runbook, @"\$success = '([^']+)'").Groups[1].Value;

        Assert.Equal("DP registry settings have been successfully updated on ", awaited);
        Assert.Contains(awaited, File.ReadAllText(Path.Combine(Fixtures, log)), StringComparison.OrdinalIgnoreCase);
    }
}
