using Microsoft.Win32;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The IssuingCertificateList pair (KB 4469580) run on every package that has it. One table for the check, which the
/// Intune detection and the ConfigMgr discovery wrap; one for the remediation, which the Intune remediation and the
/// ConfigMgr remediation wrap. Add a row to a table to cover a new state.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class IssuingCertificateListScriptTests
{
    private const string Key = @"SOFTWARE\Microsoft\SMS\Security";
    private const string Value = "IssuingCertificateList";
    private const string ManagementPointKey = @"SOFTWARE\Microsoft\SMS\MP";
    private const string Detect = "intune/IssuingCertificateList/detect.ps1";
    private const string Discovery = "configmgr/IssuingCertificateList/discovery.ps1";
    private const string Remediate = "intune/IssuingCertificateList/remediate.ps1";
    private const string Remediation = "configmgr/IssuingCertificateList/remediation.ps1";

    /// <summary>A state of the registry, and what the check must conclude (its summary, placeholders as in <see cref="Expect"/>).</summary>
    /// <remarks>Every row runs on a management point (HKLM\SOFTWARE\Microsoft\SMS\MP) unless <paramref name="SiteSystem"/> is false.</remarks>
    public sealed record CheckRow(string Name, Action<ScriptWorld, string[]> Arrange, bool Compliant, string Summary, string? Skip = null, bool SiteSystem = true);

    /// <summary>A state, and what the remediation must do: its one-line result (or failure), and the value it leaves.</summary>
    /// <remarks><paramref name="Backup"/>: when set, the backup file the run must leave (its Existed, Kind, Entries and Undo).</remarks>
    public sealed record RemediationRow(
        string Name,
        Action<ScriptWorld, string[]> Arrange,
        bool Succeeds,
        string Message,
        Func<string[], string[]?> ValueAfter,
        string[] ServiceEvents,
        string? Skip = null,
        WriteMethod Only = WriteMethod.Any,
        bool SiteSystem = true,
        bool LeavesServiceStopping = false,
        BackupRow? Backup = null);

    /// <summary>What the backup file must record: whether the value existed, its kind and entries, and the undo command.</summary>
    public sealed record BackupRow(bool Existed, string Kind, string[] Entries, string Undo);

    private const string BackupFile = @"C:\ProgramData\RemediationGen\IssuingCertificateList\IssuingCertificateList-20261125-120000Z.json";

    /// <summary>How a package writes the value: REG.exe, or the registry API where REG.exe cannot carry the value intact.</summary>
    public enum WriteMethod
    {
        Any,
        RegExe,
        RegistryApi,
    }

    public static readonly CheckRow[] CheckRows =
    [
        new("value equals the site value", (w, e) => Set64(w, e), true, "IssuingCertificateList matches the site value ({count} entries)."),
        new("value missing", (w, _) => w.Registry.EnsureKey(RegistryView.Registry64, Key), false, @"IssuingCertificateList is missing under HKLM\SOFTWARE\Microsoft\SMS\Security (64-bit view)."),
        new("key missing", (_, _) => { }, false, @"IssuingCertificateList is missing under HKLM\SOFTWARE\Microsoft\SMS\Security (64-bit view)."),
        new("value only in the 32-bit view", (w, e) => w.Registry.SetValue(RegistryView.Registry32, Key, Value, e, RegistryValueKind.MultiString), false, @"IssuingCertificateList is missing under HKLM\SOFTWARE\Microsoft\SMS\Security (64-bit view)."),
        new("REG_SZ holding the same text", (w, e) => w.Registry.SetValue(RegistryView.Registry64, Key, Value, string.Join(@"\0", e), RegistryValueKind.String), false, "IssuingCertificateList is of type String; REG_MULTI_SZ (MultiString) is expected."),
        new("empty REG_MULTI_SZ", (w, _) => Set64(w, []), false, "IssuingCertificateList is empty; the site value has {count} entries."),
        new("one entry more", (w, e) => Set64(w, [.. e, "EXTRA"]), false, "IssuingCertificateList holds {count+1} entries; the site value has {count} (as captured from {from} at {at})." + KeptAsItIs),
        new("first entry differs in case only", (w, e) => Set64(w, [e[0].ToLowerInvariant() + "x", .. e[1..]]), false, "IssuingCertificateList entry 1 differs from the site value (as captured from {from} at {at})." + KeptAsItIs),
        new("REG_MULTI_SZ of empty strings", (w, _) => Set64(w, ["", ""]), false, "IssuingCertificateList is empty; the site value has {count} entries."),
        new("not a management point or distribution point", (w, e) => Set64(w, ["OTHER"]), true, NotApplicable, SiteSystem: false),
        new("a distribution point", (w, e) => { w.Registry.SetValue(RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\DP", "x", "y", RegistryValueKind.String); Set64(w, e); }, true, "IssuingCertificateList matches the site value ({count} entries).", SiteSystem: false),
        new("key access denied", (w, e) => { Set64(w, e); w.Registry.DeniedKeys.Add(Key.ToUpperInvariant()); }, false, "the check could not run: {any}Requested registry access is not allowed.{any}"),
    ];

    public static readonly RemediationRow[] RemediationRows =
    [
        new("value missing, WDS serves PXE", (w, _) => { w.Registry.EnsureKey(RegistryView.Registry64, Key); w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            true, "IssuingCertificateList set to the site value ({count} entries) with {method}; backup: {any}IssuingCertificateList-20261125-120000Z.json; restarted WDSServer.", e => e, ["Stop WDSServer", "Start WDSServer"]),
        new("SccmPxe installed but stopped, WDS serves PXE", (w, _) => { w.Services["SccmPxe"] = FakeService.Stopped("SccmPxe"); w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            true, "IssuingCertificateList set to the site value ({count} entries) with {method}; backup: {any}; restarted WDSServer.", e => e, ["Stop WDSServer", "Start WDSServer"]),
        new("value already right: nothing written, nothing restarted", (w, e) => { Set64(w, e); w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            true, "IssuingCertificateList already matches the site value ({count} entries); nothing changed.", e => e, []),
        new("not a site system: nothing written, nothing restarted", (w, _) => { Set64(w, ["OTHER"]); w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            true, NotApplicable, _ => ["OTHER"], [], SiteSystem: false),
        new("REG_SZ, SccmPxe serves PXE and WDS is stopped", (w, e) => { w.Registry.SetValue(RegistryView.Registry64, Key, Value, "x", RegistryValueKind.String); w.Services["SccmPxe"] = FakeService.Running("SccmPxe"); w.Services["WDSServer"] = FakeService.Stopped("WDSServer"); },
            true, "IssuingCertificateList set to the site value ({count} entries) with {method}; backup: {any}IssuingCertificateList-20261125-120000Z.json; restarted SccmPxe.", e => e, ["Stop SccmPxe", "Start SccmPxe"]),
        new("value missing on a management point (no PXE service)", (w, _) => { },
            true, "IssuingCertificateList set to the site value ({count} entries) with {method}; backup: {any}; no PXE service runs here.", e => e, []),
        new("REG.exe fails", (w, _) => { w.RegExeExitCode = 5; w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            false, "REG.exe ADD failed with exit code 5: ERROR: Access is denied.", _ => null, [], Only: WriteMethod.RegExe),
        new("the registry API is denied", (w, _) => w.Registry.DeniedKeys.Add(Key.ToUpperInvariant()),
            false, "{any}Requested registry access is not allowed.{any}", _ => null, [], Only: WriteMethod.RegistryApi),
        new("the PXE service does not start again", (w, _) => w.Services["WDSServer"] = new FakeService("WDSServer", System.ServiceProcess.ServiceControllerStatus.Running) { StartFails = true },
            false, "IssuingCertificateList was set, but restarting the PXE service failed: {any}", e => e, ["Stop WDSServer", "Start WDSServer"]),
        new("the PXE service refuses to stop: not reported as restarted", (w, _) => w.Services["WDSServer"] = new FakeService("WDSServer", System.ServiceProcess.ServiceControllerStatus.Running) { StopFails = true },
            false, "IssuingCertificateList was set, but restarting the PXE service failed: Could not restart WDSServer (it is Running): stop: {any}", e => e, ["Stop WDSServer", "Start WDSServer"]),
        new("a present, well-formed value that differs is reported and kept", (w, e) => { Set64(w, [.. e, "OTHER"]); w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            false, "Not changed: IssuingCertificateList holds {count+1} entries; the site value has {count} (as captured from {from} at {at})." + KeptAsItIs, e => [.. e, "OTHER"], []),
        new("WDS stop outlasts the deadline: started anyway, PXE is running again when the host's 60 s end", (w, e) =>
            {
                w.Registry.EnsureKey(RegistryView.Registry64, Key);
                w.Services["WDSServer"] = FakeService.Hanging("WDSServer");
                w.At(TimeSpan.FromSeconds(30), world => world.Services["WDSServer"].Status = System.ServiceProcess.ServiceControllerStatus.Stopped);
            },
            true, "IssuingCertificateList set to the site value ({count} entries) with {method}; backup: {any}; restarted WDSServer.", e => e, ["Stop WDSServer", "Start WDSServer"]),
        new("WDS still stopping when the restart's time is up: the value is set, and the failure says PXE is down", (w, e) =>
            {
                w.Registry.EnsureKey(RegistryView.Registry64, Key);
                w.Services["WDSServer"] = new FakeService("WDSServer", System.ServiceProcess.ServiceControllerStatus.Running) { StopTime = TimeSpan.FromSeconds(56) };
            },
            false, "IssuingCertificateList was set, but restarting the PXE service failed: Could not restart WDSServer (it is StopPending): it was still stopping when the time for the restart ran out, so it was not started again: PXE answers no client until WDSServer is started once it has stopped. stop: Time out has expired and the operation has not been completed.",
            e => e, ["Stop WDSServer"], LeavesServiceStopping: true),
        new("REG.exe reports success but writes nothing: the failure names the backup", (w, _) => { w.Registry.EnsureKey(RegistryView.Registry64, Key); w.RegExeWritesNothing = true; w.Services["WDSServer"] = FakeService.Running("WDSServer"); },
            false, @"IssuingCertificateList was written with REG.exe but reads back wrong: IssuingCertificateList is missing under HKLM\SOFTWARE\Microsoft\SMS\Security (64-bit view). Backup: {any}IssuingCertificateList-20261125-120000Z.json", _ => null, [], Only: WriteMethod.RegExe,
            Backup: new(false, "None", [], @"REG.exe DELETE ""HKLM\SOFTWARE\Microsoft\SMS\Security"" /v IssuingCertificateList /f /reg:64")),
        new("REG_SZ present: the backup records it and its undo re-adds a REG_SZ", (w, _) => w.Registry.SetValue(RegistryView.Registry64, Key, Value, @"A\0B", RegistryValueKind.String),
            true, "IssuingCertificateList set to the site value ({count} entries) with {method}; backup: {any}IssuingCertificateList-20261125-120000Z.json; no PXE service runs here.", e => e, [],
            Backup: new(true, "String", [@"A\0B"], @"REG.exe ADD ""HKLM\SOFTWARE\Microsoft\SMS\Security"" /v IssuingCertificateList /t REG_SZ /d <Entries above, joined by \0> /f /reg:64")),
        new("empty REG_MULTI_SZ present: the backup records it and its undo re-adds a REG_MULTI_SZ", (w, _) => Set64(w, ["", ""]),
            true, "IssuingCertificateList set to the site value ({count} entries) with {method}; backup: {any}IssuingCertificateList-20261125-120000Z.json; no PXE service runs here.", e => e, [],
            Backup: new(true, "MultiString", ["", ""], @"REG.exe ADD ""HKLM\SOFTWARE\Microsoft\SMS\Security"" /v IssuingCertificateList /t REG_MULTI_SZ /d <Entries above, joined by \0> /f /reg:64")),
    ];

    private const string KeptAsItIs = " It is well-formed and the site may have changed it since, so it is not overwritten: compare it with the site database and regenerate, or generate with --icl-overwrite-different.";

    private const string NotApplicable = @"This server is not a management point or distribution point (no HKLM\SOFTWARE\Microsoft\SMS\MP or HKLM\SOFTWARE\Microsoft\SMS\DP key), so these scripts are not applicable here: nothing was checked or changed.";

    public static TheoryData<string, string> DetectCases => ScriptScenarioTest.Cases(Detect, CheckRows.Select(r => r.Name));

    public static TheoryData<string, string> DiscoveryCases => ScriptScenarioTest.Cases(Discovery, CheckRows.Select(r => r.Name));

    public static TheoryData<string, string> RemediateCases => ScriptScenarioTest.Cases(Remediate, RemediationRows.Select(r => r.Name), Applies);

    public static TheoryData<string, string> RemediationCases => ScriptScenarioTest.Cases(Remediation, RemediationRows.Select(r => r.Name), Applies);

    [SkippableTheory]
    [MemberData(nameof(DetectCases))]
    public void IntuneDetection(string package, string row)
    {
        var (under, scenario, entries) = (PackageUnderTest.Named(package), CheckRows.Single(r => r.Name == row), ExpectedEntries(package));
        var run = ScriptScenarioTest.Run(under, Detect, w => Arrange(w, scenario.SiteSystem, scenario.Arrange, entries));

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.Intune(run);
            Assert.Equal(scenario.Compliant ? 0 : 1, run.ExitCode);
            Expect.Matches((scenario.Compliant ? "Compliant: " : "NonCompliant: ") + scenario.Summary, run.OutputLines[0], Values(under, entries), run.ToString());
            Assert.DoesNotContain(run.World.Calls, c => c.Command is "REG.exe" or "RegistryKey.SetValue" or "RegistryKey.DeleteValue");
        });
    }

    [SkippableTheory]
    [MemberData(nameof(DiscoveryCases))]
    public void ConfigMgrDiscovery(string package, string row)
    {
        var (under, scenario, entries) = (PackageUnderTest.Named(package), CheckRows.Single(r => r.Name == row), ExpectedEntries(package));
        var run = ScriptScenarioTest.Run(under, Discovery, w => Arrange(w, scenario.SiteSystem, scenario.Arrange, entries));
        var discoveryLog = ReadIfExists(run.World, @"C:\ProgramData\RemediationGen\IssuingCertificateList.log");

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.ConfigMgrDiscovery(run);
            Assert.Equal(scenario.Compliant ? "Compliant" : "NonCompliant", run.OutputLines[0]);
            Assert.DoesNotContain(run.World.Calls, c => c.Command is "REG.exe" or "RegistryKey.SetValue" or "RegistryKey.DeleteValue");

            // Discovery can print only the one value: a check that could not run leaves its reason in a local log.
            if (scenario.Summary.StartsWith("the check could not run", StringComparison.Ordinal))
            {
                Expect.Matches("2026-11-25T12:00:00Z ConfigMgr discovery: NonCompliant because " + scenario.Summary + "\r\n", discoveryLog ?? "(no log)", Values(under, entries), run.ToString());
            }
            else
            {
                Assert.Null(discoveryLog);
            }
        });
    }

    [SkippableTheory]
    [MemberData(nameof(RemediateCases))]
    public void IntuneRemediation(string package, string row)
    {
        var (under, scenario, entries) = (PackageUnderTest.Named(package), RemediationRows.Single(r => r.Name == row), ExpectedEntries(package));
        var run = ScriptScenarioTest.Run(under, Remediate, w => Arrange(w, scenario.SiteSystem, scenario.Arrange, entries), hostTimeLimit: ScriptScenarioTest.IntuneTimeLimit);

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.Intune(run);
            Assert.Equal(scenario.Succeeds ? 0 : 1, run.ExitCode);
            Expect.Matches((scenario.Succeeds ? string.Empty : "Failed: ") + scenario.Message, run.OutputLines[0], Values(under, entries), run.ToString());
            AssertSideEffects(run, under, scenario, entries);
        });
    }

    [SkippableTheory]
    [MemberData(nameof(RemediationCases))]
    public void ConfigMgrRemediation(string package, string row)
    {
        var (under, scenario, entries) = (PackageUnderTest.Named(package), RemediationRows.Single(r => r.Name == row), ExpectedEntries(package));
        var run = ScriptScenarioTest.Run(under, Remediation, w => Arrange(w, scenario.SiteSystem, scenario.Arrange, entries), hostTimeLimit: ScriptScenarioTest.ConfigMgrTimeLimit);

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.ConfigMgrRemediation(run, scenario.Succeeds);
            Expect.Matches(scenario.Message, scenario.Succeeds ? Assert.Single(run.OutputLines) : run.Thrown ?? "(killed by the host)", Values(under, entries), run.ToString());
            AssertSideEffects(run, under, scenario, entries);
        });
    }

    private static void AssertSideEffects(ScriptRun run, PackageUnderTest package, RemediationRow row, string[] entries)
    {
        var expected = row.ValueAfter(entries);
        var after = run.World.Registry.GetValue(RegistryView.Registry64, Key, Value);
        if (expected is not null)
        {
            Assert.Equal(RegistryValueKind.MultiString, after?.Kind);
            Assert.Equal(expected, (string[])after!.Value.Data);
        }

        Assert.Equal(row.ServiceEvents, run.World.ServiceEvents);
        foreach (var service in run.World.Services.Values)
        {
            var stopping = row.LeavesServiceStopping && service.Status == System.ServiceProcess.ServiceControllerStatus.StopPending;
            Assert.True(stopping || service.Status is System.ServiceProcess.ServiceControllerStatus.Running or System.ServiceProcess.ServiceControllerStatus.Stopped, service.Name + " is left " + service.Status);
        }

        if (row.Backup is { } backup)
        {
            var path = run.World.MapWindowsPath(BackupFile);
            Assert.True(File.Exists(path), "no backup " + BackupFile + ": " + run);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(backup.Existed, json.RootElement.GetProperty("Existed").GetBoolean());
            Assert.Equal(backup.Kind, json.RootElement.GetProperty("Kind").GetString());
            var entriesElement = json.RootElement.GetProperty("Entries");
            string[] recorded = entriesElement.ValueKind == System.Text.Json.JsonValueKind.Array ? [.. entriesElement.EnumerateArray().Select(x => x.GetString() ?? string.Empty)] : [entriesElement.ToString()];
            Assert.Equal(backup.Entries, recorded);
            Assert.Equal(backup.Undo, json.RootElement.GetProperty("Undo").GetString());
        }

        var writes = row.Message.StartsWith("IssuingCertificateList set to", StringComparison.Ordinal);
        if (!writes && (row.Succeeds || row.Message.StartsWith("Not changed", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(run.World.Calls, c => c.Command is "REG.exe" or "RegistryKey.SetValue" or "RegistryKey.DeleteValue");
        }

        if (UsesRegExe(package) && writes)
        {
            // The whole argument vector: /reg:64 writes the 64-bit view from a 32-bit host; /d carries the entries joined by \0.
            Assert.Equal(
                "REG.exe -argv @('ADD', 'HKLM\\SOFTWARE\\Microsoft\\SMS\\Security', '/v', 'IssuingCertificateList', '/t', 'REG_MULTI_SZ', '/d', " + RecordedCall.Format(string.Join(@"\0", entries), _ => null) + ", '/f', '/reg:64')",
                Assert.Single(run.World.CallsTo("REG.exe")));
        }
    }

    private static string? ReadIfExists(ScriptWorld world, string windowsPath) =>
        File.Exists(world.MapWindowsPath(windowsPath)) ? File.ReadAllText(world.MapWindowsPath(windowsPath)) : null;

    private static void Arrange(ScriptWorld world, bool siteSystem, Action<ScriptWorld, string[]> arrange, string[] entries)
    {
        if (siteSystem)
        {
            world.Registry.EnsureKey(RegistryView.Registry64, ManagementPointKey);
        }
        else
        {
            world.Registry.DeleteKey(RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS");
        }

        arrange(world, entries);
    }

    private static bool Applies(PackageUnderTest package, string row) =>
        RemediationRows.Single(r => r.Name == row).Only switch
        {
            WriteMethod.RegExe => UsesRegExe(package),
            WriteMethod.RegistryApi => !UsesRegExe(package),
            _ => true,
        };

    private static void Set64(ScriptWorld world, string[] entries) =>
        world.Registry.SetValue(RegistryView.Registry64, Key, Value, entries, RegistryValueKind.MultiString);

    private static bool UsesRegExe(PackageUnderTest package) => package.Files[Remediate].Contains("& $regExe ADD", StringComparison.Ordinal);

    private static string[] ExpectedEntries(string package) =>
        [.. ((object[])PackageUnderTest.Named(package).Constant(Detect, "ExpectedIssuingCertificateList")!).Cast<string>()];

    private static Dictionary<string, string> Values(PackageUnderTest package, string[] entries) => new()
    {
        ["site"] = package.SiteCode,
        ["count"] = entries.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["count+1"] = (entries.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["method"] = UsesRegExe(package) ? "REG.exe" : "the registry API",
        ["from"] = (string)package.Constant(Detect, "IssuingCertificateListCapturedFrom"),
        ["at"] = (string)package.Constant(Detect, "IssuingCertificateListCapturedAt"),
    };
}
