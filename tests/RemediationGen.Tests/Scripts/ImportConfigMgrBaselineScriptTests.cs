namespace RemediationGen.Tests.Scripts;

/// <summary>
/// configmgr/Import-ConfigMgrBaseline.ps1 on every package, against the ConfigMgr cmdlet doubles: the import, devices
/// chosen by FQDN (0, 1 or 2 matches), -Fix, -MonitorOnly, -Remove, -WhatIf, the undo of a run that failed half-way, and
/// the run from the site's PS1:\> prompt. The expected calls are built per package from its own $ConfigurationItems
/// list (read with the PowerShell parser), so one row holds for a package of one fix or of three. Every call that
/// changes the site is matched exactly and in order; {any} stands for a CI_ID, {site} the site code, {provider} the
/// SMS Provider.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class ImportConfigMgrBaselineScriptTests
{
    private const string Import = "configmgr/Import-ConfigMgrBaseline.ps1";

    /// <summary>
    /// A run: its parameters (a switch is <c>true</c>), the site's state, every call that changes the site (in order),
    /// what it throws (null: nothing), the warnings it prints, and where given: the objects of this package that exist
    /// afterwards ("Kind:Name") and a parameter no call may pass.
    /// </summary>
    public sealed record ImportRow(
        string Name,
        Func<IReadOnlyList<Item>, Dictionary<string, object?>> Parameters,
        Action<ScriptWorld, IReadOnlyList<Item>> Arrange,
        Func<IReadOnlyList<Item>, IEnumerable<string>> Changes,
        Func<IReadOnlyList<Item>, string>? Failure = null,
        Func<IReadOnlyList<Item>, IEnumerable<string>>? Warnings = null,
        Func<IReadOnlyList<Item>, IEnumerable<string>>? ExistAfter = null,
        string? NeverPassed = null);

    /// <summary>One configuration item of the package, as its $ConfigurationItems entry holds it; SettingName is its fix.</summary>
    public sealed record Item(string Name, string Description, string SettingName, string RuleName, string DiscoveryFile, string RemediationFile, string BaselineName, string CollectionName, string[] TargetServers)
    {
        public string Fix => SettingName;

        /// <summary>The objects an import of this item creates, as the site double names them.</summary>
        public IEnumerable<string> Created(bool collection, bool deployment = false) =>
            ((string[])["ConfigurationItem:" + Name, "Baseline:" + BaselineName]).Concat(collection ? ["Collection:" + CollectionName] : []).Concat(deployment ? ["Deployment:" + BaselineName] : []);
    }

    private static readonly string[] ChangingCommands =
    [
        "New-CMConfigurationItem", "Add-CMComplianceSettingScript", "New-CMBaseline", "Set-CMBaseline", "New-CMDeviceCollection",
        "Add-CMDeviceCollectionDirectMembershipRule", "New-CMSchedule", "New-CMBaselineDeployment", "New-PSDrive",
        "Remove-CMBaseline", "Remove-CMConfigurationItem", "Remove-CMBaselineDeployment", "Remove-CMCollection",
    ];

    public static readonly ImportRow[] ImportRows =
    [
        new("items and baselines only", _ => [], Devices, items => items.SelectMany(CreateItem)),
        new("-CreateCollection", Switches("CreateCollection"), Devices, items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(items, i)))),
        new("-CreateCollection -Deploy", Switches("CreateCollection", "Deploy"), Devices, items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(items, i)).Concat(Deploy(i)))),
        new("-CreateCollection -Deploy started at the site's PS1:\\> prompt: the scripts are read from the package", Switches("CreateCollection", "Deploy"),
            (w, items) => { Devices(w, items); w.StartAtSitePrompt(); }, items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(items, i)).Concat(Deploy(i)))),
        new("-Deploy to collections that exist", Switches("Deploy"), (w, items) => { Devices(w, items); Exist(w, items, "Collection", i => i.CollectionName); }, items => items.SelectMany(i => CreateItem(i).Concat(Deploy(i)))),
        new("-WhatIf -CreateCollection -Deploy changes nothing", Switches("WhatIf", "CreateCollection", "Deploy"), Devices, _ => []),
        new("a configuration item exists", _ => [], (w, items) => { Devices(w, items); Exist(w, items.Take(1), "ConfigurationItem", i => i.Name); }, _ => [],
            items => "Configuration item '" + items[0].Name + "' already exists; delete or rename it (or undo an earlier run with -Remove), then run this script again."),
        new("a baseline exists", _ => [], (w, items) => { Devices(w, items); Exist(w, items.Skip(items.Count - 1), "Baseline", i => i.BaselineName); }, _ => [],
            items => "Configuration baseline '" + items[^1].BaselineName + "' already exists; delete or rename it (or undo an earlier run with -Remove), then run this script again."),
        new("-CreateCollection and the collection exists", Switches("CreateCollection"), (w, items) => { Devices(w, items); Exist(w, items.Take(1), "Collection", i => i.CollectionName); }, _ => [],
            items => "Collection '" + items[0].CollectionName + "' already exists; delete or rename it, or omit -CreateCollection."),
        new("-Deploy without the collection", Switches("Deploy"), Devices, _ => [],
            items => "-Deploy needs collection '" + items[0].CollectionName + "': add -CreateCollection, or create it first."),
        new("a target has no device: the import stops before any change", Switches("CreateCollection"), (w, items) => { Devices(w, items); w.ConfigMgr.Devices.Remove(ShortName(items[0].TargetServers[0])); },
            _ => [],
            items => "No ConfigMgr device matches " + items[0].TargetServers[0] + " (0 device(s) named " + ShortName(items[0].TargetServers[0]) + ", none with that FQDN): install the ConfigMgr client there, or leave it out and add it to " + items[0].CollectionName + " by hand.",
            ExistAfter: _ => []),
        new("a target whose only namesake is another domain's device stops the run before any change", Switches("CreateCollection"),
            (w, items) => Devices(w, items, target => target == items[0].TargetServers[0] ? [("fabrikam.com", 2)] : [(target, 1)]),
            _ => [],
            items => "No ConfigMgr device matches " + items[0].TargetServers[0] + " (1 device(s) named " + ShortName(items[0].TargetServers[0]) + ", none with that FQDN): install the ConfigMgr client there, or leave it out and add it to " + items[0].CollectionName + " by hand.",
            ExistAfter: _ => []),
        new("each target is the one device with its FQDN, not another domain's namesake", Switches("CreateCollection"),
            (w, items) => Devices(w, items, target => [(target, 1), ("fabrikam.com", 2)]),
            items => items.SelectMany(i => CreateItem(i).Concat(CreateCollection(items, i))),
            ExistAfter: items => items.SelectMany(i => i.Created(collection: true))),
        new("two records with the target's FQDN stop the import before any change", Switches("CreateCollection"),
            (w, items) => Devices(w, items, target => target == items[0].TargetServers[0] ? [(target, 1), (target, 2)] : [(target, 1)]),
            _ => [],
            items => "2 ConfigMgr devices match " + items[0].TargetServers[0] + " (ResourceID " + Id(items, items[0].TargetServers[0], 1) + ", " + Id(items, items[0].TargetServers[0], 2) + "): delete the obsolete record, then run this script again.",
            ExistAfter: _ => []),
        new("no site drive yet: it is made from -ProviderMachineName", _ => [], (w, items) => { Devices(w, items); w.ConfigMgr.SiteDriveExists = false; },
            items => items.SelectMany(CreateItem).Prepend("New-PSDrive -Name '{site}' -PSProvider 'CMSite' -Root '{provider}' -Scope 'Script' -WhatIf:$false")),
        new("no console: a clear error", _ => [], (w, items) => { Devices(w, items); w.ConfigMgr.ModuleLoaded = false; }, _ => [],
            _ => "The ConfigurationManager module was not found: run this script where the Configuration Manager console is installed."),
        new("-Fix imports that fix only", items => new() { ["Fix"] = new[] { items[0].Fix } }, (_, _) => { }, items => CreateItem(items[0]),
            ExistAfter: items => items[0].Created(collection: false)),
        new("-Fix with a name the package does not have stops before any change", _ => new() { ["Fix"] = new[] { "NoSuchFix" } }, (_, _) => { }, _ => [],
            items => "-Fix 'NoSuchFix' is not a fix of this package; choose from: " + string.Join(", ", items.Select(i => i.Fix)) + ".",
            ExistAfter: _ => []),
        new("-MonitorOnly imports no remediation and deploys without enforcement", Switches("CreateCollection", "Deploy", "MonitorOnly"), Devices,
            items => items.SelectMany(i => CreateItem(i, remediate: false).Concat(CreateCollection(items, i)).Concat(Deploy(i, enforce: false))),
            ExistAfter: items => items.SelectMany(i => i.Created(collection: true, deployment: true)),
            NeverPassed: "-RemediationScriptText"),
        new("-Remove takes the package's items and baselines away", Switches("Remove"), (w, items) => { Exist(w, items, "ConfigurationItem", i => i.Name); Exist(w, items, "Baseline", i => i.BaselineName); },
            items => items.SelectMany(i => new[] { "Remove-CMBaseline -Force -Name " + Quote(i.BaselineName), "Remove-CMConfigurationItem -Force -Name " + Quote(i.Name) }),
            ExistAfter: _ => []),
        new("-Remove deletes what an import created, newest first", Switches("Remove"),
            (w, items) => w.ConfigMgr.Existing.UnionWith(items.SelectMany(i => i.Created(collection: true, deployment: true))),
            items => items.SelectMany(i => new[]
            {
                "Remove-CMBaselineDeployment -BaselineName " + Quote(i.BaselineName) + " -Force",
                "Remove-CMBaseline -Force -Name " + Quote(i.BaselineName),
                "Remove-CMConfigurationItem -Force -Name " + Quote(i.Name),
                "Remove-CMCollection -Force -Name " + Quote(i.CollectionName),
            }),
            ExistAfter: _ => []),
        new("-Remove -WhatIf deletes nothing", Switches("Remove", "WhatIf"), (w, items) => w.ConfigMgr.Existing.UnionWith(items[0].Created(collection: true)), _ => [],
            ExistAfter: items => items[0].Created(collection: true)),
        new("a run that fails half-way says how to undo it", Switches("CreateCollection"),
            (w, items) => { Devices(w, items); w.ConfigMgr.Failing.Add("New-CMDeviceCollection"); },
            items => CreateItem(items[0]).Append("New-CMDeviceCollection -LimitingCollectionName 'All Systems' -Name " + Quote(items[0].CollectionName)),
            items => "Import of " + items[0].Fix + " stopped: New-CMDeviceCollection failed: the SMS Provider returned an error. Undo this run with: .\\Import-ConfigMgrBaseline.ps1 -Remove -Fix " + string.Join(',', items.Select(i => i.Fix)) + "; then run the import again.",
            ExistAfter: items => items[0].Created(collection: false)),
        new("the undo of a half-way run removes only what exists", Switches("Remove"), (w, items) => w.ConfigMgr.Existing.UnionWith(items[0].Created(collection: false)),
            items => ["Remove-CMBaseline -Force -Name " + Quote(items[0].BaselineName), "Remove-CMConfigurationItem -Force -Name " + Quote(items[0].Name)],
            ExistAfter: _ => []),
    ];

    public static TheoryData<string, string> ImportCases => ScriptScenarioTest.Cases(Import, ImportRows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(ImportCases))]
    public void ImportBaseline(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), ImportRows.Single(r => r.Name == row));
        var items = Items(under);
        var run = ScriptScenarioTest.Run(under, Import, w => scenario.Arrange(w, items), scenario.Parameters(items));
        var values = new Dictionary<string, string> { ["site"] = under.SiteCode, ["provider"] = under.ParameterDefault(Import, "ProviderMachineName") };

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

        if (scenario.ExistAfter is { } existAfter)
        {
            var ours = run.World.ConfigMgr.Existing.Where(e => e.Contains("RemediationGen " + under.SiteCode + " ", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(existAfter(items).Order(StringComparer.Ordinal), ours);
        }

        if (scenario.NeverPassed is { } parameter)
        {
            Assert.DoesNotContain(run.World.Calls, c => c.ToString().Contains(parameter, StringComparison.Ordinal));
        }

        Assert.Equal(scenario.Warnings?.Invoke(items) ?? [], run.Warnings);
        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
    }

    private static Func<IReadOnlyList<Item>, Dictionary<string, object?>> Switches(params string[] names) => _ => names.ToDictionary(s => s, _ => (object?)true);

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

    /// <summary>The collection of an item, with each target added as the one device that has its FQDN (record slot 1).</summary>
    private static IEnumerable<string> CreateCollection(IReadOnlyList<Item> items, Item item) =>
        item.TargetServers.Select(d => "Add-CMDeviceCollectionDirectMembershipRule -CollectionName " + Quote(item.CollectionName) + " -ResourceId " + Id(items, d, 1))
            .Prepend("New-CMDeviceCollection -LimitingCollectionName 'All Systems' -Name " + Quote(item.CollectionName));

    private static IEnumerable<string> Deploy(Item item) => Deploy(item, enforce: true);

    private static IEnumerable<string> Deploy(Item item, bool enforce) =>
    [
        "New-CMSchedule -RecurCount 1 -RecurInterval 'Days'",
        "New-CMBaselineDeployment -CollectionName " + Quote(item.CollectionName) + " -EnableEnforcement " + (enforce ? "$true" : "$false") + " -Name " + Quote(item.BaselineName) + " -Schedule <object>",
    ];

    /// <summary>Each target is one device of the site with its FQDN (record slot 1).</summary>
    private static void Devices(ScriptWorld world, IReadOnlyList<Item> items) => Devices(world, items, target => [(target, 1)]);

    /// <summary>
    /// Device records for each target, all named by its NetBIOS name (the first label): per record, the DNS name it has
    /// (the target's FQDN, or that name in another domain such as "fabrikam.com") and its ResourceID slot.
    /// </summary>
    private static void Devices(ScriptWorld world, IReadOnlyList<Item> items, Func<string, (string Where, int Slot)[]> records)
    {
        foreach (var target in Targets(items))
        {
            var shortName = ShortName(target);
            var list = world.ConfigMgr.Devices.TryGetValue(shortName, out var existing) ? existing : world.ConfigMgr.Devices[shortName] = [];
            foreach (var (where, slot) in records(target))
            {
                var id = Id(items, target, slot);
                list.Add((shortName.ToUpperInvariant(), id, where == target ? "CONTOSO" : "FABRIKAM"));
                world.ConfigMgr.ResourceNames[id] = [where == target ? target : shortName + "." + where];
            }
        }
    }

    private static List<string> Targets(IReadOnlyList<Item> items) => [.. items.SelectMany(i => i.TargetServers).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>A stable ResourceID per target and record slot.</summary>
    private static int Id(IReadOnlyList<Item> items, string target, int slot) =>
        16777216 + (Targets(items).FindIndex(t => string.Equals(t, target, StringComparison.OrdinalIgnoreCase)) * 10) + slot;

    private static string ShortName(string server) => server.Split('.')[0];

    private static void Exist(ScriptWorld world, IEnumerable<Item> items, string kind, Func<Item, string> name)
    {
        foreach (var item in items)
        {
            world.ConfigMgr.Existing.Add(kind + ":" + name(item));
        }
    }

    private static string Quote(string text) => RecordedCall.Format(text, _ => null);

    private static List<Item> Items(PackageUnderTest package) =>
        [.. ((object[])package.Constant(Import, "ConfigurationItems")).Cast<Dictionary<string, object>>().Select(i => new Item(
            (string)i["Name"], (string)i["Description"], (string)i["SettingName"], (string)i["RuleName"], (string)i["DiscoveryFile"],
            (string)i["RemediationFile"], (string)i["BaselineName"], (string)i["CollectionName"], [.. ((object[])i["TargetServers"]).Cast<string>()]))];
}
