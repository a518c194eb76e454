namespace RemediationGen.Tests.Scripts;

/// <summary>
/// configmgr/Import-ConfigMgrBaseline.ps1 on every package, against the ConfigMgr cmdlet doubles. The expected calls
/// are built per package from its own $ConfigurationItems list (read with the PowerShell parser), so one row holds
/// for a package of one fix or of three. Each expected call is matched exactly; {any} stands for a CI_ID.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class ImportConfigMgrBaselineScriptTests
{
    private const string Import = "configmgr/Import-ConfigMgrBaseline.ps1";

    /// <summary>
    /// A run: switches, the site's state, the calls that change the site (in order, built from the items), what it
    /// throws (null: nothing) and the warnings it prints.
    /// </summary>
    public sealed record ImportRow(
        string Name,
        string[] Switches,
        Action<ScriptWorld, IReadOnlyList<Item>> Arrange,
        Func<IReadOnlyList<Item>, IEnumerable<string>> Changes,
        Func<IReadOnlyList<Item>, string>? Failure = null,
        Func<IReadOnlyList<Item>, IEnumerable<string>>? Warnings = null,
        string? Skip = null);

    /// <summary>One configuration item of the package, as its $ConfigurationItems entry holds it.</summary>
    public sealed record Item(string Name, string Description, string SettingName, string RuleName, string DiscoveryFile, string RemediationFile, string BaselineName, string CollectionName, string[] TargetServers);

    private static readonly string[] ChangingCommands =
    [
        "New-CMConfigurationItem", "Add-CMComplianceSettingScript", "New-CMBaseline", "Set-CMBaseline", "New-CMDeviceCollection",
        "Add-CMDeviceCollectionDirectMembershipRule", "New-CMSchedule", "New-CMBaselineDeployment", "New-PSDrive",
        "Remove-CMBaseline", "Remove-CMConfigurationItem", "Remove-CMBaselineDeployment", "Remove-CMCollection",
    ];

    public static readonly ImportRow[] ImportRows =
    [
        new("items and baselines only", [], Devices, items => items.SelectMany(CreateItem)),
        new("-CreateCollection", ["CreateCollection"], Devices, items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(i)))),
        new("-CreateCollection -Deploy", ["CreateCollection", "Deploy"], Devices, items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(i)).Concat(Deploy(i)))),
        new("-CreateCollection -Deploy started at the site's PS1:\\> prompt: the scripts are read from the package", ["CreateCollection", "Deploy"],
            (w, items) => { Devices(w, items); w.StartAtSitePrompt(); }, items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(i)).Concat(Deploy(i)))),
        new("-Deploy to collections that exist", ["Deploy"], (w, items) => { Devices(w, items); Exist(w, items, "Collection", i => i.CollectionName); }, items => items.SelectMany(i => CreateItem(i).Concat(Deploy(i)))),
        new("-WhatIf -CreateCollection -Deploy changes nothing", ["WhatIf", "CreateCollection", "Deploy"], Devices, _ => []),
        new("a configuration item exists", [], (w, items) => { Devices(w, items); Exist(w, items.Take(1), "ConfigurationItem", i => i.Name); }, _ => [],
            items => "Configuration item '" + items[0].Name + "' already exists; delete or rename it (or undo an earlier run with -Remove), then run this script again."),
        new("a baseline exists", [], (w, items) => { Devices(w, items); Exist(w, items.Skip(items.Count - 1), "Baseline", i => i.BaselineName); }, _ => [],
            items => "Configuration baseline '" + items[^1].BaselineName + "' already exists; delete or rename it (or undo an earlier run with -Remove), then run this script again."),
        new("-CreateCollection and the collection exists", ["CreateCollection"], (w, items) => { Devices(w, items); Exist(w, items.Take(1), "Collection", i => i.CollectionName); }, _ => [],
            items => "Collection '" + items[0].CollectionName + "' already exists; delete or rename it, or omit -CreateCollection."),
        new("-Deploy without the collection", ["Deploy"], Devices, _ => [],
            items => "-Deploy needs collection '" + items[0].CollectionName + "': add -CreateCollection, or create it first."),
        new("a target has no device: the import stops before any change", ["CreateCollection"], (w, items) => { Devices(w, items); w.ConfigMgr.Devices.Remove(ShortName(items[0].TargetServers[0])); },
            _ => [],
            items => "No ConfigMgr device matches " + items[0].TargetServers[0] + " (0 device(s) named " + ShortName(items[0].TargetServers[0]) + ", none with that FQDN): install the ConfigMgr client there, or leave it out and add it to " + items[0].CollectionName + " by hand."),
        new("no site drive yet: it is made from -ProviderMachineName", [], (w, items) => { Devices(w, items); w.ConfigMgr.SiteDriveExists = false; },
            items => items.SelectMany(CreateItem).Prepend("New-PSDrive -Name '{site}' -PSProvider 'CMSite' -Root '{provider}' -Scope 'Script' -WhatIf:$false")),
        new("no console: a clear error", [], (w, items) => { Devices(w, items); w.ConfigMgr.ModuleLoaded = false; }, _ => [],
            _ => "The ConfigurationManager module was not found: run this script where the Configuration Manager console is installed."),
        new("a device name that matches another domain's device too: only the FQDN's is added", ["CreateCollection"],
            (w, items) =>
            {
                Devices(w, items);
                w.ConfigMgr.Devices[ShortName(items[0].TargetServers[0])].Add((ShortName(items[0].TargetServers[0]), 9999, "FABRIKAM"));
                w.ConfigMgr.ResourceNames[9999] = [ShortName(items[0].TargetServers[0]) + ".fabrikam.com"];
            },
            items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(i)))),
        new("two records with the target's FQDN stop the import", ["CreateCollection"],
            (w, items) =>
            {
                Devices(w, items);
                w.ConfigMgr.Devices[ShortName(items[0].TargetServers[0])].Add((ShortName(items[0].TargetServers[0]), 9999, "CONTOSO"));
                w.ConfigMgr.ResourceNames[9999] = [items[0].TargetServers[0]];
            },
            _ => [], items => "2 ConfigMgr devices match " + items[0].TargetServers[0] + " (ResourceID " + DeviceId(items[0].TargetServers[0]) + ", 9999): delete the obsolete record, then run this script again."),
        new("-MonitorOnly deploys without remediation", ["CreateCollection", "Deploy", "MonitorOnly"], Devices,
            items => items.SelectMany(i => CreateItem(i, remediate: false).Concat(CreateCollection(i)).Concat(Deploy(i, enforce: false)))),
        new("-Remove takes the package's objects away", ["Remove"], (w, items) => { Exist(w, items, "ConfigurationItem", i => i.Name); Exist(w, items, "Baseline", i => i.BaselineName); },
            items => items.SelectMany(i => new[] { "Remove-CMBaseline -Force -Name '" + i.BaselineName + "'", "Remove-CMConfigurationItem -Force -Name '" + i.Name + "'" })),
    ];

    public static TheoryData<string, string> ImportCases => ScriptScenarioTest.Cases(Import, ImportRows.Select(r => r.Name));

    [SkippableTheory]
    [MemberData(nameof(ImportCases))]
    public void ImportBaseline(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), ImportRows.Single(r => r.Name == row));
        var items = Items(under);
        var run = ScriptScenarioTest.Run(under, Import, w => scenario.Arrange(w, items), scenario.Switches.ToDictionary(s => s, _ => (object?)true));
        var values = new Dictionary<string, string> { ["site"] = under.SiteCode, ["provider"] = under.ParameterDefault(Import, "ProviderMachineName") };

        KnownDefect.Verify(scenario.Skip, () =>
        {
            if (scenario.Failure is null)
            {
                Assert.False(run.Threw, run.ToString());
            }
            else
            {
                Expect.Matches(scenario.Failure(items), run.Thrown ?? "(did not throw)", values, run.ToString());
            }

            var changes = run.World.Calls.Where(c => ChangingCommands.Contains(c.Command, StringComparer.OrdinalIgnoreCase)).Select(c => c.ToString()).ToList();
            var expected = scenario.Changes(items).ToList();
            Assert.True(expected.Count == changes.Count, "expected changes:\n  " + string.Join("\n  ", expected) + "\nbut the run made:\n  " + string.Join("\n  ", changes));
            foreach (var (template, change) in expected.Zip(changes))
            {
                Expect.Matches(template, change, values, "change");
            }

            Assert.Equal(scenario.Warnings?.Invoke(items) ?? [], run.Warnings);
            Assert.Empty(run.Errors);
            Assert.Empty(run.Output);
        });
    }

    private static IEnumerable<string> CreateItem(Item item) => CreateItem(item, remediate: true);

    private static IEnumerable<string> CreateItem(Item item, bool remediate)
    {
        var remediation = remediate && item.RemediationFile.Length > 0
            ? " -Remediate -RemediationScriptLanguage 'PowerShell' -RemediationScriptText <file configmgr/" + item.RemediationFile.Replace('\\', '/') + ">"
            : string.Empty;
        return
        [
            "New-CMConfigurationItem -CreationType 'WindowsOS' -Description " + Quote(item.Description) + " -Name " + Quote(item.Name),
            "Add-CMComplianceSettingScript -DataType 'String' -Description " + Quote(item.Description) + " -DiscoveryScriptLanguage 'PowerShell' -DiscoveryScriptText <file configmgr/" + item.DiscoveryFile.Replace('\\', '/') + ">"
                + " -ExpectedValue 'Compliant' -ExpressionOperator 'IsEquals' -InputObject <object> -Is64Bit -Name " + Quote(item.SettingName) + " -NoncomplianceSeverity 'Critical'"
                + remediation + " -ReportNoncompliance -RuleName " + Quote(item.RuleName) + " -ValueRule",
            "New-CMBaseline -Description " + Quote(item.Description) + " -Name " + Quote(item.BaselineName),
            "Set-CMBaseline -AddOSConfigurationItem '{any}' -Id {any}",
        ];
    }

    private static IEnumerable<string> CreateCollection(Item item) =>
        item.TargetServers.Select(d => "Add-CMDeviceCollectionDirectMembershipRule -CollectionName " + Quote(item.CollectionName) + " -ResourceId " + DeviceId(d))
            .Prepend("New-CMDeviceCollection -LimitingCollectionName 'All Systems' -Name " + Quote(item.CollectionName));

    private static IEnumerable<string> Deploy(Item item) => Deploy(item, enforce: true);

    private static IEnumerable<string> Deploy(Item item, bool enforce) =>
    [
        "New-CMSchedule -RecurCount 1 -RecurInterval 'Days'",
        "New-CMBaselineDeployment -CollectionName " + Quote(item.CollectionName) + " -EnableEnforcement " + (enforce ? "$true" : "$false") + " -Name " + Quote(item.BaselineName) + " -Schedule <object>",
    ];

    /// <summary>
    /// Each target is one device of the site, found by its NetBIOS name (the first label), whose DNS names
    /// (Get-CMResource's ResourceNames) hold the target's FQDN; its resource id is made from the FQDN.
    /// </summary>
    private static void Devices(ScriptWorld world, IReadOnlyList<Item> items)
    {
        foreach (var server in items.SelectMany(i => i.TargetServers).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            world.ConfigMgr.Devices[ShortName(server)] = [(ShortName(server).ToUpperInvariant(), DeviceId(server), "CONTOSO")];
            world.ConfigMgr.ResourceNames[DeviceId(server)] = [server];
        }
    }

    private static string ShortName(string server) => server.Split('.')[0];

    private static void Exist(ScriptWorld world, IEnumerable<Item> items, string kind, Func<Item, string> name)
    {
        foreach (var item in items)
        {
            world.ConfigMgr.Existing.Add(kind + ":" + name(item));
        }
    }

    private static int DeviceId(string name) => 16777000 + Math.Abs(StringComparer.OrdinalIgnoreCase.GetHashCode(name) % 997);

    private static string Quote(string text) => RecordedCall.Format(text, _ => null);

    private static List<Item> Items(PackageUnderTest package) =>
        [.. ((object[])package.Constant(Import, "ConfigurationItems")).Cast<Dictionary<string, object>>().Select(i => new Item(
            (string)i["Name"], (string)i["Description"], (string)i["SettingName"], (string)i["RuleName"], (string)i["DiscoveryFile"],
            (string)i["RemediationFile"], (string)i["BaselineName"], (string)i["CollectionName"], [.. ((object[])i["TargetServers"]).Cast<string>()]))];
}
