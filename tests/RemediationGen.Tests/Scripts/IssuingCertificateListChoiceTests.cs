using System.Text;
using System.Text.Json;
using Microsoft.Win32;
using RemediationGen.Diagnosis;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems.IssuingCertificateList;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The IssuingCertificateList choices an admin makes or undoes (issue 9): the generate-time option that overwrites a
/// differing value, the capture time the scripts state, and the backup file's undo for a value that was missing.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class IssuingCertificateListChoiceTests
{
    private const string Key = @"SOFTWARE\Microsoft\SMS\Security";
    private const string Value = "IssuingCertificateList";
    private const string Detect = "intune/IssuingCertificateList/detect.ps1";
    private const string Remediate = "intune/IssuingCertificateList/remediate.ps1";
    private static readonly string[] DifferingEntries = ["OTHER"];

    private const string Backup = @"C:\ProgramData\RemediationGen\IssuingCertificateList\IssuingCertificateList-20261125-120000Z.json";

    private static PackageUnderTest Generated(bool overwriteDifferent, DateTimeOffset? collectedAt)
    {
        var facts = Rules.TestFacts.OneSite with { CollectedAt = collectedAt };
        var options = new GenerateOptions(TargetSelection.All, []) { FixOptions = FixOptionValues.None.With(IssuingCertificateListOptions.OverwriteDifferentOption.Name, overwriteDifferent) };
        var package = Assert.Single(TestGenerator.Generate(facts, DiagnosisResult.Empty, logsRead: false, options).Packages);
        return new PackageUnderTest(
            overwriteDifferent ? "overwrite-PS1" : "keep-PS1",
            package.SiteCode,
            package.Files.ToDictionary(f => f.RelativePath, f => Encoding.UTF8.GetString(f.Content), StringComparer.Ordinal));
    }

    private static void ManagementPoint(ScriptWorld world) => world.Registry.EnsureKey(RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\MP");

    [Fact]
    public void OverwriteDifferent_DifferingValue_IsReportedAndOverwritten()
    {
        var package = Generated(overwriteDifferent: true, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        void Arrange(ScriptWorld w)
        {
            ManagementPoint(w);
            w.Registry.SetValue(RegistryView.Registry64, Key, Value, DifferingEntries, RegistryValueKind.MultiString);
        }

        var detect = ScriptScenarioTest.Run(package, Detect, Arrange);
        var remediate = ScriptScenarioTest.Run(package, Remediate, Arrange, hostTimeLimit: ScriptScenarioTest.IntuneTimeLimit);

        HostContracts.Intune(detect);
        Assert.Equal(
            "NonCompliant: IssuingCertificateList entry 1 differs from the site value (as captured from test at 2026-11-20T09:00:00Z); this package overwrites it (generated with --icl-overwrite-different).",
            detect.OutputLines[0]);
        HostContracts.Intune(remediate);
        Assert.Equal(0, remediate.ExitCode);
        Assert.StartsWith("IssuingCertificateList set to the site value (1 entries) with REG.exe; backup: ", remediate.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal(["REG.exe -argv @('ADD', 'HKLM\\SOFTWARE\\Microsoft\\SMS\\Security', '/v', 'IssuingCertificateList', '/t', 'REG_MULTI_SZ', '/d', 'value', '/f', '/reg:64')"], remediate.World.CallsTo("REG.exe"));
    }

    [Fact]
    public void UnknownCaptureTime_IsSaidSo_InTheScriptsAndTheReadme()
    {
        var package = Generated(overwriteDifferent: false, collectedAt: null);
        var detect = ScriptScenarioTest.Run(package, Detect, w =>
        {
            ManagementPoint(w);
            w.Registry.SetValue(RegistryView.Registry64, Key, Value, DifferingEntries, RegistryValueKind.MultiString);
        });

        Assert.StartsWith(
            "NonCompliant: IssuingCertificateList entry 1 differs from the site value (as captured from test at an unknown time (the facts do not record when they were collected)). It is well-formed",
            detect.OutputLines[0],
            StringComparison.Ordinal);
        Assert.Contains("Captured from test at an unknown time: the facts do not record when they were collected.", package.Files["README.md"], StringComparison.Ordinal);
    }

    [Fact]
    public void BackupOfAMissingValue_NamesTheDeleteUndo_AndThatTheDeploymentGoesFirst()
    {
        var package = Generated(overwriteDifferent: false, collectedAt: null);
        var run = ScriptScenarioTest.Run(
            package,
            Remediate,
            w =>
            {
                ManagementPoint(w);
                w.Registry.EnsureKey(RegistryView.Registry64, Key);
            },
            hostTimeLimit: ScriptScenarioTest.IntuneTimeLimit);
        var backup = File.Exists(run.World.MapWindowsPath(Backup)) ? File.ReadAllText(run.World.MapWindowsPath(Backup)) : null;

        HostContracts.Intune(run);
        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(backup);
        using var json = JsonDocument.Parse(backup);
        Assert.False(json.RootElement.GetProperty("Existed").GetBoolean());
        Assert.Equal(@"REG.exe DELETE ""HKLM\SOFTWARE\Microsoft\SMS\Security"" /v IssuingCertificateList /f /reg:64", json.RootElement.GetProperty("Undo").GetString());
        Assert.Equal(
            "the ConfigMgr baseline deployment or Intune remediation assignment is removed first; while it is deployed, the next run writes the value again.",
            json.RootElement.GetProperty("UndoLastsIf").GetString());
    }
}
