using RemediationGen.Tests.Scripts.Doubles;
using static RemediationGen.Tests.Scripts.LogLines;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// site/PxePasswordCertificate/Invoke-PxePasswordRunbook.ps1 (KB 4511618, site side) on every package that has it:
/// the DP's admin share and the site server's distmgr.log are real files behind their UNC paths; distmgr.log and
/// SMSPXE.log gain their lines on the fake clock while the runbook polls. Every row feeds the PXE password and asserts
/// it is nowhere: not printed, not in the transcript, the state file or any call.
/// Placeholders: {dp} the DP's name, {short} its first label, {service}, {new} the new thumbprint, {distmgr}, {smspxe},
/// {transcript}, {site}, {provider}, {time}, {any}.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class PxePasswordRunbookScriptTests
{
    private const string Runbook = "site/PxePasswordCertificate/Invoke-PxePasswordRunbook.ps1";
    private const string Password = "NewPxe-Secret-8812";

    private static readonly string[] FullRun =
    [
        "{time} [Start] KB 4511618 runbook for {dp}, from step Preconditions. Transcript: {transcript}",
        "{time} [Preconditions] DP is PXE-enabled with a password set; SMSPXE.log: {smspxe}; certificate in use: " + OldThumbprint + ".",
        "{time} [ClearPassword] PXE password cleared; distmgr.log will now update the DP registry.",
        "{time} [WaitForDistmgr] distmgr.log: DP registry settings have been successfully updated on {dp}.",
        "{time} [RestartPxe] Restarted {service} on {dp}; waiting for the certificate validation.",
        "{time} [RestartPxe] Certificate before: " + OldThumbprint + "; now: {new}, validated without errors.",
        "{time} [RestorePassword] PXE password set again; the site encrypted it with its current keys, so distmgr.log no longer fails to decrypt it.",
        "{time} [Done] All steps completed.",
    ];

    /// <summary>After ClearPassword every failure says the DP has no PXE password and how to set it again (issue 9).</summary>
    private const string NoPassword = " Until RestorePassword succeeds, {dp} has no PXE password (ClearPassword ran): to set it again now, without the other steps, run with -StartAt RestorePassword.";

    /// <summary>-WhatIf without -ClearThroughSmsProvider: ClearPassword would stop for the console; nothing says "cleared".</summary>
    private const string ConsoleClearWhatIf = "{time} [ClearPassword] What if: would stop here for the PXE password of {dp} to be cleared in the console (or run with -ClearThroughSmsProvider).";

    private static readonly string[] FromRestartPxe =
    [
        "{time} [Start] KB 4511618 runbook for {dp}, from step RestartPxe. Transcript: {transcript}",
        FullRun[4], FullRun[5], FullRun[6], FullRun[7],
    ];

    /// <summary>
    /// A run: its parameters (besides -DistributionPoint), the site and DP it meets, the exact host lines (in order),
    /// what it throws (null: nothing), and its changes: the SMS Provider edit, Set-CMDistributionPoint, the services.
    /// </summary>
    public sealed record RunbookRow(
        string Name,
        Dictionary<string, object?> Parameters,
        Action<Stage> Arrange,
        string[] HostLines,
        string? Failure,
        bool ClearsPassword,
        bool SetsPassword,
        bool Restarts,
        string? Skip = null);

    /// <summary>The world of one runbook run and the names it uses.</summary>
    public sealed record Stage(ScriptWorld World, string Dp, string Service, string NewThumbprint, string DistmgrPath)
    {
        public string ShortName => Dp.Split('.')[0];

        public string SmsPxePath => @"\\" + Dp + @"\C$\SMS_DP$\sms\logs\SMSPXE.log";

        public FakeDistributionPoint Point => World.ConfigMgr.DistributionPoints[Dp];

        /// <summary>A site and DP on which every step succeeds: distmgr updates the DP a minute after the clear, and the
        /// PXE provider validates the new certificate two minutes in (after the restart).</summary>
        public Stage Healthy()
        {
            World.ConfigMgr.DistributionPoints[Dp] = new FakeDistributionPoint(Dp, isPxe: true, pxePasswordSet: true);
            World.WriteFile(DistmgrPath, DistmgrSuccess("dp99.contoso.com", 5112));
            World.WriteFile(SmsPxePath, Validation(OldThumbprint, expired: true));
            var service = new FakeService(Service, System.ServiceProcess.ServiceControllerStatus.Running) { ComputerName = Dp };
            World.Services[service.Key] = service;
            World.ReadHostAnswers.Enqueue(Password);
            World.ReadHostAnswers.Enqueue(Password);
            return this;
        }

        public Stage DistmgrAt(int seconds, string lines)
        {
            World.At(TimeSpan.FromSeconds(seconds), w => w.WriteFile(DistmgrPath, lines, append: true));
            return this;
        }

        public Stage NewCertificateAt(int seconds, string thumbprint, bool expired = false)
        {
            World.At(TimeSpan.FromSeconds(seconds), w => w.WriteFile(SmsPxePath, Validation(thumbprint, expired), append: true));
            return this;
        }

        public Stage Succeeding() => Healthy().DistmgrAt(60, DistmgrSuccess(Dp)).NewCertificateAt(120, NewThumbprint);
    }

    public static readonly RunbookRow[] RunbookRows =
    [
        new("every step, the password typed twice", new() { ["ClearThroughSmsProvider"] = true }, s => s.Succeeding(), FullRun, null, ClearsPassword: true, SetsPassword: true, Restarts: true),
        new("every step, the password given as a SecureString", new() { ["PxePassword"] = FakeDistributionPoint.Secret(Password), ["ClearThroughSmsProvider"] = true },
            s => { s.Succeeding(); s.World.ReadHostAnswers.Clear(); }, FullRun, null, ClearsPassword: true, SetsPassword: true, Restarts: true),
        new("every step, started at the site's PS1:\\> prompt (a drive that holds no files)", new() { ["ClearThroughSmsProvider"] = true },
            s => { s.Succeeding(); s.World.StartAtSitePrompt(); }, FullRun, null, ClearsPassword: true, SetsPassword: true, Restarts: true),
        new("the DP given by its short name", new() { ["DistributionPoint"] = "{short}", ["ClearThroughSmsProvider"] = true }, s => s.Succeeding(), FullRun, null, ClearsPassword: true, SetsPassword: true, Restarts: true),
        new("-WhatIf changes nothing", new() { ["WhatIf"] = true }, s => s.Succeeding(),
            [
                FullRun[0], FullRun[1], ConsoleClearWhatIf,
                "{time} [WaitForDistmgr] What if: would wait up to 30 minutes for distmgr.log to update {dp}.",
                "{time} [RestartPxe] What if: would wait up to 30 minutes for SMSPXE.log to validate a certificate other than " + OldThumbprint + ".",
                "{time} [RestorePassword] What if: would ask for the PXE password and set it on {dp} with Set-CMDistributionPoint -PxePassword.",
                FullRun[7],
            ],
            null, ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("-WhatIf does not say the password was cleared", new() { ["WhatIf"] = true }, s => s.Succeeding(),
            [FullRun[0], FullRun[1], "{time} [ClearPassword] What if: {any}", "{any}", "{any}", "{any}", FullRun[7]],
            null, ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("-StartAt RestartPxe resumes there", new() { ["StartAt"] = "RestartPxe" }, s => s.Healthy().NewCertificateAt(60, s.NewThumbprint),
            FromRestartPxe, null, ClearsPassword: false, SetsPassword: true, Restarts: true),
        new("-StartAt typed in lower case runs the same steps", new() { ["StartAt"] = "restartpxe" }, s => s.Healthy().NewCertificateAt(60, s.NewThumbprint),
            FromRestartPxe, null, ClearsPassword: false, SetsPassword: true, Restarts: true),
        new("unknown DP", new() { ["DistributionPoint"] = "dp77.contoso.com" }, s => s.Healthy(), [],
            "This package covers these DPs only: {dp}.", ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("Preconditions: not a DP of the site", [], s => { s.Healthy(); s.World.ConfigMgr.DistributionPoints.Clear(); }, [FullRun[0]],
            "Step Preconditions failed: {dp} is not a distribution point of site {site}. What to do: check -DistributionPoint and -SiteCode. Then run again with -StartAt Preconditions.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("Preconditions: not PXE-enabled", [], s => { s.Healthy(); s.Point.IsPxe = false; }, [FullRun[0]],
            "Step Preconditions failed: {dp} is not PXE-enabled. What to do: this runbook is for PXE-enabled DPs only. Then run again with -StartAt Preconditions.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("Preconditions: no PXE password", [], s => { s.Healthy(); s.Point.PxePassword = null; }, [FullRun[0]],
            "Step Preconditions failed: {dp} has no PXE password set, so KB 4511618 does not apply. What to do: restart the PXE service on the DP; if SMSPXE.log still shows the expired certificate, look for another cause. Then run again with -StartAt Preconditions.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("Preconditions: distmgr.log unreachable", [], s => { s.Healthy(); File.Delete(s.World.MapWindowsPath(s.DistmgrPath)); }, [FullRun[0]],
            "Step Preconditions failed: distmgr.log is not reachable at {distmgr}. What to do: give -DistmgrLogPath (the site server's Logs folder through its admin share). Then run again with -StartAt Preconditions.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("Preconditions: SMSPXE.log not on the admin shares", [], s => { s.Healthy(); File.Delete(s.World.MapWindowsPath(s.SmsPxePath)); }, [FullRun[0]],
            "Step Preconditions failed: SMSPXE.log was not found on the admin shares of {dp} (looked in <drive>$\\SMS_DP$\\sms\\logs and <drive>$\\SMS_CCM\\Logs on drives C to Z, C$\\Program Files\\Microsoft Configuration Manager\\Logs and ADMIN$\\CCM\\Logs). What to do: give -SmsPxeLogPath. Then run again with -StartAt Preconditions.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("Preconditions: no console", [], s => { s.Healthy(); s.World.ConfigMgr.ModuleLoaded = false; }, [FullRun[0]],
            "Step Preconditions failed: The ConfigurationManager module was not found: run this script where the Configuration Manager console is installed. What to do: run this script where the Configuration Manager console is installed, with -ProviderMachineName (the SMS Provider) when the site server is unknown. Then run again with -StartAt Preconditions.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("ClearPassword: no site control object", new() { ["ClearThroughSmsProvider"] = true }, s => { s.Healthy(); s.Point.HasSiteControlRole = false; }, [FullRun[0], FullRun[1]],
            "Step ClearPassword failed: the site control object of {dp} was not found on {provider}. What to do: clear the password in the console (see the note in this script's help), then run again with -StartAt WaitForDistmgr.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("ClearPassword: no PXEPassword property", new() { ["ClearThroughSmsProvider"] = true }, s => { s.Healthy(); s.Point.RoleHasPxePasswordProperty = false; }, [FullRun[0], FullRun[1]],
            "Step ClearPassword failed: the DP role has no PXEPassword property. What to do: clear the password in the console (see the note in this script's help), then run again with -StartAt WaitForDistmgr.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("ClearPassword: the unverified SMS Provider edit needs an explicit opt-in", [], s => s.Succeeding(), [FullRun[0], FullRun[1]],
            "Step ClearPassword failed: clearing the PXE password through the SMS Provider has not been verified on a live site, so this script does it only with -ClearThroughSmsProvider. What to do: clear it in the console: Distribution Points > {dp} > Properties > PXE tab > clear \"Require a password when computers use PXE\" > OK; then run again with -StartAt WaitForDistmgr (distmgr.log is read from the position recorded now). Or run again with -StartAt ClearPassword -ClearThroughSmsProvider.",
            ClearsPassword: false, SetsPassword: false, Restarts: false),
        new("WaitForDistmgr: no line within the timeout", new() { ["TimeoutMinutes"] = 5, ["ClearThroughSmsProvider"] = true }, s => s.Healthy(), [FullRun[0], FullRun[1], FullRun[2]],
            "Step WaitForDistmgr failed: distmgr.log did not update {dp} within 5 minutes. What to do: check distmgr.log for errors about the DP (filter by the thread that names it), and that the password is cleared on its PXE tab. Then run again with -StartAt WaitForDistmgr." + NoPassword,
            ClearsPassword: true, SetsPassword: false, Restarts: false),
        new("WaitForDistmgr: a failure after the clear says the DP has no PXE password and how to resume", new() { ["TimeoutMinutes"] = 5, ["ClearThroughSmsProvider"] = true }, s => s.Healthy(), [FullRun[0], FullRun[1], FullRun[2]],
            "{any}no PXE password{any}-StartAt RestorePassword{any}", ClearsPassword: true, SetsPassword: false, Restarts: false),
        new("WaitForDistmgr: the success line of dp020 or {short}-old is not this DP's", new() { ["TimeoutMinutes"] = 5, ["ClearThroughSmsProvider"] = true },
            s => s.Healthy().DistmgrAt(60, DistmgrSuccess(s.ShortName + "0.contoso.com") + DistmgrSuccess(s.ShortName + "-old")), [FullRun[0], FullRun[1], FullRun[2]],
            "Step WaitForDistmgr failed: distmgr.log did not update {dp} within 5 minutes.{any}", ClearsPassword: true, SetsPassword: false, Restarts: false),
        new("WaitForDistmgr: another DP's password failure does not stop the wait", new() { ["ClearThroughSmsProvider"] = true },
            s => s.Healthy().DistmgrAt(30, DistmgrProcessing("dp77.contoso.com", 7001) + DistmgrPasswordFailure(7001)).DistmgrAt(90, DistmgrSuccess(s.Dp)).NewCertificateAt(150, s.NewThumbprint),
            FullRun, null, ClearsPassword: true, SetsPassword: true, Restarts: true),
        new("WaitForDistmgr after a console clear: the line written since the clear counts", new() { ["StartAt"] = "WaitForDistmgr" },
            s => { s.Healthy(); s.World.WriteFile(s.DistmgrPath, DistmgrSuccess(s.Dp), append: true); s.NewCertificateAt(60, s.NewThumbprint); },
            ["{time} [Start] KB 4511618 runbook for {dp}, from step WaitForDistmgr. Transcript: {transcript}", FullRun[3], FullRun[4], FullRun[5], FullRun[6], FullRun[7]],
            null, ClearsPassword: false, SetsPassword: true, Restarts: true),
        new("RestartPxe: the same expired certificate again", new() { ["ClearThroughSmsProvider"] = true }, s => s.Healthy().DistmgrAt(60, DistmgrSuccess(s.Dp)).NewCertificateAt(120, OldThumbprint, expired: true),
            [FullRun[0], FullRun[1], FullRun[2], FullRun[3], FullRun[4]],
            "Step RestartPxe failed: the PXE provider validated certificate " + OldThumbprint + " (before: " + OldThumbprint + ") and it is expired, invalid or unchanged. What to do: check in the console (Administration > Security > Certificates) that the DP has a new certificate, and WaitForDistmgr. Then run again with -StartAt RestartPxe." + NoPassword,
            ClearsPassword: true, SetsPassword: false, Restarts: true),
        new("RestartPxe: no validation within the timeout", new() { ["TimeoutMinutes"] = 5, ["ClearThroughSmsProvider"] = true }, s => s.Healthy().DistmgrAt(60, DistmgrSuccess(s.Dp)),
            [FullRun[0], FullRun[1], FullRun[2], FullRun[3], FullRun[4]],
            "Step RestartPxe failed: SMSPXE.log shows no certificate validation within 5 minutes. What to do: read {smspxe}. Then run again with -StartAt RestartPxe." + NoPassword,
            ClearsPassword: true, SetsPassword: false, Restarts: true),
        new("RestorePassword: the two typed passwords differ", new() { ["ClearThroughSmsProvider"] = true }, s => { s.Succeeding(); s.World.ReadHostAnswers.Clear(); s.World.ReadHostAnswers.Enqueue(Password); s.World.ReadHostAnswers.Enqueue(Password + "x"); },
            [.. FullRun[..6]],
            "Step RestorePassword failed: the two passwords differ or are empty. What to do: type the same non-empty password twice. Then run again with -StartAt RestorePassword." + NoPassword,
            ClearsPassword: true, SetsPassword: false, Restarts: true),
        new("RestorePassword: the site does not record the password", new() { ["ClearThroughSmsProvider"] = true }, s => { s.Succeeding(); s.Point.SetPasswordSticks = false; },
            [.. FullRun[..6]],
            "Step RestorePassword failed: the site has recorded no PXE password for {dp} within 5 minutes of Set-CMDistributionPoint. What to do: set it in the console (PXE tab). Then run again with -StartAt RestorePassword." + NoPassword,
            ClearsPassword: true, SetsPassword: true, Restarts: true),
        new("RestorePassword: the site records the password a little later", new() { ["ClearThroughSmsProvider"] = true },
            s => { s.Succeeding(); s.Point.SetPasswordSticks = false; s.World.At(TimeSpan.FromSeconds(200), w => w.ConfigMgr.DistributionPoints[s.Dp].PxePassword = FakeDistributionPoint.Secret("recorded")); },
            FullRun, null, ClearsPassword: true, SetsPassword: true, Restarts: true),
    ];

    public static TheoryData<string, string> RunbookCases => ScriptScenarioTest.Cases(Runbook, RunbookRows.Select(r => r.Name));

    [SkippableTheory]
    [MemberData(nameof(RunbookCases))]
    public void Runbook_(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), RunbookRows.Single(r => r.Name == row));
        Stage? stage = null;
        var parameters = new Dictionary<string, object?>();
        var run = ScriptScenarioTest.Run(under, Runbook, w =>
        {
            stage = NewStage(under, w);
            scenario.Arrange(stage);
            parameters["DistributionPoint"] = stage.Dp;
            foreach (var (name, value) in scenario.Parameters)
            {
                parameters[name] = value is string text ? Fill(text, stage, under) : value;
            }
        }, parameters, writesNextToItself: true);

        KnownDefect.Verify(scenario.Skip, () => AssertRun(run, scenario, stage!, under));
    }

    [Theory]
    [MemberData(nameof(ResumeCases))]
    public void Runbook_ResumesFromItsStateFile(string package, bool fromSitePrompt)
    {
        // First run: distmgr stays silent, so WaitForDistmgr stops after the clear and the state keeps distmgr's offset.
        // From the site's PS1:\> prompt both runs write and read the state file next to the script all the same.
        var under = PackageUnderTest.Named(package);
        Stage? stage = null;
        var first = ScriptScenarioTest.Run(under, Runbook, w =>
        {
            stage = NewStage(under, w).Healthy();
            if (fromSitePrompt)
            {
                w.StartAtSitePrompt();
            }
        }, new Dictionary<string, object?> { ["DistributionPoint"] = DpOf(under), ["TimeoutMinutes"] = 1, ["ClearThroughSmsProvider"] = true }, writesNextToItself: true);
        Assert.StartsWith("Step WaitForDistmgr failed:", first.Thrown, StringComparison.Ordinal);
        var statePath = Directory.EnumerateFiles(first.World.Root, "PxePasswordRunbook-*.state.json", SearchOption.AllDirectories).Single();
        Assert.Contains("\"DistmgrOffset\"", File.ReadAllText(statePath), StringComparison.Ordinal);

        // distmgr writes its line after the first run stopped; the resumed run finds it from the saved offset.
        stage!.World.WriteFile(stage.DistmgrPath, DistmgrSuccess(stage.Dp), append: true);
        stage.World.At(stage.World.Now - stage.World.Start + TimeSpan.FromSeconds(60), w => w.WriteFile(stage.SmsPxePath, Validation(stage.NewThumbprint, expired: false), append: true));
        var resumed = ScriptHost.Run(stage.World, Directory.EnumerateFiles(first.World.Root, "Invoke-PxePasswordRunbook.ps1", SearchOption.AllDirectories).Single(),
            new Dictionary<string, object?> { ["DistributionPoint"] = stage.Dp, ["StartAt"] = "WaitForDistmgr" });

        Assert.False(resumed.Threw, resumed.ToString());
        Assert.Contains(resumed.HostLines, l => l.EndsWith("[Done] All steps completed.", StringComparison.Ordinal));
        Assert.False(File.Exists(statePath), "a completed run removes its state file");
        Secrets.AssertNowhere(Password, resumed);
    }

    public static TheoryData<string> PackagesWithRunbook => [.. PackageUnderTest.Holding(Runbook)];

    public static TheoryData<string, bool> ResumeCases
    {
        get
        {
            var cases = new TheoryData<string, bool>();
            foreach (var package in PackageUnderTest.Holding(Runbook))
            {
                cases.Add(package, false);
                cases.Add(package, true);
            }

            return cases;
        }
    }

    /// <summary>
    /// The site-prompt row can fail: the same runbook with its log paths given bare (no <c>FileSystem::</c>) still runs
    /// from a FileSystem folder, but at the PS1:\> prompt the site drive's provider finds no distmgr.log.
    /// </summary>
    [Theory]
    [MemberData(nameof(PackagesWithRunbook))]
    public void Runbook_WithBareUncPaths_FindsNoLogAtTheSitePrompt(string package)
    {
        var shipped = PackageUnderTest.Named(package);
        var text = shipped.Files[Runbook];
        Assert.Equal(2, text.Split("('FileSystem::' + $Path)").Length - 1);
        var bare = shipped with { Name = shipped.Name + "-bare-paths", Files = new Dictionary<string, string>(shipped.Files) { [Runbook] = text.Replace("('FileSystem::' + $Path)", "$Path", StringComparison.Ordinal) } };

        ScriptRun RunFrom(bool sitePrompt) => ScriptScenarioTest.Run(bare, Runbook, w =>
        {
            NewStage(bare, w).Succeeding();
            if (sitePrompt)
            {
                w.StartAtSitePrompt();
            }
        }, new Dictionary<string, object?> { ["DistributionPoint"] = DpOf(bare), ["ClearThroughSmsProvider"] = true }, writesNextToItself: true);

        var fromFolder = RunFrom(sitePrompt: false);
        var fromSitePrompt = RunFrom(sitePrompt: true);

        Assert.False(fromFolder.Threw, fromFolder.ToString());
        Assert.StartsWith("Step Preconditions failed: distmgr.log is not reachable at ", fromSitePrompt.Thrown, StringComparison.Ordinal);
    }

    private static void AssertRun(ScriptRun run, RunbookRow row, Stage stage, PackageUnderTest package)
    {
        var values = Values(stage, package, run);
        if (row.Failure is null)
        {
            Assert.False(run.Threw, run.ToString());
        }
        else
        {
            Expect.Matches(row.Failure, run.Thrown ?? "(did not throw)", values, run.ToString());
        }

        Assert.True(row.HostLines.Length == run.HostLines.Count, "expected host lines:\n  " + string.Join("\n  ", row.HostLines) + "\nbut the run printed:\n  " + string.Join("\n  ", run.HostLines));
        foreach (var (template, line) in row.HostLines.Zip(run.HostLines))
        {
            Expect.Matches(template, line, values, "host line");
        }

        Assert.Equal(row.ClearsPassword ? ["SMS_SCI_SysResUse.Put -DistributionPoint '" + stage.Dp + "' -PXEPasswordCleared $true"] : [], run.World.CallsTo("SMS_SCI_SysResUse.Put"));
        Assert.Equal(
            row.SetsPassword ? ["Set-CMDistributionPoint -PxePassword <SecureString> -SiteCode '" + package.SiteCode + "' -SiteSystemServerName '" + stage.Dp + "'"] : [],
            run.World.CallsTo("Set-CMDistributionPoint").Where(c => !c.EndsWith("[WhatIf]", StringComparison.Ordinal)));
        Assert.Equal(row.Restarts ? ["Stop " + stage.Service + " on " + stage.Dp, "Start " + stage.Service + " on " + stage.Dp] : [], run.World.ServiceEvents);
        Assert.Empty(run.Output);
        Secrets.AssertNowhere(Password, run);
    }

    private static Stage NewStage(PackageUnderTest package, ScriptWorld world)
    {
        var known = ((object[])package.Constant(Runbook, "KnownDistributionPoints")).Cast<Dictionary<string, object>>().First();
        var responder = (string)known["Responder"];
        var expected = (string)known["ExpectedThumbprint"];
        return new Stage(world, (string)known["Name"], responder.Length > 0 ? responder : "WDSServer", expected.Length > 0 ? expected : NewThumbprint, package.ParameterDefault(Runbook, "DistmgrLogPath"));
    }

    private static string DpOf(PackageUnderTest package) =>
        (string)((object[])package.Constant(Runbook, "KnownDistributionPoints")).Cast<Dictionary<string, object>>().First()["Name"];

    private static string Fill(string text, Stage stage, PackageUnderTest package) =>
        text.Replace("{dp}", stage.Dp, StringComparison.Ordinal).Replace("{short}", stage.ShortName, StringComparison.Ordinal).Replace("{site}", package.SiteCode, StringComparison.Ordinal);

    private static Dictionary<string, string> Values(Stage stage, PackageUnderTest package, ScriptRun run) => new()
    {
        ["dp"] = stage.Dp,
        ["short"] = stage.ShortName,
        ["service"] = stage.Service,
        ["new"] = stage.NewThumbprint,
        ["distmgr"] = stage.DistmgrPath,
        ["smspxe"] = stage.SmsPxePath,
        ["site"] = package.SiteCode,
        ["provider"] = package.ParameterDefault(Runbook, "ProviderMachineName"),
        ["transcript"] = run.World.TranscriptPath ?? "(no transcript)",
    };
}
