using System.Security;
using Microsoft.Win32;

namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>
/// HKEY_LOCAL_MACHINE in its two views. A 32-bit host that opens the default view sees the 32-bit one, so a script
/// that forgets the explicit 64-bit view reads the wrong value here as on Windows.
/// </summary>
public sealed class FakeRegistry
{
    private readonly Dictionary<(RegistryView View, string Path), Dictionary<string, (object Data, RegistryValueKind Kind)>> _keys = [];

    /// <summary>Keys whose opening fails with "Requested registry access is not allowed.".</summary>
    public HashSet<string> DeniedKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static RegistryView Resolve(RegistryView view) => view == RegistryView.Default ? RegistryView.Registry32 : view;

    public void SetValue(RegistryView view, string keyPath, string name, object data, RegistryValueKind kind) =>
        EnsureKey(view, keyPath)[name] = (data, kind);

    public (object Data, RegistryValueKind Kind)? GetValue(RegistryView view, string keyPath, string name) =>
        _keys.TryGetValue((Resolve(view), Normalize(keyPath)), out var values) && values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Deletes a key and its subkeys in one view.</summary>
    public void DeleteKey(RegistryView view, string keyPath)
    {
        var path = Normalize(keyPath);
        foreach (var key in _keys.Keys.Where(k => k.View == Resolve(view) && (k.Path == path || k.Path.StartsWith(path + @"", StringComparison.Ordinal))).ToList())
        {
            _keys.Remove(key);
        }
    }

    /// <summary>Makes this machine a distribution point and a management point of ConfigMgr (their registry keys).</summary>
    public void MarkSiteSystem()
    {
        EnsureKey(RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\DP");
        EnsureKey(RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\MP");
    }

    public bool KeyExists(RegistryView view, string keyPath) => _keys.ContainsKey((Resolve(view), Normalize(keyPath)));

    public Dictionary<string, (object Data, RegistryValueKind Kind)> EnsureKey(RegistryView view, string keyPath)
    {
        var path = Normalize(keyPath);
        var segments = path.Split('\\');
        for (var length = 1; length <= segments.Length; length++)
        {
            var parent = string.Join('\\', segments[..length]);
            _keys.TryAdd((Resolve(view), parent), new Dictionary<string, (object, RegistryValueKind)>(StringComparer.OrdinalIgnoreCase));
        }

        return _keys[(Resolve(view), path)];
    }

    internal Dictionary<string, (object Data, RegistryValueKind Kind)>? Open(RegistryView view, string keyPath)
    {
        var path = Normalize(keyPath);
        if (DeniedKeys.Contains(path))
        {
            throw new SecurityException("Requested registry access is not allowed.");
        }

        return _keys.TryGetValue((Resolve(view), path), out var values) ? values : null;
    }

    internal static string Normalize(string keyPath) => keyPath.Trim('\\').ToUpperInvariant();
}

/// <summary>
/// Stands in for <c>Microsoft.Win32.RegistryKey</c> (a type accelerator maps the name to it): the members the
/// scripts use, on <see cref="ScriptWorld.Current"/>'s registry.
/// </summary>
public sealed class FakeRegistryKey : IDisposable
{
    private readonly FakeRegistry _registry;
    private readonly RegistryView _view;
    private readonly string _path;
    private readonly bool _writable;

    private FakeRegistryKey(FakeRegistry registry, RegistryView view, string path, bool writable)
    {
        _registry = registry;
        _view = view;
        _path = path;
        _writable = writable;
    }

    public string Name => @"HKEY_LOCAL_MACHINE\" + _path;

    public RegistryView View => _view;

    public static FakeRegistryKey OpenBaseKey(RegistryHive hKey, RegistryView view)
    {
        if (hKey != RegistryHive.LocalMachine)
        {
            throw new NotSupportedException("Only HKEY_LOCAL_MACHINE is faked.");
        }

        ScriptWorld.Running.Record("[Microsoft.Win32.RegistryKey]::OpenBaseKey", new Dictionary<string, object?> { ["hKey"] = hKey.ToString(), ["view"] = view.ToString() }, whatIf: false);
        return new FakeRegistryKey(ScriptWorld.Running.Registry, view, string.Empty, writable: true);
    }

    public FakeRegistryKey? OpenSubKey(string name) => OpenSubKey(name, writable: false);

    public FakeRegistryKey? OpenSubKey(string name, bool writable)
    {
        var path = Combine(name);
        return _registry.Open(_view, path) is null ? null : new FakeRegistryKey(_registry, _view, path, writable);
    }

    public FakeRegistryKey CreateSubKey(string subkey)
    {
        var path = Combine(subkey);
        if (_registry.Open(_view, path) is null)
        {
            _registry.EnsureKey(_view, path);
        }

        return new FakeRegistryKey(_registry, _view, path, writable: true);
    }

    public string[] GetValueNames() => [.. Values().Keys];

    public RegistryValueKind GetValueKind(string? name) =>
        Values().TryGetValue(name ?? string.Empty, out var value) ? value.Kind : throw new IOException("The specified registry key does not exist.");

    public object? GetValue(string? name) => GetValue(name, null);

    public object? GetValue(string? name, object? defaultValue) =>
        Values().TryGetValue(name ?? string.Empty, out var value) ? Copy(value.Data) : defaultValue;

    public object? GetValue(string? name, object? defaultValue, RegistryValueOptions options) => GetValue(name, defaultValue);

    public void SetValue(string? name, object value) => SetValue(name, value, value is string[] ? RegistryValueKind.MultiString : RegistryValueKind.String);

    public void SetValue(string? name, object value, RegistryValueKind valueKind)
    {
        if (!_writable)
        {
            throw new UnauthorizedAccessException("Cannot write to the registry key.");
        }

        ScriptWorld.Running.Record("RegistryKey.SetValue", new Dictionary<string, object?> { ["Key"] = Name, ["Name"] = name, ["Value"] = value, ["Kind"] = valueKind.ToString() }, whatIf: false);
        _registry.SetValue(_view, _path, name ?? string.Empty, Copy(value), valueKind);
    }

    public void DeleteValue(string name)
    {
        ScriptWorld.Running.Record("RegistryKey.DeleteValue", new Dictionary<string, object?> { ["Key"] = Name, ["Name"] = name }, whatIf: false);
        Values().Remove(name);
    }

#pragma warning disable CA1822 // Instance members, as on the RegistryKey a script calls them on.
    public void Close()
    {
    }
#pragma warning restore CA1822

    public void Dispose()
    {
    }

    private static object Copy(object data) => data is string[] entries ? entries.ToArray() : data;

    private string Combine(string name) => _path.Length == 0 ? FakeRegistry.Normalize(name) : _path + @"\" + FakeRegistry.Normalize(name);

    private Dictionary<string, (object Data, RegistryValueKind Kind)> Values() =>
        _registry.Open(_view, _path) ?? throw new IOException("Illegal operation attempted on a registry key that has been marked for deletion.");
}
