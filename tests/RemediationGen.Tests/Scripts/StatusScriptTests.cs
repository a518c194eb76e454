using System.Text.Json;
using System.Text.Json.Nodes;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// intune/Get-IntuneRemediationStatus.ps1 against the Graph doubles and configmgr/Get-ConfigMgrBaselineStatus.ps1
/// against the ConfigMgr doubles, on every package: exact requests and exact CSV (the columns `status` reads).
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class StatusScriptTests
{
    public const string CsvHeader = "\"Route\",\"Pair\",\"Device\",\"DetectionState\",\"RemediationState\",\"LastUpdate\",\"PreRemediationOutput\",\"PostRemediationOutput\",\"Error\"";

    private const string IntuneStatus = "intune/Get-IntuneRemediationStatus.ps1";
    private const string ConfigMgrStatus = "configmgr/Get-ConfigMgrBaselineStatus.ps1";
    private const string Root = FakeGraph.Root;
    private const string List = Root + "?$select=id,displayName";

    /// <summary>A tenant, the exact requests, the exact output lines (CSV), what it throws.</summary>
    public sealed record IntuneRow(
        string Name,
        Action<FakeGraph, IReadOnlyList<IntunePair>> Arrange,
        Func<FakeGraph, IReadOnlyList<IntunePair>, IEnumerable<string>> Requests,
        Func<IReadOnlyList<IntunePair>, IEnumerable<string>> Csv,
        string? Throws = null,
        int Warnings = 0);

    public static readonly IntuneRow[] IntuneRows =
    [
        new("every state, with the run summary",
            (g, pairs) =>
            {
                foreach (var p in pairs) { p.AddTo(g); }
                var first = g.Scripts[0];
                first.DeviceRunStates.Add(RunState("DP01", "success", "unknown", "Compliant: fine", "", ""));
                first.DeviceRunStates.Add(RunState("DP02", "fail", "success", "NonCompliant: missing", "Compliant: fixed", ""));
                first.DeviceRunStates.Add(RunState("DP03", "fail", "remediationFailed", "NonCompliant: missing", "NonCompliant: still\r\nmissing", "REG.exe exit 1"));
                first.DeviceRunStates.Add(RunState("DP04", "scriptError", "unknown", "", "", ""));
                first.RunSummary = new JsonObject { ["noIssueDetectedDeviceCount"] = 1, ["issueDetectedDeviceCount"] = 2, ["issueRemediatedDeviceCount"] = 1, ["issueReoccurredDeviceCount"] = 1 };
            },
            (g, pairs) => [.. pairs.SelectMany((p, i) => new[] { "GET " + Root + "/" + p.ById(g) + "/runSummary", "GET " + Root + "/" + p.ById(g) + "/deviceRunStates?$expand=managedDevice" }).Prepend("GET " + List)],
            pairs =>
            [
                CsvHeader,
                $"\"Intune\",\"{pairs[0].Name}\",\"DP01\",\"success\",\"unknown\",\"2026-11-25T10:00:00Z\",\"Compliant: fine\",\"\",\"\"",
                $"\"Intune\",\"{pairs[0].Name}\",\"DP02\",\"fail\",\"success\",\"2026-11-25T10:00:00Z\",\"NonCompliant: missing\",\"Compliant: fixed\",\"\"",
                $"\"Intune\",\"{pairs[0].Name}\",\"DP03\",\"fail\",\"remediationFailed\",\"2026-11-25T10:00:00Z\",\"NonCompliant: missing\",\"NonCompliant: still missing\",\"REG.exe exit 1\"",
                $"\"Intune\",\"{pairs[0].Name}\",\"DP04\",\"scriptError\",\"unknown\",\"2026-11-25T10:00:00Z\",\"\",\"\",\"\"",
            ]),
        new("paged run states: every @odata.nextLink is followed",
            (g, pairs) =>
            {
                g.PageSize = 1;
                foreach (var p in pairs) { p.AddTo(g); }
                g.Scripts[0].DeviceRunStates.Add(RunState("DP01", "success", "unknown", "Compliant: fine", "", ""));
                g.Scripts[0].DeviceRunStates.Add(RunState("DP02", "fail", "remediationFailed", "NonCompliant: missing", "NonCompliant: missing", ""));
            },
            (g, pairs) =>
            [
                "GET " + List, .. Enumerable.Range(1, pairs.Count - 1).Select(i => "GET " + List + "&$skiptoken=" + i),
                .. pairs.SelectMany((p, i) => i == 0
                    ? new[] { "GET " + Root + "/" + p.ById(g) + "/runSummary", "GET " + Root + "/" + p.ById(g) + "/deviceRunStates?$expand=managedDevice", "GET " + Root + "/" + p.ById(g) + "/deviceRunStates?$expand=managedDevice&$skiptoken=1" }
                    : ["GET " + Root + "/" + p.ById(g) + "/runSummary", "GET " + Root + "/" + p.ById(g) + "/deviceRunStates?$expand=managedDevice"]),
            ],
            pairs =>
            [
                CsvHeader,
                $"\"Intune\",\"{pairs[0].Name}\",\"DP01\",\"success\",\"unknown\",\"2026-11-25T10:00:00Z\",\"Compliant: fine\",\"\",\"\"",
                $"\"Intune\",\"{pairs[0].Name}\",\"DP02\",\"fail\",\"remediationFailed\",\"2026-11-25T10:00:00Z\",\"NonCompliant: missing\",\"NonCompliant: missing\",\"\"",
            ]),
        new("not published: a warning per pair, no rows",
            (_, _) => { },
            (_, _) => ["GET " + List],
            _ => [],
            Warnings: -1),
        new("throttled: waits Retry-After, then repeats the request",
            (g, pairs) => { g.ThrottleNext = 1; foreach (var p in pairs) { p.AddTo(g); } },
            (g, pairs) => [.. pairs.SelectMany(p => new[] { "GET " + Root + "/" + p.ById(g) + "/runSummary", "GET " + Root + "/" + p.ById(g) + "/deviceRunStates?$expand=managedDevice" }).Prepend("GET " + List).Prepend("GET " + List)],
            _ => []),
        new("forbidden: stops with the missing permission",
            (g, _) => g.Forbidden = true,
            (_, _) => ["GET " + List],
            _ => [],
            Throws: "Graph GET " + List + " failed with 403: Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementScripts.ReadWrite.All Connect with a role and consent that grant DeviceManagementScripts.Read.All and DeviceManagementManagedDevices.Read.All."),
        new("duplicate names: stops before reading any run state",
            (g, pairs) => { pairs[0].AddTo(g); pairs[0].AddTo(g); },
            (_, _) => ["GET " + List],
            _ => [],
            Throws: "Intune has 2 remediations named '{first}': delete or rename all but one, then run this script again."),
    ];

    /// <summary>What ConfigMgr reports per baseline (by pair index), and the exact CSV (placeholders {pair}, {n}: that pair's name).</summary>
    public sealed record ConfigMgrRow(string Name, Action<FakeConfigMgrSite, IReadOnlyList<(string Name, string Baseline, string[] Targets)>> Arrange, Func<IReadOnlyList<(string Name, string Baseline, string[] Targets)>, IEnumerable<string>> Csv, int Warnings = 0);

    public static readonly ConfigMgrRow[] ConfigMgrRows =
    [
        new("every state; targets ConfigMgr does not report on are NotEvaluated",
            (site, pairs) =>
            {
                foreach (var p in pairs) { site.BaselineReports[p.Baseline] = []; }
                var reports = site.BaselineReports[pairs[0].Baseline];
                reports.Add(new("DP01", "Compliant", "2026-11-25 09:00:00"));
                reports.Add(new("DP02", "NonCompliant", "2026-11-25 09:05:00"));
                reports.Add(new("DP03", "Error", "2026-11-25 09:10:00", "0x87d00327 Script is not signed"));
                reports.Add(new("DP04", "Unknown", ""));
            },
            pairs =>
            [
                CsvHeader,
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"DP01\",\"Compliant\",\"\",\"2026-11-25 09:00:00\",\"\",\"\",\"\"",
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"DP02\",\"NonCompliant\",\"\",\"2026-11-25 09:05:00\",\"\",\"\",\"\"",
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"DP03\",\"Error\",\"\",\"2026-11-25 09:10:00\",\"\",\"\",\"0x87d00327 Script is not signed\"",
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"DP04\",\"Unknown\",\"\",\"\",\"\",\"\",\"\"",
                .. pairs.SelectMany(p => p.Targets.Where(t => p.Name != pairs[0].Name || !new[] { "DP01", "DP02", "DP03", "DP04" }.Contains(t.Split('.')[0], StringComparer.OrdinalIgnoreCase))
                    .Select(t => $"\"ConfigMgr\",\"{p.Name}\",\"{t.Split('.')[0]}\",\"NotEvaluated\",\"\",\"\",\"\",\"\",\"\"")),
            ]),
        new("a device under two status types: one row, the first type's",
            (site, pairs) =>
            {
                foreach (var p in pairs) { site.BaselineReports[p.Baseline] = []; }
                var reports = site.BaselineReports[pairs[0].Baseline];
                reports.Add(new("DP01", "NonCompliant", "2026-11-25 09:05:00"));
                reports.Add(new("DP01", "Compliant", "2026-11-25 09:00:00"));
                reports.Add(new("DP01", "Error", "2026-11-25 09:10:00", "0x87d00327 Script is not signed"));
            },
            pairs =>
            [
                CsvHeader,
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"DP01\",\"Compliant\",\"\",\"2026-11-25 09:00:00\",\"\",\"\",\"\"",
                .. pairs.SelectMany(p => p.Targets.Where(t => p.Name != pairs[0].Name || !t.Split('.')[0].Equals("DP01", StringComparison.OrdinalIgnoreCase))
                    .Select(t => $"\"ConfigMgr\",\"{p.Name}\",\"{t.Split('.')[0]}\",\"NotEvaluated\",\"\",\"\",\"\",\"\",\"\"")),
            ]),
        new("two deployments reporting the same devices: one row per device",
            (site, pairs) =>
            {
                site.DeploymentsPerBaseline = 2;
                foreach (var p in pairs) { site.BaselineReports[p.Baseline] = []; }
                var reports = site.BaselineReports[pairs[0].Baseline];
                reports.Add(new("DP01", "Compliant", "2026-11-25 09:00:00"));
                reports.Add(new("DP02", "NonCompliant", "2026-11-25 09:05:00"));
            },
            pairs =>
            [
                CsvHeader,
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"DP01\",\"Compliant\",\"\",\"2026-11-25 09:00:00\",\"\",\"\",\"\"",
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"DP02\",\"NonCompliant\",\"\",\"2026-11-25 09:05:00\",\"\",\"\",\"\"",
                .. pairs.SelectMany(p => p.Targets.Where(t => p.Name != pairs[0].Name || !new[] { "DP01", "DP02" }.Contains(t.Split('.')[0], StringComparer.OrdinalIgnoreCase))
                    .Select(t => $"\"ConfigMgr\",\"{p.Name}\",\"{t.Split('.')[0]}\",\"NotEvaluated\",\"\",\"\",\"\",\"\",\"\"")),
            ]),
        new("a target reported by its FQDN is not also NotEvaluated",
            (site, pairs) =>
            {
                foreach (var p in pairs) { site.BaselineReports[p.Baseline] = []; }
                site.BaselineReports[pairs[0].Baseline].Add(new(pairs[0].Targets[0].ToUpperInvariant(), "Compliant", "2026-11-25 09:00:00"));
            },
            pairs =>
            [
                CsvHeader,
                $"\"ConfigMgr\",\"{pairs[0].Name}\",\"{pairs[0].Targets[0].ToUpperInvariant()}\",\"Compliant\",\"\",\"2026-11-25 09:00:00\",\"\",\"\",\"\"",
                .. pairs.SelectMany(p => p.Targets.Where(t => p.Name != pairs[0].Name || !t.Equals(pairs[0].Targets[0], StringComparison.OrdinalIgnoreCase))
                    .Select(t => $"\"ConfigMgr\",\"{p.Name}\",\"{t.Split('.')[0]}\",\"NotEvaluated\",\"\",\"\",\"\",\"\",\"\"")),
            ]),
        new("no deployment: a warning per baseline, every target NotEvaluated",
            (_, _) => { },
            pairs => [CsvHeader, .. pairs.SelectMany(p => p.Targets.Select(t => $"\"ConfigMgr\",\"{p.Name}\",\"{t.Split('.')[0]}\",\"NotEvaluated\",\"\",\"\",\"\",\"\",\"\""))],
            Warnings: -1),
    ];

    public static TheoryData<string, string> IntuneCases => ScriptScenarioTest.Cases(IntuneStatus, IntuneRows.Select(r => r.Name));

    public static TheoryData<string, string> ConfigMgrCases => ScriptScenarioTest.Cases(ConfigMgrStatus, ConfigMgrRows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(IntuneCases))]
    public void IntuneStatus_Scenario(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), IntuneRows.Single(r => r.Name == row));
        var pairs = IntunePair.Of(under);
        FakeGraph? graph = null;
        var run = ScriptScenarioTest.Run(under, IntuneStatus, w => { graph = w.Graph; scenario.Arrange(w.Graph, pairs); }, new Dictionary<string, object?> { ["AsCsv"] = true });

        var expected = scenario.Requests(graph!, pairs).ToList();
        var actual = graph!.Requests.Select(r => r.ToString()).ToList();
        Assert.True(expected.SequenceEqual(actual), "expected requests:\n  " + string.Join("\n  ", expected) + "\nactual:\n  " + string.Join("\n  ", actual) + "\n" + run);
        Assert.Equal(["DeviceManagementScripts.Read.All", "DeviceManagementManagedDevices.Read.All"], graph.ConnectedScopes);
        if (scenario.Throws is { } message)
        {
            Assert.Equal(message.Replace("{first}", pairs[0].DisplayName, StringComparison.Ordinal), run.Thrown);
            return;
        }

        Assert.False(run.Threw, run.ToString());
        Assert.Equal(scenario.Csv(pairs).ToList(), run.OutputLines.ToList());
        Assert.Equal(scenario.Warnings < 0 ? pairs.Count : scenario.Warnings, run.Warnings.Count);
    }

    [Fact]
    public void IntuneStatus_WithoutAsCsv_WritesObjectsAndTheSummaryLine()
    {
        var under = PackageUnderTest.Named("demo-PS1");
        var pairs = IntunePair.Of(under);
        var run = ScriptScenarioTest.Run(under, IntuneStatus, w =>
        {
            foreach (var p in pairs) { p.AddTo(w.Graph); }
            w.Graph.Scripts[0].DeviceRunStates.Add(RunState("DP02", "fail", "success", "NonCompliant: missing", "Compliant: fixed", ""));
            w.Graph.Scripts[0].RunSummary = new JsonObject { ["noIssueDetectedDeviceCount"] = 0, ["issueDetectedDeviceCount"] = 1, ["issueRemediatedDeviceCount"] = 1, ["issueReoccurredDeviceCount"] = 0, ["lastScriptRunDateTime"] = "2026-11-25T10:00:00Z" };
        });

        Assert.Equal(
            ["@{Route=Intune; Pair=" + pairs[0].Name + "; Device=DP02; DetectionState=fail; RemediationState=success; LastUpdate=2026-11-25T10:00:00Z; PreRemediationOutput=NonCompliant: missing; PostRemediationOutput=Compliant: fixed; Error=}"],
            run.OutputLines);
        Assert.Equal("Summary '" + pairs[0].DisplayName + "': no issue 0, issue 1, remediated 1, still failing 0, errors /, last 2026-11-25T10:00:00Z", run.HostLines[0]);
    }

    [Theory]
    [MemberData(nameof(ConfigMgrCases))]
    public void ConfigMgrStatus_Scenario(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), ConfigMgrRows.Single(r => r.Name == row));
        var pairs = ConfigMgrPairs(under);
        var run = ScriptScenarioTest.Run(under, ConfigMgrStatus, w => scenario.Arrange(w.ConfigMgr, pairs), new Dictionary<string, object?> { ["AsCsv"] = true });

        Assert.False(run.Threw, run.ToString());
        Assert.Equal(scenario.Csv(pairs).ToList(), run.OutputLines.ToList());
        Assert.Equal(scenario.Warnings < 0 ? pairs.Count : scenario.Warnings, run.Warnings.Count);
        Assert.Equal(pairs.Select(p => $"Get-CMBaselineDeployment -BaselineName '{p.Baseline}' -Fast"), run.World.CallsTo("Get-CMBaselineDeployment"));
    }

    private static List<(string Name, string Baseline, string[] Targets)> ConfigMgrPairs(PackageUnderTest package)
    {
        using var manifest = JsonDocument.Parse(package.Files["manifest.json"]);
        return [.. manifest.RootElement.GetProperty("pairs").EnumerateArray().Select(pair =>
        {
            var name = pair.GetProperty("name").GetString()!;
            return (name, $"RemediationGen {package.SiteCode} {name}", pair.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("server").GetString()!).ToArray());
        })];
    }

    private static JsonObject RunState(string device, string detection, string remediation, string pre, string post, string error) => new()
    {
        ["id"] = "state-" + device,
        ["detectionState"] = detection,
        ["remediationState"] = remediation,
        ["lastStateUpdateDateTime"] = "2026-11-25T10:00:00Z",
        ["preRemediationDetectionScriptOutput"] = pre,
        ["postRemediationDetectionScriptOutput"] = post,
        ["remediationScriptError"] = error,
        ["managedDevice"] = new JsonObject { ["id"] = "device-" + device, ["deviceName"] = device },
    };
}
