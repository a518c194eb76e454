using RemediationGen.Status;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Cli;

/// <summary><c>remediationgen status</c> on fixtures of both routes against the demo package PS1 (issue 14).</summary>
public sealed class StatusCommandTests
{
    private static string Package => Path.Combine(Repository.OutputSamples, "PS1");

    private static string Fixture(string name) => Repository.Fixtures("status", name);

    [Theory]
    [InlineData("intune-PS1.csv", "text", "txt")]
    [InlineData("intune-PS1.csv", "json", "json")]
    [InlineData("intune-PS1.csv", "markdown", "md")]
    [InlineData("configmgr-PS1.csv", "text", "txt")]
    [InlineData("configmgr-PS1.csv", "markdown", "md")]
    public void Status_OnAFixture_RendersTheExactReport(string fixture, string format, string extension)
    {
        var run = CliRun.Of("status", Package, "--from", Fixture(fixture), "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Snapshot.Verify(run.Output.Replace(Repository.Root.TrimEnd('/'), "<repo>", StringComparison.Ordinal), Path.GetFileNameWithoutExtension(fixture) + "_" + format, extension);
    }

    [Fact]
    public void Status_Intune_EveryStateAndTargetsAbsentFromTheExport()
    {
        var report = StatusJob.Run(Package, Fixture("intune-PS1.csv"));

        var issuing = report.Pairs.Single(p => p.Pair == "IssuingCertificateList");
        Assert.Equal(
            [("dp01.contoso.com", TargetOutcome.Fixed), ("dp02.contoso.com", TargetOutcome.StillFailing), ("dp04.contoso.com", TargetOutcome.NotEvaluated), ("mp01.contoso.com", TargetOutcome.Fixed), ("mp02.contoso.com", TargetOutcome.NotEvaluated)],
            issuing.Targets.Select(t => (t.Server, t.Outcome)));
        Assert.Equal("REG.exe exited 1: ERROR: Access is denied.", issuing.Targets[1].Output);
        Assert.Equal(TargetOutcome.Error, report.Pairs.Single(p => p.Pair == "PxePasswordCertificate").Targets.Single().Outcome);
        Assert.Equal(TargetOutcome.NotEvaluated, report.Pairs.Single(p => p.Pair == "AmtProvisioningCertificate").Targets.Single().Outcome);
        Assert.Equal(1, report.ExportRowsNotTargets);
    }

    [Fact]
    public void Status_ConfigMgr_StillFailingCarriesTheDiagnosisEvidence()
    {
        var report = StatusJob.Run(Package, Fixture("configmgr-PS1.csv"));

        var issuing = report.Pairs.Single(p => p.Pair == "IssuingCertificateList");
        Assert.Equal(
            [TargetOutcome.Fixed, TargetOutcome.StillFailing, TargetOutcome.NotEvaluated, TargetOutcome.Error, TargetOutcome.NotEvaluated],
            issuing.Targets.Select(t => t.Outcome));
        var amt = report.Pairs.Single(p => p.Pair == "AmtProvisioningCertificate").Targets.Single();
        Assert.Equal(TargetOutcome.StillFailing, amt.Outcome);
        Assert.Equal(3, amt.Evidence.Count);
        Assert.Equal("demo/logs/cm01.contoso.com/amtopmgr.log", amt.Evidence[0].File);
    }

    [Theory]
    [InlineData("bad-columns.csv", "bad-columns.csv:2: 8 value(s), but the header has 9 column(s).")]
    [InlineData("bad-header.csv", "bad-header.csv:1: the header has no column DetectionState, RemediationState, LastUpdate, PreRemediationOutput, PostRemediationOutput, Error; export with Get-IntuneRemediationStatus.ps1 -AsCsv or Get-ConfigMgrBaselineStatus.ps1 -AsCsv.")]
    [InlineData("bad-route.csv", "bad-route.csv:3: Route 'SCCM' is neither Intune nor ConfigMgr.")]
    [InlineData("bad-quote.csv", "bad-quote.csv:2: unexpected 'f' after a quoted value at column 42.")]
    public void Status_BadCsv_OneLineNamingFileAndLine_Exit2(string fixture, string message)
    {
        var run = CliRun.Of("status", Package, "--from", Fixture(fixture));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal("remediationgen: " + Fixture(fixture)[..^fixture.Length] + message + "\n", run.Error);
    }

    [Fact]
    public void Status_WithoutFrom_IsABadArgument()
    {
        var run = CliRun.Of("status", Package);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_FolderWithoutManifest_Exit2()
    {
        using var folder = new TempDirectory();
        var run = CliRun.Of("status", folder.Path, "--from", Fixture("intune-PS1.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("remediationgen: " + Path.Combine(folder.Path, "manifest.json") + ": cannot read the package manifest", run.Error, StringComparison.Ordinal);
    }
}
