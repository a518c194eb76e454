using System.Text.Json.Nodes;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// intune/Publish-IntuneRemediation.ps1 run against the Graph doubles on every package: the exact request sequence
/// (method and URI), the bodies, and the lines it prints, per scenario (issue 14).
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class IntunePublishScriptTests
{
    private const string Publish = "intune/Publish-IntuneRemediation.ps1";
    private const string Root = FakeGraph.Root;
    private const string List = Root + "?$select=id,displayName";

    /// <summary>The fields the script may send; never isGlobalScript or highestAvailableVersion.</summary>
    private static readonly string[] SentFields =
        ["@odata.type", "displayName", "description", "publisher", "runAsAccount", "runAs32Bit", "enforceSignatureCheck", "detectionScriptContent", "remediationScriptContent", "roleScopeTagIds"];

    /// <summary>A tenant, the script's parameters, the exact requests, the host lines, what it throws, and a check of the tenant after.</summary>
    public sealed record PublishRow(
        string Name,
        Action<FakeGraph, IReadOnlyList<IntunePair>> Arrange,
        Dictionary<string, object?> Parameters,
        Func<FakeGraph, IReadOnlyList<IntunePair>, IEnumerable<string>> Requests,
        Func<FakeGraph, IReadOnlyList<IntunePair>, IEnumerable<string>>? HostLines = null,
        string? Throws = null,
        Action<FakeGraph, IReadOnlyList<IntunePair>>? Check = null);

    public static readonly PublishRow[] Rows =
    [
        new("new: every pair is created with the package's exact body",
            (_, _) => { },
            [],
            (g, pairs) => [.. pairs.Select(_ => "POST " + Root).Prepend("GET " + List)],
            (g, pairs) => pairs.Select(p => $"Created '{p.DisplayName}' ({p.ById(g)})"),
            Check: (g, pairs) =>
            {
                foreach (var (request, pair) in g.Requests.Skip(1).Zip(pairs))
                {
                    var body = request.BodyJson;
                    Assert.Equal(SentFields.Order(StringComparer.Ordinal), body.Select(f => f.Key).Order(StringComparer.Ordinal));
                    foreach (var field in SentFields)
                    {
                        Assert.True(JsonNode.DeepEquals(pair.Body[field], body[field]), field + " differs from the package's deviceHealthScript.json");
                    }
                }
            }),
        new("unchanged: each is read by id and left alone",
            (g, pairs) => { foreach (var p in pairs) { p.AddTo(g); } },
            [],
            (g, pairs) => [.. pairs.Select(p => "GET " + Root + "/" + p.ById(g)).Prepend("GET " + List)],
            (g, pairs) => pairs.Select(p => $"Unchanged '{p.DisplayName}' ({p.ById(g)})")),
        new("changed content: only the differing field is patched",
            (g, pairs) => { foreach (var p in pairs) { p.AddTo(g); } g.Scripts[0].Body["detectionScriptContent"] = "b2xk"; },
            [],
            (g, pairs) => [.. pairs.SelectMany((p, i) => i == 0 ? new[] { "GET " + Root + "/" + p.ById(g), "PATCH " + Root + "/" + p.ById(g) } : ["GET " + Root + "/" + p.ById(g)]).Prepend("GET " + List)],
            (g, pairs) => pairs.Select((p, i) => i == 0 ? $"Updated '{p.DisplayName}' ({p.ById(g)}): detectionScriptContent" : $"Unchanged '{p.DisplayName}' ({p.ById(g)})"),
            Check: (g, pairs) =>
            {
                var patch = g.Requests.Single(r => r.Method == "PATCH").BodyJson;
                Assert.Equal(["@odata.type", "detectionScriptContent"], patch.Select(f => f.Key));
                Assert.Equal(pairs[0].Body["detectionScriptContent"]!.GetValue<string>(), patch["detectionScriptContent"]!.GetValue<string>());
            }),
        new("duplicate names: stops before any change",
            (g, pairs) => { pairs[0].AddTo(g); pairs[0].AddTo(g); },
            [],
            (_, _) => ["GET " + List],
            Throws: "Intune has 2 remediations named '{first}' (ids 00000000-0000-0000-0000-000000000001, 00000000-0000-0000-0000-000000000002): delete or rename all but one, then run this script again."),
        new("merge: existing assignments are kept, the new group added; runRemediationScript follows the pair",
            (g, pairs) => { foreach (var p in pairs) { p.AddTo(g).Assignments.Add(Assignment("old-group")); } },
            new() { ["GroupId"] = new[] { "new-group" } },
            (g, pairs) => [.. pairs.SelectMany(p => new[] { "GET " + Root + "/" + p.ById(g), "GET " + Root + "/" + p.ById(g) + "/assignments", "POST " + Root + "/" + p.ById(g) + "/assign" }).Prepend("GET " + List)],
            (g, pairs) => pairs.SelectMany(p => new[] { $"Unchanged '{p.DisplayName}' ({p.ById(g)})", $"Assigned '{p.DisplayName}': 1 target(s), 1 existing kept" }),
            Check: (g, pairs) =>
            {
                foreach (var (request, pair) in g.Requests.Where(r => r.Uri.EndsWith("/assign", StringComparison.Ordinal)).Zip(pairs))
                {
                    var expected = new JsonObject
                    {
                        ["deviceHealthScriptAssignments"] = new JsonArray(
                            StripId(Assignment("old-group")),
                            new JsonObject
                            {
                                ["target"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = "new-group" },
                                ["runRemediationScript"] = pair.HasRemediation,
                                ["runSchedule"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.deviceHealthScriptDailySchedule", ["interval"] = 1, ["time"] = "01:00:00", ["useUtc"] = false },
                            }),
                    };
                    Assert.True(JsonNode.DeepEquals(expected, request.BodyJson), "assign body for " + pair.Name + ": " + request.Body);
                }
            }),
        new("replace: prints what it replaces, then sends only the new set",
            (g, pairs) => { foreach (var p in pairs) { p.AddTo(g).Assignments.Add(Assignment("old-group")); } },
            new() { ["GroupId"] = new[] { "new-group" }, ["ReplaceAssignments"] = true, ["Schedule"] = "Hourly", ["Interval"] = 4 },
            (g, pairs) => [.. pairs.SelectMany(p => new[] { "GET " + Root + "/" + p.ById(g), "GET " + Root + "/" + p.ById(g) + "/assignments", "POST " + Root + "/" + p.ById(g) + "/assign" }).Prepend("GET " + List)],
            (g, pairs) => pairs.SelectMany(p => new[]
            {
                $"Unchanged '{p.DisplayName}' ({p.ById(g)})",
                $"Replacing 1 existing assignment(s) of '{p.DisplayName}': #microsoft.graph.groupAssignmentTarget old-group",
                $"Assigned '{p.DisplayName}': 1 target(s), 0 existing kept",
            }),
            Check: (g, pairs) =>
            {
                foreach (var (script, pair) in pairs.Select(p => (g.Scripts.Single(s => s.Id == p.ById(g)), p)))
                {
                    var only = Assert.Single(script.Assignments);
                    Assert.Equal("new-group", only["target"]!["groupId"]!.GetValue<string>());
                    Assert.Equal(pair.HasRemediation, only["runRemediationScript"]!.GetValue<bool>());
                    Assert.True(JsonNode.DeepEquals(new JsonObject { ["@odata.type"] = "#microsoft.graph.deviceHealthScriptHourlySchedule", ["interval"] = 4 }, only["runSchedule"]));
                }
            }),
        new("exclusion group and filter on a new remediation under -WhatIf: reads only",
            (_, _) => { },
            new() { ["GroupId"] = new[] { "g1" }, ["ExcludeGroupId"] = new[] { "g2" }, ["FilterId"] = "f1", ["WhatIf"] = true },
            (_, _) => ["GET " + List],
            (_, pairs) => pairs.Select(p => $"What if: assign '{p.DisplayName}' to 2 target(s) once it exists")),
        new("scope tags from -ScopeTagIds replace the package's",
            (_, _) => { },
            new() { ["ScopeTagIds"] = new[] { "5", "7" } },
            (g, pairs) => [.. pairs.Select(_ => "POST " + Root).Prepend("GET " + List)],
            (g, pairs) => pairs.Select(p => $"Created '{p.DisplayName}' ({p.ById(g)})"),
            Check: (g, _) => Assert.All(g.Requests.Skip(1), r => Assert.True(JsonNode.DeepEquals(new JsonArray("5", "7"), r.BodyJson["roleScopeTagIds"])))),
        new("paged list: every @odata.nextLink is followed before deciding",
            (g, pairs) => { g.PageSize = 1; g.Add("Another team's remediation"); foreach (var p in pairs) { p.AddTo(g); } },
            [],
            (g, pairs) => [.. Enumerable.Range(1, pairs.Count).Select(i => "GET " + List + "&$skiptoken=" + i).Prepend("GET " + List).Concat(pairs.Select(p => "GET " + Root + "/" + p.ById(g)))],
            (g, pairs) => pairs.Select(p => $"Unchanged '{p.DisplayName}' ({p.ById(g)})")),
        new("throttled: waits Retry-After, then repeats the request",
            (g, _) => g.ThrottleNext = 1,
            [],
            (g, pairs) => [.. pairs.Select(_ => "POST " + Root).Prepend("GET " + List).Prepend("GET " + List)],
            (g, pairs) => pairs.Select(p => $"Created '{p.DisplayName}' ({p.ById(g)})").Prepend("Throttled (429): waiting 7 s before GET " + List)),
        new("forbidden: stops with the missing permission",
            (g, _) => g.Forbidden = true,
            [],
            (_, _) => ["GET " + List],
            Throws: "Graph GET " + List + " failed with 403: Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementScripts.ReadWrite.All Connect with a role and consent that grant DeviceManagementScripts.ReadWrite.All."),
        new("group by name: resolved once, with Group.Read.All",
            (g, pairs) => { g.Groups.Add(("Site servers", "g-42")); foreach (var p in pairs) { p.AddTo(g); } },
            new() { ["GroupName"] = new[] { "Site servers" } },
            (g, pairs) => [.. pairs.SelectMany(p => new[] { "GET " + Root + "/" + p.ById(g), "GET " + Root + "/" + p.ById(g) + "/assignments", "POST " + Root + "/" + p.ById(g) + "/assign" })
                .Prepend("GET " + List).Prepend("GET https://graph.microsoft.com/v1.0/groups?$filter=displayName eq 'Site%20servers'&$select=id,displayName")],
            (g, pairs) => pairs.SelectMany(p => new[] { $"Unchanged '{p.DisplayName}' ({p.ById(g)})", $"Assigned '{p.DisplayName}': 1 target(s), 0 existing kept" }),
            Check: (g, pairs) =>
            {
                Assert.Equal(["DeviceManagementScripts.ReadWrite.All", "Group.Read.All"], g.ConnectedScopes);
                Assert.All(g.Scripts, s => Assert.Equal("g-42", Assert.Single(s.Assignments)["target"]!["groupId"]!.GetValue<string>()));
            }),
        new("group by name matching no group: stops before reading the remediations",
            (g, pairs) => { g.Groups.Add(("Site servers", "g-42")); foreach (var p in pairs) { p.AddTo(g); } },
            new() { ["GroupName"] = new[] { "Site server" } },
            (_, _) => ["GET https://graph.microsoft.com/v1.0/groups?$filter=displayName eq 'Site%20server'&$select=id,displayName"],
            Throws: "Group 'Site server' matches 0 groups: give -GroupId instead.",
            Check: (g, _) =>
            {
                Assert.Equal(["DeviceManagementScripts.ReadWrite.All", "Group.Read.All"], g.ConnectedScopes);
                Assert.All(g.Scripts, s => Assert.Empty(s.Assignments));
            }),
        new("group by name matching two groups: stops before reading the remediations",
            (g, pairs) => { g.Groups.Add(("Site servers", "g-42")); g.Groups.Add(("Site servers", "g-43")); foreach (var p in pairs) { p.AddTo(g); } },
            new() { ["GroupName"] = new[] { "Site servers" } },
            (_, _) => ["GET https://graph.microsoft.com/v1.0/groups?$filter=displayName eq 'Site%20servers'&$select=id,displayName"],
            Throws: "Group 'Site servers' matches 2 groups: give -GroupId instead.",
            Check: (g, _) => Assert.All(g.Scripts, s => Assert.Empty(s.Assignments))),
        new("schedule Once without -Date: stops before any request",
            (g, pairs) => { foreach (var p in pairs) { p.AddTo(g); } },
            new() { ["GroupId"] = new[] { "new-group" }, ["Schedule"] = "Once" },
            (_, _) => [],
            Throws: "-Schedule Once needs -Date yyyy-MM-dd.",
            Check: (g, _) => Assert.All(g.Scripts, s => Assert.Empty(s.Assignments))),
        new("schedule Once with -Date: each assignment runs once at that date and time",
            (g, pairs) => { foreach (var p in pairs) { p.AddTo(g); } },
            new() { ["GroupId"] = new[] { "new-group" }, ["Schedule"] = "Once", ["Date"] = "2026-12-24", ["Time"] = "22:30:00", ["UseUtc"] = true },
            (g, pairs) => [.. pairs.SelectMany(p => new[] { "GET " + Root + "/" + p.ById(g), "GET " + Root + "/" + p.ById(g) + "/assignments", "POST " + Root + "/" + p.ById(g) + "/assign" }).Prepend("GET " + List)],
            (g, pairs) => pairs.SelectMany(p => new[] { $"Unchanged '{p.DisplayName}' ({p.ById(g)})", $"Assigned '{p.DisplayName}': 1 target(s), 0 existing kept" }),
            Check: (g, pairs) =>
            {
                foreach (var (request, pair) in g.Requests.Where(r => r.Uri.EndsWith("/assign", StringComparison.Ordinal)).Zip(pairs))
                {
                    var expected = new JsonObject
                    {
                        ["deviceHealthScriptAssignments"] = new JsonArray(
                            new JsonObject
                            {
                                ["target"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = "new-group" },
                                ["runRemediationScript"] = pair.HasRemediation,
                                ["runSchedule"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.deviceHealthScriptRunOnceSchedule", ["interval"] = 1, ["date"] = "2026-12-24", ["time"] = "22:30:00", ["useUtc"] = true },
                            }),
                    };
                    Assert.True(JsonNode.DeepEquals(expected, request.BodyJson), "assign body for " + pair.Name + ": " + request.Body);
                }
            }),
    ];

    public static TheoryData<string, string> Cases => ScriptScenarioTest.Cases(Publish, Rows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Publish_Scenario(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), Rows.Single(r => r.Name == row));
        var pairs = IntunePair.Of(under);
        FakeGraph? graph = null;
        var run = ScriptScenarioTest.Run(under, Publish, w => { graph = w.Graph; scenario.Arrange(w.Graph, pairs); }, scenario.Parameters);

        var expected = scenario.Requests(graph!, pairs).ToList();
        var actual = graph!.Requests.Select(r => r.ToString()).ToList();
        Assert.True(expected.SequenceEqual(actual), "expected requests:\n  " + string.Join("\n  ", expected) + "\nactual:\n  " + string.Join("\n  ", actual) + "\n" + run);
        if (scenario.Throws is { } message)
        {
            Assert.Equal(message.Replace("{first}", pairs[0].DisplayName, StringComparison.Ordinal), run.Thrown);
        }
        else
        {
            Assert.False(run.Threw, run.ToString());
            Assert.Empty(run.Errors);
        }

        if (scenario.HostLines is { } lines)
        {
            Assert.Equal(lines(graph, pairs).ToList(), run.HostLines.Where(l => !l.StartsWith("What if:", StringComparison.Ordinal) || l.Contains("once it exists", StringComparison.Ordinal)).ToList());
        }

        Assert.DoesNotContain(graph.Requests, r => r.Body.Contains("isGlobalScript", StringComparison.Ordinal) || r.Body.Contains("highestAvailableVersion", StringComparison.Ordinal));
        scenario.Check?.Invoke(graph, pairs);
    }

    [Fact]
    public void Publish_SignedPackage_SendsTheSignedBytesWithSignatureCheck()
    {
        var folder = Path.Combine(Signing.SignedDemo.Folder, "PS1");
        var under = new PackageUnderTest("signed-PS1", "PS1", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal));
        var pairs = IntunePair.Of(under);
        FakeGraph? graph = null;
        var run = ScriptScenarioTest.Run(under, Publish, w => graph = w.Graph);

        Assert.False(run.Threw, run.ToString());
        Assert.Equal(pairs.Count, graph!.Requests.Count(r => r.Method == "POST"));
        foreach (var (request, pair) in graph.Requests.Skip(1).Zip(pairs))
        {
            var sent = request.BodyJson["detectionScriptContent"]!.GetValue<string>();
            Assert.Equal(pair.Body["detectionScriptContent"]!.GetValue<string>(), sent);
            Assert.Contains("# SIG # Begin signature block", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(sent)), StringComparison.Ordinal);
            Assert.True(request.BodyJson["enforceSignatureCheck"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void Gate_ChecksGraphCmdletsAgainstTheirReference()
    {
        const string Script = "Connect-MgGraph -Scopes 'DeviceManagementScripts.ReadWrite.All' -NoWelcome\n" +
            "Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/beta/x' -SkipHttpErrorCheck -StatusCodeVariable 's'\n" +
            "Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/beta/x' -AsHashtable\n";

        Assert.Equal(
            ["t.ps1:3: Parameter: Invoke-MgGraphRequest has no parameter -AsHashtable in Windows PowerShell 5.1"],
            PowerShell.WindowsPowerShell51Gate.Check(Script, "t.ps1").Select(v => v.ToString()));
    }

    private static JsonObject Assignment(string group) => new()
    {
        ["id"] = "existing-" + group,
        ["target"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = group },
        ["runRemediationScript"] = true,
        ["runSchedule"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.deviceHealthScriptDailySchedule", ["interval"] = 2, ["time"] = "18:00:00", ["useUtc"] = false },
    };

    private static JsonObject StripId(JsonObject assignment)
    {
        assignment.Remove("id");
        return assignment;
    }
}
