using System.Text.Json;
using System.Text.Json.Nodes;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>One pair of a package as the publish and status scripts see it: its Intune name and Graph body.</summary>
public sealed record IntunePair(string Name, string DisplayName, JsonObject Body, bool HasRemediation)
{
    /// <summary>The package's pairs in the order the scripts list them (the manifest's order).</summary>
    public static IReadOnlyList<IntunePair> Of(PackageUnderTest package)
    {
        using var manifest = JsonDocument.Parse(package.Files["manifest.json"]);
        return [.. manifest.RootElement.GetProperty("pairs").EnumerateArray().Select(pair =>
        {
            var name = pair.GetProperty("name").GetString()!;
            return new IntunePair(
                name,
                pair.GetProperty("intuneDisplayName").GetString()!,
                JsonNode.Parse(package.Files[$"intune/{name}/deviceHealthScript.json"])!.AsObject(),
                package.Has($"intune/{name}/remediate.ps1"));
        })];
    }

    /// <summary>Puts this pair in the tenant exactly as the package would publish it.</summary>
    public FakeHealthScript AddTo(FakeGraph graph)
    {
        var body = Body.DeepClone().AsObject();
        return graph.Add(DisplayName, body);
    }

    public string ById(FakeGraph graph) => graph.Scripts.Single(s => s.Body["displayName"]!.GetValue<string>() == DisplayName).Id;
}
