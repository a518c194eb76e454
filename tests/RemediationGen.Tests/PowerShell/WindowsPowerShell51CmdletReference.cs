using System.Text.Json;

namespace RemediationGen.Tests.PowerShell;

/// <summary>One documented parameter: its .NET type name (null when the docs give none), aliases and parameter sets.</summary>
/// <param name="Sets">The parameter sets it belongs to; <see cref="WindowsPowerShell51CmdletReference.AllSets"/> means every set.</param>
public sealed record CmdletParameter(string Name, string? Type, IReadOnlyList<string> Aliases, IReadOnlyList<string> Sets)
{
    public bool IsSwitch => Type is "System.Management.Automation.SwitchParameter" or "SwitchParameter";

    public bool InEverySet => Sets.Count == 0 || Sets.Contains(WindowsPowerShell51CmdletReference.AllSets, StringComparer.Ordinal);
}

/// <summary>
/// The Windows PowerShell 5.1 / Windows Server 2016 cmdlets with their parameters, from Microsoft's reference docs
/// (tests/fixtures/reference/ps51-cmdlet-parameters.json). Lookups are case-insensitive, as in PowerShell.
/// </summary>
public sealed class WindowsPowerShell51CmdletReference
{
    /// <summary>The set name the reference gives a parameter that belongs to every parameter set.</summary>
    public const string AllSets = "(All)";

    private static readonly Lazy<WindowsPowerShell51CmdletReference> LazyDefault = new(() => Load(DefaultPath));

    private readonly Dictionary<string, IReadOnlyList<CmdletParameter>> _parametersByCmdlet;

    private WindowsPowerShell51CmdletReference(Dictionary<string, IReadOnlyList<CmdletParameter>> parametersByCmdlet) =>
        _parametersByCmdlet = parametersByCmdlet;

    public static string DefaultPath => Support.Repository.Fixtures("reference", "ps51-cmdlet-parameters.json");

    /// <summary>Connect-MgGraph and Invoke-MgGraphRequest (Microsoft.Graph.Authentication), for the publish and status scripts.</summary>
    public static string GraphPath => Support.Repository.Fixtures("reference", "graph-cmdlet-parameters.json");

    private static readonly Lazy<WindowsPowerShell51CmdletReference> LazyGraph = new(() => Load(GraphPath));

    /// <summary>The Microsoft.Graph.Authentication cmdlets the admin-workstation scripts call (graph-cmdlet-parameters.md).</summary>
    public static WindowsPowerShell51CmdletReference Graph => LazyGraph.Value;

    /// <summary>The reference loaded from the repository's fixture (once per test run).</summary>
    public static WindowsPowerShell51CmdletReference Default => LazyDefault.Value;

    public int CmdletCount => _parametersByCmdlet.Count;

    public static WindowsPowerShell51CmdletReference Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var parametersByCmdlet = new Dictionary<string, IReadOnlyList<CmdletParameter>>(StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in document.RootElement.EnumerateObject())
        {
            parametersByCmdlet[cmdlet.Name] = [.. cmdlet.Value.GetProperty("parameters").EnumerateObject().Select(parameter => new CmdletParameter(
                parameter.Name,
                parameter.Value.GetProperty("type").GetString(),
                Strings(parameter.Value.GetProperty("aliases")),
                Strings(parameter.Value.GetProperty("sets"))))];
        }

        return new WindowsPowerShell51CmdletReference(parametersByCmdlet);
    }

    /// <summary>The cmdlet's documented parameters, or null when 5.1 / Server 2016 has no such cmdlet.</summary>
    public IReadOnlyList<CmdletParameter>? ParametersOf(string cmdlet) =>
        _parametersByCmdlet.TryGetValue(cmdlet, out var parameters) ? parameters : null;

    private static string[] Strings(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray().Select(item => item.GetString() ?? string.Empty)] : [];
}
