using System.ServiceProcess;
using RemediationGen.Tests.Scripts.Doubles;
using static RemediationGen.Tests.Scripts.LogLines;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The PxePasswordCertificate pair (KB 4511618, DP side) run on every package that has it: one table for the check
/// (Intune detection, ConfigMgr discovery), one for the remediation (Intune and ConfigMgr), with SMSPXE.log as real
/// files that grow while the remediation waits on the fake clock.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class PxePasswordCertificateScriptTests
{
    private const string Detect = "intune/PxePasswordCertificate/detect.ps1";
    private const string Discovery = "configmgr/PxePasswordCertificate/discovery.ps1";
    private const string Remediate = "intune/PxePasswordCertificate/remediate.ps1";
    private const string Remediation = "configmgr/PxePasswordCertificate/remediation.ps1";
    private const string Runbook = "site/PxePasswordCertificate/Invoke-PxePasswordRunbook.ps1 in the RemediationGen package of site {site}";

    /// <summary>A state of the DP, and what the check concludes (placeholders: {site}, {log} the SMSPXE.log found, {folders} the folders searched on drive C, {any}).</summary>
    /// <summary><see cref="OnlyInSummary"/>: the defect shows in the Intune line only, so the row does not run for discovery.</summary>
    public sealed record CheckRow(string Name, Action<ScriptWorld> Arrange, bool Compliant, string Summary, string? Skip = null, bool OnlyInSummary = false);

    /// <summary>A state (with what the log gains while the script waits), the result line or failure, the service events.</summary>
    /// <summary><see cref="ServicesAfter"/>: the services' states when the run ends (after a kill, the host's time limit).</summary>
    public sealed record RemediationRow(
        string Name,
        Action<ScriptWorld> Arrange,
        bool Succeeds,
        string Message,
        string[] ServiceEvents,
        string? Skip = null,
        (string Service, ServiceControllerStatus Status)[]? ServicesAfter = null);

    /// <summary>What a remediation says when the PXE service is still stopping when the restart's time is up.</summary>
    private const string LeftStopping = "Could not restart WDSServer (it is StopPending): it was still stopping when the time for the restart ran out, so it was not started again: PXE answers no client until WDSServer is started once it has stopped. ";


    public static readonly CheckRow[] CheckRows =
    [
        new("no SMSPXE.log: no PXE provider here", _ => { }, true, "No SMSPXE.log on this server: it runs no ConfigMgr PXE provider (looked in {any})."),
        new("newest validation passed", w => w.WriteFile(SmsPxeLog, Validation(OldThumbprint, expired: true) + Validation(NewThumbprint, expired: false)), true, "The PXE provider uses certificate " + NewThumbprint + " without validation errors."),
        new("newest validation found the certificate expired", w => w.WriteFile(SmsPxeLog, Validation(OldThumbprint, expired: true)), false,
            "The PXE provider last validated certificate " + OldThumbprint + " and it is expired or invalid (KB 4511618); if a restart does not bring the new certificate, run the site-side runbook " + Runbook + "."),
        new("lower-case thumbprint in the log", w => w.WriteFile(SmsPxeLog, Validation(OldThumbprint.ToLowerInvariant(), expired: true)), false,
            "The PXE provider last validated certificate " + OldThumbprint + " and it is expired or invalid (KB 4511618); if a restart does not bring the new certificate, run the site-side runbook " + Runbook + "."),
        new("UTF-16 log with an expired certificate", w => w.WriteFile(SmsPxeLog, Validation(OldThumbprint, expired: true), encoding: new System.Text.UnicodeEncoding(false, true)), false,
            "The PXE provider last validated certificate " + OldThumbprint + " and it is expired or invalid (KB 4511618); if a restart does not bring the new certificate, run the site-side runbook " + Runbook + "."),
        new("log on drive D", w => { w.FixedDrives.Add('D'); w.WriteFile(@"D:\SMS_DP$\sms\logs\SMSPXE.log", Validation(OldThumbprint, expired: true)); }, false,
            "The PXE provider last validated certificate " + OldThumbprint + " and it is expired or invalid (KB 4511618); if a restart does not bring the new certificate, run the site-side runbook " + Runbook + "."),
        new("no validation since the provider started", w => w.WriteFile(SmsPxeLog, Line("PXE Provider loaded.")), true, "No certificate validation in the end of {log} since the PXE provider last started."),
        new("a failure after the newest validation block is not about the certificate",
            w => w.WriteFile(SmsPxeLog, Validation(NewThumbprint, expired: false) + Line("Boot image PS100004 signing certificate has expired")), true,
            "The PXE provider uses certificate " + NewThumbprint + " without validation errors."),
        new("the failed validation rolled over to SMSPXE.lo_",
            w => { w.WriteFile(@"C:\SMS_DP$\sms\logs\SMSPXE.lo_", Validation(OldThumbprint, expired: true)); w.WriteFile(SmsPxeLog, Line("PXE Provider loaded.")); }, false,
            "The PXE provider last validated certificate " + OldThumbprint + " and it is expired or invalid (KB 4511618, in {any}SMSPXE.lo_ after a log rollover); if a restart does not bring the new certificate, run the site-side runbook " + Runbook + "."),
        new("the failed validation is in a timestamped archive",
            w => { w.WriteFile(@"C:\SMS_DP$\sms\logs\SMSPXE-20261125-101501.log", Validation(OldThumbprint, expired: true)); w.WriteFile(SmsPxeLog, Line("PXE Provider loaded.")); }, false,
            "The PXE provider last validated certificate " + OldThumbprint + " and it is expired or invalid (KB 4511618, in {any}SMSPXE-20261125-101501.log after a log rollover); if a restart does not bring the new certificate, run the site-side runbook " + Runbook + "."),
        new("site server logs under the installation directory",
            w =>
            {
                w.Registry.SetValue(Microsoft.Win32.RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\Identification", "Installation Directory", @"E:\ConfigMgr", Microsoft.Win32.RegistryValueKind.String);
                w.WriteFile(@"E:\ConfigMgr\Logs\SMSPXE.log", Validation(OldThumbprint, expired: true));
            },
            false, "The PXE provider last validated certificate " + OldThumbprint + " and it is expired or invalid (KB 4511618); if a restart does not bring the new certificate, run the site-side runbook " + Runbook + "."),
        new("no SMSPXE.log: the summary says where it looked", _ => { }, true, "No SMSPXE.log on this server: it runs no ConfigMgr PXE provider (looked in {folders}).", OnlyInSummary: true),
        new("not a distribution point: not applicable", w => { w.Registry.DeleteKey(Microsoft.Win32.RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\DP"); Expired(w); }, true,
            "{any}not applicable{any}"),
    ];

    public static readonly RemediationRow[] RemediationRows =
    [
        new("WDS restarted, the new certificate validates",
            w => { Expired(w); w.Services["WDSServer"] = FakeService.Running("WDSServer"); NewValidation(w, expired: false); },
            true, "Restarted WDSServer; the PXE provider now validates certificate " + NewThumbprint + " (was " + OldThumbprint + ").", ["Stop WDSServer", "Start WDSServer"]),
        new("SccmPxe restarted, the new certificate validates",
            w => { Expired(w); w.Services["SccmPxe"] = FakeService.Running("SccmPxe"); w.Services["WDSServer"] = FakeService.Stopped("WDSServer"); NewValidation(w, expired: false); },
            true, "Restarted SccmPxe; the PXE provider now validates certificate " + NewThumbprint + " (was " + OldThumbprint + ").", ["Stop SccmPxe", "Start SccmPxe"]),
        new("a stopped WDS is started",
            w => { Expired(w); w.Services["WDSServer"] = FakeService.Stopped("WDSServer"); NewValidation(w, expired: false); },
            true, "Restarted WDSServer; the PXE provider now validates certificate " + NewThumbprint + " (was " + OldThumbprint + ").", ["Start WDSServer"]),
        new("SccmPxe and WDS both stopped: SccmPxe is started",
            w => { Expired(w); w.Services["SccmPxe"] = FakeService.Stopped("SccmPxe"); w.Services["WDSServer"] = FakeService.Stopped("WDSServer"); NewValidation(w, expired: false); },
            true, "Restarted SccmPxe; the PXE provider now validates certificate " + NewThumbprint + " (was " + OldThumbprint + ").", ["Start SccmPxe"],
            ServicesAfter: [("SccmPxe", ServiceControllerStatus.Running), ("WDSServer", ServiceControllerStatus.Stopped)]),
        new("SccmPxe disabled and WDS stopped: WDS is started",
            w => { Expired(w); w.Services["SccmPxe"] = FakeService.Disabled("SccmPxe"); w.Services["WDSServer"] = FakeService.Stopped("WDSServer"); NewValidation(w, expired: false); },
            true, "Restarted WDSServer; the PXE provider now validates certificate " + NewThumbprint + " (was " + OldThumbprint + ").", ["Start WDSServer"],
            ServicesAfter: [("SccmPxe", ServiceControllerStatus.Stopped), ("WDSServer", ServiceControllerStatus.Running)]),
        new("the log rolls over while the script waits",
            w => { Expired(w); w.Services["WDSServer"] = FakeService.Running("WDSServer"); w.At(TimeSpan.FromSeconds(8), x => x.WriteFile(SmsPxeLog, Validation(NewThumbprint, expired: false))); },
            true, "Restarted WDSServer; the PXE provider now validates certificate " + NewThumbprint + " (was " + OldThumbprint + ").", ["Stop WDSServer", "Start WDSServer"]),
        new("the same expired certificate again",
            w => { Expired(w); w.Services["WDSServer"] = FakeService.Running("WDSServer"); w.At(TimeSpan.FromSeconds(8), x => x.WriteFile(SmsPxeLog, Validation(OldThumbprint, expired: true), append: true)); },
            false, "Restarted WDSServer: the PXE provider still uses the expired certificate " + OldThumbprint + ", so the site has not delivered the new one; run the site-side runbook " + Runbook + ".", ["Stop WDSServer", "Start WDSServer"]),
        new("a new certificate that fails too",
            w => { Expired(w); w.Services["WDSServer"] = FakeService.Running("WDSServer"); NewValidation(w, expired: true); },
            false, "Restarted WDSServer: the PXE provider validated certificate " + NewThumbprint + " (was " + OldThumbprint + ") and it failed too; read {log}.", ["Stop WDSServer", "Start WDSServer"]),
        new("no validation within the deadline",
            w => { Expired(w); w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            false, "Restarted WDSServer, but the PXE provider validated no certificate within 45 seconds of the start; read {log}.", ["Stop WDSServer", "Start WDSServer"]),
        new("no SMSPXE.log", w => w.Services["WDSServer"] = FakeService.Running("WDSServer"),
            false, "No SMSPXE.log on this server: there is no PXE provider to restart (looked in {any}).", []),
        new("neither PXE service installed", Expired, false, "Neither SccmPxe nor WDSServer is installed and enabled here.", []),
        new("WDS disabled", w => { Expired(w); w.Services["WDSServer"] = FakeService.Disabled("WDSServer"); }, false, "Neither SccmPxe nor WDSServer is installed and enabled here.", []),
        new("WDS stop hangs: it is left stopping, and the failure says so and how PXE comes back",
            w => { Expired(w); w.Services["WDSServer"] = FakeService.Hanging("WDSServer"); },
            false, LeftStopping + "stop: Time out has expired and the operation has not been completed.", ["Stop WDSServer"],
            ServicesAfter: [("WDSServer", ServiceControllerStatus.StopPending)]),
        new("WDS stops after the deadline: it is started again, and the run fails",
            w => { Expired(w); w.Services["WDSServer"] = new FakeService("WDSServer", ServiceControllerStatus.Running) { StopTime = TimeSpan.FromSeconds(50) }; },
            false, "Restarted WDSServer only after the 45-second deadline, as its stop took that long: it runs again, but no time was left to see the PXE provider validate a certificate; the next evaluation checks again (read {log}).",
            ["Stop WDSServer", "Start WDSServer"], ServicesAfter: [("WDSServer", ServiceControllerStatus.Running)]),
        new("WDS still stopping when the restart's time is up: it is left stopping, and the failure says so",
            w => { Expired(w); w.Services["WDSServer"] = new FakeService("WDSServer", ServiceControllerStatus.Running) { StopTime = TimeSpan.FromSeconds(56) }; },
            false, LeftStopping + "stop: Time out has expired and the operation has not been completed.", ["Stop WDSServer"],
            ServicesAfter: [("WDSServer", ServiceControllerStatus.StopPending)]),
        new("SccmPxe installed but stopped while WDS serves: WDS is restarted",
            w => { Expired(w); w.Services["SccmPxe"] = FakeService.Stopped("SccmPxe"); w.Services["WDSServer"] = FakeService.Running("WDSServer"); NewValidation(w, expired: false); },
            true, "Restarted WDSServer; {any}", ["Stop WDSServer", "Start WDSServer"]),
        new("the check passes again: nothing is restarted",
            w => { w.WriteFile(SmsPxeLog, Validation(NewThumbprint, expired: false)); w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            true, "Nothing restarted: the check passes now. The PXE provider uses certificate " + NewThumbprint + " without validation errors.", []),
        new("not a distribution point: nothing is restarted",
            w => { w.Registry.DeleteKey(Microsoft.Win32.RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\DP"); Expired(w); w.Services["WDSServer"] = FakeService.Running("WDSServer"); NewValidation(w, expired: false); },
            true, "{any}not applicable{any}", []),
    ];

    public static TheoryData<string, string> DetectCases => ScriptScenarioTest.Cases(Detect, CheckRows.Select(r => r.Name));

    public static TheoryData<string, string> DiscoveryCases => ScriptScenarioTest.Cases(Discovery, CheckRows.Where(r => !r.OnlyInSummary).Select(r => r.Name));

    public static TheoryData<string, string> RemediateCases => ScriptScenarioTest.Cases(Remediate, RemediationRows.Select(r => r.Name));

    public static TheoryData<string, string> RemediationCases => ScriptScenarioTest.Cases(Remediation, RemediationRows.Select(r => r.Name));

    [SkippableTheory]
    [MemberData(nameof(DetectCases))]
    public void IntuneDetection(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), CheckRows.Single(r => r.Name == row));
        var run = ScriptScenarioTest.Run(under, Detect, scenario.Arrange);

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.Intune(run);
            Assert.Equal(scenario.Compliant ? 0 : 1, run.ExitCode);
            Expect.Matches((scenario.Compliant ? "Compliant: " : "NonCompliant: ") + scenario.Summary, run.OutputLines[0], Values(under, run.World), run.ToString());
            Assert.Empty(run.World.ServiceEvents);
        });
    }

    [SkippableTheory]
    [MemberData(nameof(DiscoveryCases))]
    public void ConfigMgrDiscovery(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), CheckRows.Single(r => r.Name == row));
        var run = ScriptScenarioTest.Run(under, Discovery, scenario.Arrange);

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.ConfigMgrDiscovery(run);
            Assert.Equal(scenario.Compliant ? "Compliant" : "NonCompliant", run.OutputLines[0]);
            Assert.Empty(run.World.ServiceEvents);
        });
    }

    [SkippableTheory]
    [MemberData(nameof(RemediateCases))]
    public void IntuneRemediation(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), RemediationRows.Single(r => r.Name == row));
        var run = ScriptScenarioTest.Run(under, Remediate, scenario.Arrange, hostTimeLimit: ScriptScenarioTest.IntuneTimeLimit);

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.Intune(run);
            Assert.Equal(scenario.Succeeds ? 0 : 1, run.ExitCode);
            Expect.Matches((scenario.Succeeds ? string.Empty : "Failed: ") + scenario.Message, run.OutputLines[0], Values(under, run.World), run.ToString());
            AssertServices(run, scenario);
        });
    }

    [SkippableTheory]
    [MemberData(nameof(RemediationCases))]
    public void ConfigMgrRemediation(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), RemediationRows.Single(r => r.Name == row));
        var run = ScriptScenarioTest.Run(under, Remediation, scenario.Arrange, hostTimeLimit: ScriptScenarioTest.ConfigMgrTimeLimit);

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.ConfigMgrRemediation(run, scenario.Succeeds);
            Expect.Matches(scenario.Message, scenario.Succeeds ? Assert.Single(run.OutputLines) : run.Thrown ?? "(killed by the host)", Values(under, run.World), run.ToString());
            AssertServices(run, scenario);
        });
    }

    private static void AssertServices(ScriptRun run, RemediationRow row)
    {
        Assert.Equal(row.ServiceEvents, run.World.ServiceEvents);
        foreach (var (service, status) in row.ServicesAfter ?? [])
        {
            Assert.True(status == run.World.Services[service].Status, service + " is " + run.World.Services[service].Status + " when the run ends, not " + status + ": " + run);
        }
    }

    /// <summary>Where the check looks for SMSPXE.log on a machine with drive C only and no site server installation.</summary>
    private static readonly string[] SearchedFoldersOnC =
        [@"C:\SMS_DP$\sms\logs", @"C:\SMS_CCM\Logs", @"C:\Program Files\Microsoft Configuration Manager\Logs", @"C:\Windows\CCM\Logs"];

    private static void Expired(ScriptWorld world) => world.WriteFile(SmsPxeLog, Validation(OldThumbprint, expired: true));

    /// <summary>The provider validates a certificate 8 seconds after the script started (after the restart).</summary>
    private static void NewValidation(ScriptWorld world, bool expired) =>
        world.At(TimeSpan.FromSeconds(8), w => w.WriteFile(SmsPxeLog, Validation(NewThumbprint, expired), append: true));

    private static Dictionary<string, string> Values(PackageUnderTest package, ScriptWorld world) => new()
    {
        ["site"] = package.SiteCode,
        ["log"] = world.MapWindowsPath(SmsPxeLog),
        ["folders"] = string.Join(", ", SearchedFoldersOnC.Select(world.MapWindowsPath)),
    };
}
