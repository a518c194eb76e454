using System.Text.RegularExpressions;
using RemediationGen.Tests.Scripts.Doubles;
using static RemediationGen.Tests.Scripts.LogLines;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// Invoke-PxePasswordRunbook.ps1: the rows that prove the issue 9 runbook fixes (items 2, 3, 4 and the runbook minors),
/// run on every package that has the runbook. Placeholders: {dp} the package's first DP, {other} a DP whose name starts
/// with {dp}'s short name (dp02 -> dp020), {any}. The DP, distmgr.log and SMSPXE.log are reached through UNC paths.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed partial class PxeRunbookDefectTests
{
    private const string Runbook = "site/PxePasswordCertificate/Invoke-PxePasswordRunbook.ps1";
    private const string DistmgrLog = @"\\cm01.test\SMS_XX\Logs\distmgr.log";
    private const string PasswordText = "N3w-Pxe-Passw0rd";

    /// <summary>
    /// A state, the parameters (beyond -DistributionPoint and -DistmgrLogPath), what the run throws (null: it completes),
    /// lines the host must show, texts it must never show, and whether the SMS Provider edit ran.
    /// </summary>
    public sealed record RunbookRow(
        string Name,
        Action<ScriptWorld, Dp> Arrange,
        Dictionary<string, object?> Parameters,
        string? Throws,
        string[] Shows,
        string[]? NeverShows = null,
        bool ProviderEdited = false);

    /// <summary>The package's DP as the runbook knows it, and the thumbprint the site expects on it ('' when unknown).</summary>
    public sealed record Dp(string Name, string ExpectedThumbprint)
    {
        public string ShortName => Name.Split('.')[0];

        /// <summary>Another DP whose name begins with this one's: dp02.contoso.com -> dp020.contoso.com.</summary>
        public string Other => ShortName + "0" + Name[ShortName.Length..];

        public string NewThumbprint => ExpectedThumbprint.Length > 0 ? ExpectedThumbprint : LogLines.NewThumbprint;

        public string PxeLog => @"\\" + Name + @"\C$\SMS_DP$\sms\logs\SMSPXE.log";
    }

    public static readonly RunbookRow[] Rows =
    [
        new("-StartAt typed in lower case runs only RestartPxe and RestorePassword (item 2)",
            (w, dp) => { PxeDp(w, dp); NewCertificateAfterRestart(w, dp); },
            new() { ["StartAt"] = "restartpxe", ["PxePassword"] = FakeDistributionPoint.Secret(PasswordText) },
            null,
            ["{any}[Start] KB 4511618 runbook for {dp}, from step RestartPxe.{any}", "{any}[RestartPxe] Certificate before: " + OldThumbprint + "; now: {new}, validated without errors.", "{any}[Done] All steps completed."],
            ["[Preconditions]", "[ClearPassword]", "[WaitForDistmgr]"]),
        new("WaitForDistmgr: a success line for a DP whose name begins with this one's does not count (item 3)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, Line("SMS_DISTRIBUTION_MANAGER started", "SMS_DISTRIBUTION_MANAGER")); w.At(TimeSpan.FromSeconds(5), x => x.WriteFile(DistmgrLog, DistmgrProcessing(dp.Other, 2) + DistmgrSuccess(dp.Other, 2) + DistmgrSuccess(dp.ShortName + "-old", 3), append: true)); },
            new() { ["StartAt"] = "WaitForDistmgr", ["TimeoutMinutes"] = 1 },
            "Step WaitForDistmgr failed: distmgr.log did not update {dp} within 1 minutes. What to do: check distmgr.log for errors about the DP (filter by the thread that names it), and that the password is cleared on its PXE tab. Then run again with -StartAt WaitForDistmgr. Until RestorePassword succeeds, {dp} has no PXE password (ClearPassword ran): to set it again now, without the other steps, run with -StartAt RestorePassword.",
            []),
        new("WaitForDistmgr: another DP's password failure does not stop the wait; this DP's own success line ends it (item 3)",
            (w, dp) =>
            {
                PxeDp(w, dp);
                w.WriteFile(DistmgrLog, Line("SMS_DISTRIBUTION_MANAGER started", "SMS_DISTRIBUTION_MANAGER"));
                w.At(TimeSpan.FromSeconds(5), x => x.WriteFile(DistmgrLog, DistmgrProcessing(dp.Other, 2) + DistmgrPasswordFailure(2), append: true));
                w.At(TimeSpan.FromSeconds(30), x => x.WriteFile(DistmgrLog, DistmgrProcessing(dp.Name, 1) + DistmgrSuccess(dp.Name, 1), append: true));
                NewCertificateAfterRestart(w, dp, TimeSpan.FromSeconds(60));
            },
            new() { ["StartAt"] = "WaitForDistmgr", ["PxePassword"] = FakeDistributionPoint.Secret(PasswordText) },
            null,
            ["{any}[WaitForDistmgr] distmgr.log: DP registry settings have been successfully updated on {dp}.", "{any}[Done] All steps completed."]),
        new("WaitForDistmgr: this DP's failure, tied through its thread's settings-change line, stops the step (item 3)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, Line("SMS_DISTRIBUTION_MANAGER started", "SMS_DISTRIBUTION_MANAGER")); w.At(TimeSpan.FromSeconds(5), x => x.WriteFile(DistmgrLog, DistmgrProcessing(dp.Name, 7) + DistmgrPasswordFailure(7), append: true)); },
            new() { ["StartAt"] = "WaitForDistmgr" },
            "Step WaitForDistmgr failed: distmgr.log still fails to get the encrypted PXE password of {dp}. What to do: clear the password in the console (PXE tab) and check it stays cleared. Then run again with -StartAt WaitForDistmgr.{any}",
            []),
        new("console fallback: the success distmgr wrote before the resume counts (item 4)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, DistmgrProcessing(dp.Name, 1) + DistmgrPasswordFailure(1) + DistmgrProcessing(dp.Name, 4) + DistmgrSuccess(dp.Name, 4)); NewCertificateAfterRestart(w, dp); },
            new() { ["StartAt"] = "WaitForDistmgr", ["TimeoutMinutes"] = 1, ["PxePassword"] = FakeDistributionPoint.Secret(PasswordText) },
            null,
            ["{any}[WaitForDistmgr] distmgr.log: DP registry settings have been successfully updated on {dp}.", "{any}[Done] All steps completed."]),
        new("console fallback with -Since after the success line: that older line does not count (item 4)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, DistmgrProcessing(dp.Name, 4) + DistmgrSuccess(dp.Name, 4)); },
            new() { ["StartAt"] = "WaitForDistmgr", ["TimeoutMinutes"] = 1, ["Since"] = new DateTime(2026, 11, 25, 11, 0, 0, DateTimeKind.Utc) },
            "Step WaitForDistmgr failed: distmgr.log did not update {dp} within 1 minutes.{any}",
            []),
        new("ClearPassword without -ClearThroughSmsProvider stops with the console steps and edits nothing (minor)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, Line("SMS_DISTRIBUTION_MANAGER started", "SMS_DISTRIBUTION_MANAGER")); },
            new() { ["StartAt"] = "ClearPassword" },
            "Step ClearPassword failed: clearing the PXE password through the SMS Provider has not been verified on a live site, so this script does it only with -ClearThroughSmsProvider. What to do: clear it in the console: Distribution Points > {dp} > Properties > PXE tab > clear \"Require a password when computers use PXE\" > OK; then run again with -StartAt WaitForDistmgr (distmgr.log is read from the position recorded now). Or run again with -StartAt ClearPassword -ClearThroughSmsProvider.",
            []),
        new("-WhatIf never says the password was cleared (minor)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, Line("SMS_DISTRIBUTION_MANAGER started", "SMS_DISTRIBUTION_MANAGER")); WdsOn(w, dp); w.WriteFile(dp.PxeLog, Validation(OldThumbprint, expired: true)); },
            new() { ["WhatIf"] = true },
            null,
            ["{any}[ClearPassword] What if: would stop here for the PXE password of {dp} to be cleared in the console (or run with -ClearThroughSmsProvider).", "{any}[Done] All steps completed."],
            ["PXE password cleared"]),
        new("-WhatIf -ClearThroughSmsProvider never says the password was cleared (minor)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, Line("SMS_DISTRIBUTION_MANAGER started", "SMS_DISTRIBUTION_MANAGER")); WdsOn(w, dp); w.WriteFile(dp.PxeLog, Validation(OldThumbprint, expired: true)); },
            new() { ["WhatIf"] = true, ["ClearThroughSmsProvider"] = true },
            null,
            ["{any}[Done] All steps completed."],
            ["PXE password cleared"]),
        new("RestorePassword waits for the site to record the password (minor)",
            (w, dp) => { var point = PxeDp(w, dp); point.PxePassword = null; point.SetPasswordSticks = false; w.At(TimeSpan.FromSeconds(35), _ => point.PxePassword = FakeDistributionPoint.Secret("recorded")); },
            new() { ["StartAt"] = "RestorePassword", ["PxePassword"] = FakeDistributionPoint.Secret(PasswordText) },
            null,
            ["{any}[RestorePassword] PXE password set again{any}", "{any}[Done] All steps completed."]),
        new("RestorePassword stops after a bounded wait when the site never records it (minor)",
            (w, dp) => { var point = PxeDp(w, dp); point.PxePassword = null; point.SetPasswordSticks = false; },
            new() { ["StartAt"] = "RestorePassword", ["PxePassword"] = FakeDistributionPoint.Secret(PasswordText) },
            "Step RestorePassword failed: the site has recorded no PXE password for {dp} within 5 minutes of Set-CMDistributionPoint. What to do: set it in the console (PXE tab). Then run again with -StartAt RestorePassword. Until RestorePassword succeeds, {dp} has no PXE password (ClearPassword ran): to set it again now, without the other steps, run with -StartAt RestorePassword.",
            []),
        new("RestartPxe: a service that does not stop goes through the 'What to do' guidance (minor)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(dp.PxeLog, Validation(OldThumbprint, expired: true)); w.Services[FakeService.Keyed(dp.Name, "WDSServer")] = new FakeService("WDSServer", System.ServiceProcess.ServiceControllerStatus.Running) { ComputerName = dp.Name, StopHangs = true }; },
            new() { ["StartAt"] = "RestartPxe" },
            "Step RestartPxe failed: could not restart WDSServer on {dp} within 4 minutes: Could not restart WDSServer (it is StopPending): {any} What to do: start WDSServer on the DP (the Services console, connected to {dp}) and check that it keeps running. Then run again with -StartAt RestartPxe. Until RestorePassword succeeds, {dp} has no PXE password{any}",
            []),
        new("RestartPxe: a missing SMSPXE.log goes through the 'What to do' guidance (minor)",
            (w, dp) => { PxeDp(w, dp); w.Services[FakeService.Keyed(dp.Name, "WDSServer")] = new FakeService("WDSServer", System.ServiceProcess.ServiceControllerStatus.Running) { ComputerName = dp.Name }; },
            new() { ["StartAt"] = "RestartPxe" },
            "Step RestartPxe failed: SMSPXE.log of {dp} was not found (on its admin shares). What to do: give -SmsPxeLogPath (the DP's SMSPXE.log through its admin share). Then run again with -StartAt RestartPxe.{any}",
            []),
        new("Preconditions finds SMSPXE.log where the DP-side check looks: SMS_CCM\\Logs on drive D (minor)",
            (w, dp) => { PxeDp(w, dp); w.WriteFile(DistmgrLog, Line("SMS_DISTRIBUTION_MANAGER started", "SMS_DISTRIBUTION_MANAGER")); WdsOn(w, dp); w.WriteFile(@"\\" + dp.Name + @"\D$\SMS_CCM\Logs\SMSPXE.log", Validation(OldThumbprint, expired: true)); },
            new() { ["WhatIf"] = true },
            null,
            ["{any}[Preconditions] DP is PXE-enabled with a password set; SMSPXE.log: {any}SMS_CCM{any}SMSPXE.log; certificate in use: " + OldThumbprint + "."]),
    ];

    public static TheoryData<string, string> Cases => ScriptScenarioTest.Cases(Runbook, Rows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Runbook_Row(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), Rows.Single(r => r.Name == row));
        var dp = FirstDp(under.Files[Runbook]);
        var parameters = new Dictionary<string, object?>(scenario.Parameters)
        {
            ["DistributionPoint"] = dp.Name,
            ["DistmgrLogPath"] = DistmgrLog,
            ["ProviderMachineName"] = "cm01.test",
        };
        var run = ScriptScenarioTest.Run(under, Runbook, w => scenario.Arrange(w, dp), parameters, writesNextToItself: true);
        var values = new Dictionary<string, string> { ["dp"] = dp.Name, ["other"] = dp.Other, ["new"] = dp.NewThumbprint };

        if (scenario.Throws is null)
        {
            Assert.False(run.Threw, run.ToString());
        }
        else
        {
            Expect.Matches(scenario.Throws, run.Thrown ?? "(did not throw)", values, run.ToString());
        }

        foreach (var shown in scenario.Shows)
        {
            Assert.True(run.HostLines.Any(line => Matches(shown, line, values)), "No host line matches " + shown + "\n" + run);
        }

        foreach (var text in scenario.NeverShows ?? [])
        {
            Assert.DoesNotContain(text, run.AllText, StringComparison.Ordinal);
        }

        Assert.Equal(scenario.ProviderEdited, run.World.CallsTo("SMS_SCI_SysResUse.Put").Count > 0);
        Secrets.AssertNowhere(PasswordText, run);
    }

    public static TheoryData<string> Packages => [.. PackageUnderTest.Holding(Runbook)];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Runbook_ExamplesNameADpThisPackageCovers(string package)
    {
        // Issue 9 minor: the .EXAMPLE was hard-coded to dp02, which most packages do not cover.
        var script = PackageUnderTest.Named(package).Files[Runbook];
        var covered = KnownDpLine().Matches(script).Select(m => m.Groups["name"].Value).ToList();
        var examples = ExampleLine().Matches(script).Select(m => m.Groups["dp"].Value).ToList();

        // Two examples, each written for every DP of the package, and only for those.
        Assert.Equal(2 * covered.Count, examples.Count);
        Assert.Equal(covered.Order(StringComparer.Ordinal), examples.Distinct().Order(StringComparer.Ordinal));
    }

    private static bool Matches(string template, string actual, Dictionary<string, string> values)
    {
        try
        {
            Expect.Matches(template, actual, values, string.Empty);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    private static Dp FirstDp(string script)
    {
        var match = KnownDpLine().Match(script);
        Assert.True(match.Success, "The runbook lists no DP.");
        return new Dp(match.Groups["name"].Value, match.Groups["thumb"].Value);
    }

    /// <summary>The DP, PXE-enabled with a password set, in the site; the services and logs are the row's.</summary>
    private static FakeDistributionPoint PxeDp(ScriptWorld world, Dp dp)
    {
        var point = new FakeDistributionPoint(dp.Name, isPxe: true, pxePasswordSet: true);
        world.ConfigMgr.DistributionPoints[dp.Name] = point;
        return point;
    }

    private static void WdsOn(ScriptWorld world, Dp dp) =>
        world.Services[FakeService.Keyed(dp.Name, "WDSServer")] = new FakeService("WDSServer", System.ServiceProcess.ServiceControllerStatus.Running) { ComputerName = dp.Name };

    /// <summary>WDS runs on the DP; SMSPXE.log shows the expired certificate, and the new one after <paramref name="after"/> (8 s by default).</summary>
    private static void NewCertificateAfterRestart(ScriptWorld world, Dp dp, TimeSpan? after = null)
    {
        WdsOn(world, dp);
        world.WriteFile(dp.PxeLog, Validation(OldThumbprint, expired: true));
        world.At(after ?? TimeSpan.FromSeconds(8), w => w.WriteFile(dp.PxeLog, Validation(dp.NewThumbprint, expired: false), append: true));
    }

    [GeneratedRegex(@"^# \.\\Invoke-PxePasswordRunbook\.ps1 -DistributionPoint '(?<dp>[^']*)'", RegexOptions.Multiline)]
    private static partial Regex ExampleLine();

    [GeneratedRegex(@"\[pscustomobject\]@\{ Name = '(?<name>[^']*)'; ExpectedThumbprint = '(?<thumb>[^']*)'")]
    private static partial Regex KnownDpLine();
}
