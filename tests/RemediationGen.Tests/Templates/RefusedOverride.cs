using RemediationGen.Cli;
using RemediationGen.Tests.Cli;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Templates;

/// <summary>A <c>generate --demo</c> run whose script-header override must be refused before anything is written.</summary>
internal static class RefusedOverride
{
    /// <summary>
    /// Overrides templates/shared/script-header.ps1.scriban with <paramref name="scriptHeader"/> and asserts exit 2, exactly
    /// the error <paramref name="expectedError"/> gives for the override's path, and no output folder.
    /// </summary>
    public static void AssertGenerateRefuses(string scriptHeader, Func<string, string> expectedError)
    {
        using var folder = new TempDirectory();
        var template = folder.WriteFile("templates/shared/script-header.ps1.scriban", scriptHeader);

        var run = CliRun.Of("generate", "--demo", "--out", folder.Combine("out"), "--templates", folder.Combine("templates"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal(expectedError(template), run.Error);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }
}
