using System.Globalization;
using System.Text.RegularExpressions;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// Import-ConfigMgrBaseline.ps1 on every package that has it: devices chosen by FQDN (0, 1 or 2 matches), -Fix,
/// -MonitorOnly, -Remove and the undo of a run that failed half-way. The world's site holds, for each target, the
/// devices a row gives it. Placeholders in messages: {first} (the first fix), {fixes} and {fixlist} (all, joined by
/// "," and ", "),
/// {target} (the first target of the first fix), {short} (its NetBIOS name).
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed partial class ImportBaselineTargetsAndRemovalScriptTests
{
    private const string Import = "configmgr/Import-ConfigMgrBaseline.ps1";

    /// <summary>
    /// A run: its parameters, the state of the site, and what must come of it: the failure (null: succeeds), the calls
    /// of the listed cmdlets (in order), the objects of this package that exist afterwards, and a parameter no call passed.
    /// </summary>
    public sealed record ImportRow(
        string Name,
        Func<Package, Dictionary<string, object?>> Parameters,
        Action<ScriptWorld, Package> Arrange,
        string? Failure,
        Func<Package, string[]> Calls,
        string[] CallsOf,
        Func<Package, string[]> ExistAfter,
        string? NeverPassed = null);

    /// <summary>What a row needs of a package: its site, its fixes in order and each fix's target servers.</summary>
    public sealed record Package(string Site, IReadOnlyList<(string Fix, string[] Targets)> Fixes)
    {
        public string First => Fixes[0].Fix;

        public string Item(string fix) => "RemediationGen " + Site + " " + fix;

        public string Collection(string fix) => Item(fix) + " targets";

        public IEnumerable<string> Created(string fix, bool collection) =>
            collection ? ["ConfigurationItem:" + Item(fix), "Baseline:" + Item(fix), "Collection:" + Collection(fix)] : ["ConfigurationItem:" + Item(fix), "Baseline:" + Item(fix)];
    }

    private static readonly string[] Membership = ["Add-CMDeviceCollectionDirectMembershipRule"];
    private static readonly string[] Creation = ["New-CMConfigurationItem", "New-CMBaseline", "New-CMDeviceCollection", "New-CMBaselineDeployment"];
    private static readonly string[] Removal = ["Remove-CMBaselineDeployment", "Remove-CMBaseline", "Remove-CMConfigurationItem", "Remove-CMCollection"];

    public static readonly ImportRow[] ImportRows =
    [
        new("each target is the one device with its FQDN, not another domain's namesake",
            _ => new() { ["CreateCollection"] = true },
            (w, p) => AddDevices(w, p, target => [(target, 1), ("fabrikam.com", 2)]),
            null,
            p => [.. p.Fixes.SelectMany(f => f.Targets.Select(t => "Add-CMDeviceCollectionDirectMembershipRule -CollectionName '" + p.Collection(f.Fix) + "' -ResourceId " + Id(p, t, 1)))],
            Membership,
            p => [.. p.Fixes.SelectMany(f => p.Created(f.Fix, collection: true))]),
        new("a target that matches no device stops the run before any change",
            _ => new() { ["CreateCollection"] = true },
            (w, p) => AddDevices(w, p, target => target == p.Fixes[0].Targets[0] ? [("fabrikam.com", 2)] : [(target, 1)]),
            "No ConfigMgr device matches {target} (1 device(s) named {short}, none with that FQDN): install the ConfigMgr client there, or leave it out and add it to RemediationGen {site} {first} targets by hand.",
            _ => [],
            Creation,
            _ => []),
        new("a target that matches two devices stops the run before any change",
            _ => new() { ["CreateCollection"] = true },
            (w, p) => AddDevices(w, p, target => target == p.Fixes[0].Targets[0] ? [(target, 1), (target, 2)] : [(target, 1)]),
            "2 ConfigMgr devices match {target} (ResourceID {id1}, {id2}): delete the obsolete record, then run this script again.",
            _ => [],
            Creation,
            _ => []),
        new("-Fix imports that fix only",
            p => new() { ["Fix"] = new[] { p.First } },
            (_, _) => { },
            null,
            _ => [],
            [],
            p => [.. p.Created(p.First, collection: false)]),
        new("-Fix with a name the package does not have stops before any change",
            _ => new() { ["Fix"] = new[] { "NoSuchFix" } },
            (_, _) => { },
            "-Fix 'NoSuchFix' is not a fix of this package; choose from: {fixlist}.",
            _ => [],
            Creation,
            _ => []),
        new("-MonitorOnly imports no remediation and deploys without enforcement",
            _ => new() { ["CreateCollection"] = true, ["Deploy"] = true, ["MonitorOnly"] = true },
            (w, p) => AddDevices(w, p, target => [(target, 1)]),
            null,
            p => [.. p.Fixes.Select(f => "New-CMBaselineDeployment -CollectionName '" + p.Collection(f.Fix) + "' -EnableEnforcement $false -Name '" + p.Item(f.Fix) + "' -Schedule <object>")],
            ["New-CMBaselineDeployment"],
            p => [.. p.Fixes.SelectMany(f => p.Created(f.Fix, collection: true).Append("Deployment:" + p.Item(f.Fix)))],
            NeverPassed: "-RemediationScriptText"),
        new("-Remove deletes what an import created, newest first",
            _ => new() { ["Remove"] = true },
            (w, p) =>
            {
                foreach (var (fix, _) in p.Fixes)
                {
                    w.ConfigMgr.Existing.UnionWith(p.Created(fix, collection: true).Append("Deployment:" + p.Item(fix)));
                }
            },
            null,
            p => [.. p.Fixes.SelectMany(f => new[]
            {
                "Remove-CMBaselineDeployment -BaselineName '" + p.Item(f.Fix) + "' -Force",
                "Remove-CMBaseline -Force -Name '" + p.Item(f.Fix) + "'",
                "Remove-CMConfigurationItem -Force -Name '" + p.Item(f.Fix) + "'",
                "Remove-CMCollection -Force -Name '" + p.Collection(f.Fix) + "'",
            })],
            Removal,
            _ => []),
        new("-Remove -WhatIf deletes nothing",
            _ => new() { ["Remove"] = true, ["WhatIf"] = true },
            (w, p) => w.ConfigMgr.Existing.UnionWith(p.Created(p.First, collection: true)),
            null,
            _ => [],
            Removal,
            p => [.. p.Created(p.First, collection: true)]),
        new("a run that fails half-way says how to undo it",
            _ => new() { ["CreateCollection"] = true },
            (w, p) =>
            {
                AddDevices(w, p, target => [(target, 1)]);
                w.ConfigMgr.Failing.Add("New-CMDeviceCollection");
            },
            "Import of {first} stopped: New-CMDeviceCollection failed: the SMS Provider returned an error. Undo this run with: .\\Import-ConfigMgrBaseline.ps1 -Remove -Fix {fixes}; then run the import again.",
            _ => [],
            Membership,
            p => [.. p.Created(p.First, collection: false)]),
        new("the undo of a half-way run removes only what exists",
            _ => new() { ["Remove"] = true },
            (w, p) => w.ConfigMgr.Existing.UnionWith(p.Created(p.First, collection: false)),
            null,
            p => ["Remove-CMBaseline -Force -Name '" + p.Item(p.First) + "'", "Remove-CMConfigurationItem -Force -Name '" + p.Item(p.First) + "'"],
            Removal,
            _ => []),
    ];

    public static TheoryData<string, string> ImportCases => ScriptScenarioTest.Cases(Import, ImportRows.Select(r => r.Name));

    [SkippableTheory]
    [MemberData(nameof(ImportCases))]
    public void ImportScript(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), ImportRows.Single(r => r.Name == row));
        var shape = Shape(under);
        var run = ScriptScenarioTest.Run(under, Import, w => scenario.Arrange(w, shape), scenario.Parameters(shape));

        if (scenario.Failure is null)
        {
            Assert.False(run.Threw, run.ToString());
        }
        else
        {
            var first = shape.Fixes[0].Targets[0];
            var values = new Dictionary<string, string>
            {
                ["{site}"] = shape.Site,
                ["{first}"] = shape.First,
                ["{fixes}"] = string.Join(',', shape.Fixes.Select(f => f.Fix)),
                ["{fixlist}"] = string.Join(", ", shape.Fixes.Select(f => f.Fix)),
                ["{target}"] = first,
                ["{short}"] = first.Split('.')[0],
                ["{id1}"] = Id(shape, first, 1).ToString(CultureInfo.InvariantCulture),
                ["{id2}"] = Id(shape, first, 2).ToString(CultureInfo.InvariantCulture),
            };
            Assert.Equal(values.Aggregate(scenario.Failure, (text, v) => text.Replace(v.Key, v.Value, StringComparison.Ordinal)), run.Thrown);
        }

        // The listed cmdlets' calls, in the order the script made them.
        Assert.Equal(scenario.Calls(shape), run.World.Calls.Where(c => scenario.CallsOf.Contains(c.Command)).Select(c => c.ToString()));
        if (scenario.NeverPassed is { } parameter)
        {
            Assert.DoesNotContain(run.World.Calls, c => c.ToString().Contains(parameter, StringComparison.Ordinal));
        }

        var ours = run.World.ConfigMgr.Existing.Where(e => e.Contains("RemediationGen " + shape.Site + " ", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(scenario.ExistAfter(shape).Order(StringComparer.Ordinal), ours);
    }

    /// <summary>Device records for each target: (its own FQDN or another DNS domain, ResourceID slot) per record.</summary>
    private static void AddDevices(ScriptWorld world, Package package, Func<string, (string Where, int Slot)[]> records)
    {
        foreach (var target in package.Fixes.SelectMany(f => f.Targets).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var shortName = target.Split('.')[0];
            var list = world.ConfigMgr.Devices.TryGetValue(shortName, out var existing) ? existing : world.ConfigMgr.Devices[shortName] = [];
            foreach (var (where, slot) in records(target))
            {
                var id = Id(package, target, slot);
                list.Add((shortName.ToUpperInvariant(), id, where == target ? "CONTOSO" : "FABRIKAM"));
                world.ConfigMgr.ResourceNames[id] = [where == target ? target : shortName + "." + where];
            }
        }
    }

    /// <summary>A stable ResourceID per target and record slot.</summary>
    private static int Id(Package package, string target, int slot)
    {
        var all = package.Fixes.SelectMany(f => f.Targets).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return 16777216 + (all.FindIndex(t => string.Equals(t, target, StringComparison.OrdinalIgnoreCase)) * 10) + slot;
    }

    private static Package Shape(PackageUnderTest package)
    {
        var fixes = package.Files.Keys
            .Select(path => DiscoveryPath().Match(path))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .OrderBy(fix => package.Files[Import].IndexOf("SettingName     = '" + fix + "'", StringComparison.Ordinal))
            .Select(fix => (fix, package.Files["targets/" + fix + ".txt"].Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        return new Package(package.SiteCode, fixes);
    }

    [GeneratedRegex("^configmgr/([^/]+)/discovery\\.ps1$")]
    private static partial Regex DiscoveryPath();
}
