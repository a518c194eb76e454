using System.Reflection;

namespace RemediationGen.Tests.PowerShell;

/// <summary>
/// The .NET surface Windows PowerShell 5.1 runs on, read as metadata: the .NET Framework 4.8 reference assemblies
/// (Microsoft.NETFramework.ReferenceAssemblies.net48) and System.Management.Automation 5.1
/// (PowerShellStandard.Library). Nothing is loaded to run; the context lives for the test process.
/// </summary>
public sealed class WindowsPowerShell51Types
{
    /// <summary>
    /// The assemblies a fresh powershell.exe 5.1 session has loaded before a script runs; a type elsewhere needs
    /// <c>Add-Type -AssemblyName</c> first (for example System.Web, System.Windows.Forms).
    /// </summary>
    public static readonly IReadOnlyList<string> LoadedByDefault =
    [
        "mscorlib", "System", "System.Core", "System.Management.Automation", "System.Xml", "System.Management",
        "System.DirectoryServices", "System.Configuration", "System.Configuration.Install", "System.Numerics",
        "System.Data", "System.Transactions", "Microsoft.CSharp",
    ];

    private static readonly Lazy<WindowsPowerShell51Types> LazyDefault = new(Create);

    private readonly MetadataLoadContext _context;
    private readonly Dictionary<string, string> _assemblyPaths;
    private readonly Dictionary<string, Assembly?> _assemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, Type>?> _typesByAssembly = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    private WindowsPowerShell51Types(MetadataLoadContext context, Dictionary<string, string> assemblyPaths)
    {
        _context = context;
        _assemblyPaths = assemblyPaths;
    }

    public static WindowsPowerShell51Types Default => LazyDefault.Value;

    /// <summary>Every assembly name the references hold (file name without extension).</summary>
    public IEnumerable<string> AssemblyNames => _assemblyPaths.Keys;

    /// <summary>
    /// The type with this full name (namespace-qualified; nested types with '+'; generic definitions with `n) in one
    /// of <paramref name="assemblies"/>, case-insensitive as PowerShell resolves names. Null when none holds it.
    /// </summary>
    public Type? Find(string fullName, IEnumerable<string> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var names = assemblies.ToList();
        return names.Select(name => FindExact(fullName, name)).FirstOrDefault(type => type is not null)
            ?? names.Select(name => TypesOf(name)?.GetValueOrDefault(fullName)).FirstOrDefault(type => type is not null);
    }

    private Type? FindExact(string fullName, string assemblyName)
    {
        try
        {
            return Assembly(assemblyName)?.GetType(fullName, throwOnError: false) is { } type && (type.IsPublic || type.IsNestedPublic) ? type : null;
        }
        catch (ArgumentException)
        {
            // Not a type name reflection can parse (the fuzz suite writes such names): no such type.
            return null;
        }
    }

    /// <summary>The public types of one assembly by full name, case-insensitive (MetadataLoadContext cannot ignore case itself).</summary>
    private Dictionary<string, Type>? TypesOf(string assemblyName)
    {
        lock (_gate)
        {
            if (!_typesByAssembly.TryGetValue(assemblyName, out var types))
            {
                types = Assembly(assemblyName)?.GetExportedTypes()
                    .Where(type => type.FullName is not null)
                    .DistinctBy(type => type.FullName, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(type => type.FullName!, StringComparer.OrdinalIgnoreCase);
                _typesByAssembly[assemblyName] = types;
            }

            return types;
        }
    }

    /// <summary>The name of a reference assembly outside <paramref name="excluded"/> that holds the type (exact case), if any.</summary>
    public string? AssemblyHolding(string fullName, IReadOnlySet<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        return _assemblyPaths.Keys.Where(name => !excluded.Contains(name)).Order(StringComparer.Ordinal)
            .FirstOrDefault(name => FindExact(fullName, name) is not null);
    }

    private Assembly? Assembly(string name)
    {
        lock (_gate)
        {
            if (!_assemblies.TryGetValue(name, out var assembly))
            {
                assembly = _assemblyPaths.TryGetValue(name, out var path) ? LoadOrNull(path) : null;
                _assemblies[name] = assembly;
            }

            return assembly;
        }
    }

    private Assembly? LoadOrNull(string path)
    {
        try
        {
            return _context.LoadFromAssemblyPath(path);
        }
        catch (Exception exception) when (exception is BadImageFormatException or InvalidOperationException)
        {
            // A native or metadata-only image among the reference files: it holds no types.
            return null;
        }
    }

    private static WindowsPowerShell51Types Create()
    {
        var framework = BuildPath("Net48ReferenceAssemblies", "build", ".NETFramework", "v4.8");
        var automation = BuildPath("PowerShellStandardLibrary", "lib", "net452", "System.Management.Automation.dll");
        var paths = Directory.EnumerateFiles(framework, "*.dll")
            .Concat(Directory.EnumerateFiles(Path.Combine(framework, "Facades"), "*.dll"))
            .Append(automation)
            .ToList();
        var assemblyPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            assemblyPaths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return new WindowsPowerShell51Types(new MetadataLoadContext(new PathAssemblyResolver(paths), "mscorlib"), assemblyPaths);
    }

    /// <summary>A path under a NuGet package folder the test build records (see RemediationGen.Tests.csproj).</summary>
    private static string BuildPath(string key, params string[] parts)
    {
        var root = typeof(WindowsPowerShell51Types).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value;
        if (string.IsNullOrEmpty(root))
        {
            throw new InvalidOperationException($"The test assembly does not record the package folder '{key}' (AssemblyMetadata in RemediationGen.Tests.csproj).");
        }

        var path = Path.Combine([root, .. parts]);
        return Directory.Exists(path) || File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The Windows PowerShell 5.1 reference '{path}' is missing: restore the test project.");
    }
}
