using System.ServiceProcess;
using Microsoft.Win32;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The PXE certificate pair's restart and its site-system guard (issue 9, item 6 and the guard): which PXE service it
/// restarts, that the restart is bounded and always starts the service again, and that it does nothing off a DP. The
/// rest of the pair (the log checks) is tabled elsewhere; the IssuingCertificateList pair's restart is in its own table.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class PxeServiceScriptTests
{
    private const string Detect = "intune/PxePasswordCertificate/detect.ps1";
    private const string Discovery = "configmgr/PxePasswordCertificate/discovery.ps1";
    private const string Remediate = "intune/PxePasswordCertificate/remediate.ps1";
    private const string Remediation = "configmgr/PxePasswordCertificate/remediation.ps1";
    private const string DistributionPointKey = @"SOFTWARE\Microsoft\SMS\DP";
    private const string LogPath = @"C:\SMS_DP$\sms\logs\SMSPXE.log";
    private const string Expired = "1111111111111111111111111111111111111111";
    private const string Renewed = "2222222222222222222222222222222222222222";

    private const string NotApplicable = @"This server is not a distribution point (no HKLM\SOFTWARE\Microsoft\SMS\DP key), so these scripts are not applicable here: nothing was checked or changed.";

    /// <summary>A state, what the remediation must report (or throw), the service events, and the services' final states.</summary>
    public sealed record RestartRow(
        string Name,
        Action<ScriptWorld> Arrange,
        bool Succeeds,
        string Message,
        string[] ServiceEvents,
        (string Service, ServiceControllerStatus Status)[] ServicesAfter,
        bool DistributionPoint = true);

    public static readonly RestartRow[] RestartRows =
    [
        new("SccmPxe installed but stopped, WDS serves PXE: WDS is restarted", w =>
            {
                w.Services["SccmPxe"] = FakeService.Stopped("SccmPxe");
                w.Services["WDSServer"] = FakeService.Running("WDSServer");
                ValidatesAfterRestart(w, TimeSpan.FromSeconds(5));
            },
            true, "Restarted WDSServer; the PXE provider now validates certificate " + Renewed + " (was " + Expired + ").",
            ["Stop WDSServer", "Start WDSServer"], [("SccmPxe", ServiceControllerStatus.Stopped), ("WDSServer", ServiceControllerStatus.Running)]),
        new("both run: SccmPxe, the ConfigMgr responder, is restarted", w =>
            {
                w.Services["SccmPxe"] = FakeService.Running("SccmPxe");
                w.Services["WDSServer"] = FakeService.Running("WDSServer");
                ValidatesAfterRestart(w, TimeSpan.FromSeconds(5));
            },
            true, "Restarted SccmPxe; the PXE provider now validates certificate " + Renewed + " (was " + Expired + ").",
            ["Stop SccmPxe", "Start SccmPxe"], [("SccmPxe", ServiceControllerStatus.Running), ("WDSServer", ServiceControllerStatus.Running)]),
        new("WDS stop outlasts the deadline: it is started anyway, PXE runs when the host's 60 s end", w =>
            {
                w.Services["WDSServer"] = FakeService.Hanging("WDSServer");
                w.At(TimeSpan.FromSeconds(30), world => world.Services["WDSServer"].Status = ServiceControllerStatus.Stopped);
            },
            false, "Restarted WDSServer only after the 45-second deadline, as its stop took that long: it runs again, but no time was left to see the PXE provider validate a certificate; the next evaluation checks again (read {any}SMSPXE.log).",
            ["Stop WDSServer", "Start WDSServer"], [("WDSServer", ServiceControllerStatus.Running)]),
        new("the stop is refused: not reported as restarted, the service keeps running", w =>
                w.Services["WDSServer"] = new FakeService("WDSServer", ServiceControllerStatus.Running) { StopFails = true },
            false, "Could not restart WDSServer (it is Running): stop: {any}Cannot stop WDSServer service on computer '.'.{any}",
            ["Stop WDSServer", "Start WDSServer"], [("WDSServer", ServiceControllerStatus.Running)]),
        new("not a distribution point: nothing restarted", w => w.Services["WDSServer"] = FakeService.Running("WDSServer"),
            true, NotApplicable, [], [("WDSServer", ServiceControllerStatus.Running)], DistributionPoint: false),
    ];

    public static TheoryData<string, string> RemediateCases => ScriptScenarioTest.Cases(Remediate, RestartRows.Select(r => r.Name));

    public static TheoryData<string, string> RemediationCases => ScriptScenarioTest.Cases(Remediation, RestartRows.Select(r => r.Name));

    public static TheoryData<string> DetectPackages => [.. PackageUnderTest.Holding(Detect)];

    [SkippableTheory]
    [MemberData(nameof(RemediateCases))]
    public void IntuneRemediation(string package, string row)
    {
        var scenario = RestartRows.Single(r => r.Name == row);
        var run = ScriptScenarioTest.Run(PackageUnderTest.Named(package), Remediate, w => Arrange(w, scenario), hostTimeLimit: ScriptScenarioTest.IntuneTimeLimit);

        HostContracts.Intune(run);
        Assert.Equal(scenario.Succeeds ? 0 : 1, run.ExitCode);
        Expect.Matches((scenario.Succeeds ? string.Empty : "Failed: ") + scenario.Message, run.OutputLines[0], Values, run.ToString());
        AssertServices(run, scenario);
    }

    [SkippableTheory]
    [MemberData(nameof(RemediationCases))]
    public void ConfigMgrRemediation(string package, string row)
    {
        var scenario = RestartRows.Single(r => r.Name == row);
        var run = ScriptScenarioTest.Run(PackageUnderTest.Named(package), Remediation, w => Arrange(w, scenario), hostTimeLimit: ScriptScenarioTest.ConfigMgrTimeLimit);

        HostContracts.ConfigMgrRemediation(run, scenario.Succeeds);
        Expect.Matches(scenario.Message, scenario.Succeeds ? Assert.Single(run.OutputLines) : run.Thrown ?? "(killed by the host)", Values, run.ToString());
        AssertServices(run, scenario);
    }

    [Theory]
    [MemberData(nameof(DetectPackages))]
    public void Detection_NotADistributionPoint_IsNotApplicable(string package)
    {
        var under = PackageUnderTest.Named(package);
        var detect = ScriptScenarioTest.Run(under, Detect, NotADistributionPoint);
        var discovery = ScriptScenarioTest.Run(under, Discovery, NotADistributionPoint);

        HostContracts.Intune(detect);
        Assert.Equal(0, detect.ExitCode);
        Assert.Equal("Compliant: " + NotApplicable, detect.OutputLines[0]);
        HostContracts.ConfigMgrDiscovery(discovery);
        Assert.Equal("Compliant", discovery.OutputLines[0]);
    }

    private static readonly Dictionary<string, string> Values = [];

    private static void Arrange(ScriptWorld world, RestartRow row)
    {
        if (row.DistributionPoint)
        {
            world.Registry.EnsureKey(RegistryView.Registry64, DistributionPointKey);
        }
        else
        {
            world.Registry.DeleteKey(RegistryView.Registry64, DistributionPointKey);
        }

        WithExpiredCertificateLog(world);
        row.Arrange(world);
    }

    private static void NotADistributionPoint(ScriptWorld world)
    {
        world.Registry.DeleteKey(RegistryView.Registry64, DistributionPointKey);
        WithExpiredCertificateLog(world);
    }

    private static void WithExpiredCertificateLog(ScriptWorld world) =>
        world.WriteFile(LogPath, Line("Begin validation of Certificate [Thumbprint " + Expired + "] issued to 'dp01.contoso.com'") + Line("Failed to validate PXEClientKey certificate: the certificate has expired (0x800B0101)"));

    /// <summary>The provider validates the renewed certificate <paramref name="after"/> the run starts (after the restart).</summary>
    private static void ValidatesAfterRestart(ScriptWorld world, TimeSpan after) =>
        world.At(after, w => w.WriteFile(LogPath, Line("Begin validation of Certificate [Thumbprint " + Renewed + "] issued to 'dp01.contoso.com'") + Line("Completed validation of Certificate [" + Renewed + "] issued to 'dp01.contoso.com'"), append: true));

    private static string Line(string text) =>
        "<![LOG[" + text + "]LOG]!><time=\"12:00:00.000+000\" date=\"11-25-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"3580\" file=\"ccmcert.cpp:1715\">\r\n";

    private static void AssertServices(ScriptRun run, RestartRow row)
    {
        Assert.Equal(row.ServiceEvents, run.World.ServiceEvents);
        Assert.Equal(row.ServicesAfter, row.ServicesAfter.Select(s => (s.Service, run.World.Services[s.Service].Status)));
    }
}
