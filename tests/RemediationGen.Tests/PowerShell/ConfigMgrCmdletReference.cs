using System.Text.Json;

namespace RemediationGen.Tests.PowerShell;

/// <summary>
/// Every ConfigurationManager cmdlet with the parameter names and aliases its official reference documents
/// (tests/fixtures/reference/cm-cmdlet-parameters.json). Each list also holds some accepted-value words, so it is a
/// superset: a name missing from it is certainly not a parameter. Lookups are case-insensitive, as in PowerShell.
/// </summary>
public sealed class ConfigMgrCmdletReference
{
    private static readonly Lazy<ConfigMgrCmdletReference> LazyDefault = new(() => Load(DefaultPath));

    private readonly Dictionary<string, HashSet<string>> _parametersByCmdlet;
    private readonly Dictionary<string, string[]> _namesInDocumentedOrder;

    private ConfigMgrCmdletReference(Dictionary<string, HashSet<string>> parametersByCmdlet, Dictionary<string, string[]> namesInDocumentedOrder)
    {
        _parametersByCmdlet = parametersByCmdlet;
        _namesInDocumentedOrder = namesInDocumentedOrder;
    }

    public static string DefaultPath => Support.Repository.Fixtures("reference", "cm-cmdlet-parameters.json");

    /// <summary>The reference loaded from the repository's fixture (once per test run).</summary>
    public static ConfigMgrCmdletReference Default => LazyDefault.Value;

    public int CmdletCount => _parametersByCmdlet.Count;

    public static ConfigMgrCmdletReference Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var parametersByCmdlet = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        var namesInDocumentedOrder = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in document.RootElement.EnumerateObject())
        {
            string[] names = [.. cmdlet.Value.EnumerateArray().Select(parameter => parameter.GetString() ?? string.Empty)];
            namesInDocumentedOrder[cmdlet.Name] = names;
            parametersByCmdlet[cmdlet.Name] = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        }

        return new ConfigMgrCmdletReference(parametersByCmdlet, namesInDocumentedOrder);
    }

    public bool IsKnownCmdlet(string name) => _parametersByCmdlet.ContainsKey(name);

    /// <summary>The documented names (a superset, see the class summary), or null for an unknown cmdlet.</summary>
    public IReadOnlySet<string>? ParametersOf(string cmdlet) =>
        _parametersByCmdlet.TryGetValue(cmdlet, out var parameters) ? parameters : null;

    /// <summary>The documented names in the reference's order (the script harness's doubles declare them so), or null for an unknown cmdlet.</summary>
    public IReadOnlyList<string>? NamesInDocumentedOrder(string cmdlet) =>
        _namesInDocumentedOrder.TryGetValue(cmdlet, out var names) ? names : null;

    /// <summary>True when <paramref name="parameter"/> (without '-') is documented for <paramref name="cmdlet"/>.</summary>
    public bool IsKnownParameter(string cmdlet, string parameter) =>
        _parametersByCmdlet.TryGetValue(cmdlet, out var parameters) && parameters.Contains(parameter);
}
