using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace RemediationGen.Templates;

/// <summary>
/// Finds templates: the user's folder first (<c>--templates DIR</c>, same relative names), then the defaults embedded
/// from <c>templates/</c>. A file in the user's folder that matches no default is an error, so a misspelt override
/// never goes unnoticed. Templates must be 7-bit ASCII and may not use <c>{{{ }}}</c> or <c>{{&amp; }}</c>, which
/// would bypass the literal helpers. Safe to use from several threads.
/// </summary>
public sealed class TemplateCatalog
{
    public const string EmbeddedOrigin = "embedded";
    private const string ResourcePrefix = "templates/";
    private const string Extension = ".hbs";

    private readonly Assembly _assembly;
    private readonly Dictionary<string, string> _embeddedResources;
    private readonly Dictionary<string, string> _userFiles;
    // Loading is deterministic, so two threads racing to load one template publish equal results: either may win.
    private readonly ConcurrentDictionary<string, TemplateSource> _loaded = new(StringComparer.Ordinal);

    private TemplateCatalog(Assembly assembly, Dictionary<string, string> embeddedResources, Dictionary<string, string> userFiles)
    {
        _assembly = assembly;
        _embeddedResources = embeddedResources;
        _userFiles = userFiles;
    }

    /// <summary>Every template name the tool knows, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _embeddedResources.Keys.Order(StringComparer.Ordinal)];

    /// <summary>True when a template folder overrides at least one default.</summary>
    public bool HasUserOverrides => _userFiles.Count > 0;

    /// <summary>The embedded defaults only.</summary>
    public static TemplateCatalog Embedded() => Create(userDirectory: null);

    /// <summary>The embedded defaults, overridden file by file from <paramref name="userDirectory"/> when given.</summary>
    public static TemplateCatalog Create(string? userDirectory)
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        var embedded = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..^Extension.Length], n => n, StringComparer.Ordinal);
        var user = userDirectory is null ? [] : FindUserTemplates(userDirectory, embedded);
        return new TemplateCatalog(assembly, embedded, user);
    }

    public TemplateSource Get(string name)
    {
        if (_loaded.TryGetValue(name, out var cached))
        {
            return cached;
        }

        TemplateSource source;
        if (_userFiles.TryGetValue(name, out var path))
        {
            source = Load(name, ReadUserFile(path), path);
        }
        else if (_embeddedResources.TryGetValue(name, out var resource))
        {
            using var stream = _assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            source = Load(name, reader.ReadToEnd(), EmbeddedOrigin);
        }
        else
        {
            throw new InvalidOperationException($"No template named '{name}' is embedded; this is a bug in RemediationGen.");
        }

        return _loaded.GetOrAdd(name, source);
    }

    private static TemplateSource Load(string name, string text, string origin)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var where = origin == EmbeddedOrigin ? $"template '{name}'" : $"template '{origin}'";
        var (line, column) = FindFirst(normalized, c => c > '~' || (c < ' ' && c is not '\n' and not '\t'));
        if (line > 0)
        {
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"{where} line {line}, column {column}: templates must be 7-bit ASCII (write other characters with [char] codes).");
        }

        foreach (var bypass in new[] { "{{{", "{{&", "{{~{", "{{~&" })
        {
            var index = normalized.IndexOf(bypass, StringComparison.Ordinal);
            if (index >= 0)
            {
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"{where} line {LineOf(normalized, index)}: '{bypass}' writes a value without escaping; use {{{{ps value}}}} in scripts or {{{{md value}}}} in Markdown.");
            }
        }

        if (name.EndsWith(".ps1", StringComparison.Ordinal))
        {
            CheckBlockComments(normalized, where);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        return new TemplateSource(name, normalized, origin, hash);
    }

    /// <summary>
    /// A literal can hold <c>#&gt;</c>, which would end a block comment and turn the rest into code: values may only
    /// appear in line comments, which a literal (it never holds a line break) cannot leave.
    /// </summary>
    private static void CheckBlockComments(string text, string where)
    {
        var start = text.IndexOf("<#", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf("#>", start + 2, StringComparison.Ordinal);
            var comment = end < 0 ? text[start..] : text[start..end];
            var value = comment.IndexOf("{{", StringComparison.Ordinal);
            if (value >= 0)
            {
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"{where} line {LineOf(text, start + value)}: a value inside a <# #> block comment could end the comment; put values in # line comments.");
            }

            start = end < 0 ? -1 : text.IndexOf("<#", end + 2, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> FindUserTemplates(string directory, Dictionary<string, string> embedded)
    {
        if (!Directory.Exists(directory))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Template folder '{directory}' does not exist.");
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
            var name = relative[..^Extension.Length];
            if (!embedded.ContainsKey(name))
            {
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"Template '{path}' does not override any built-in template. Known names: {string.Join(", ", embedded.Keys.Order(StringComparer.Ordinal).Select(n => n + Extension))}.");
            }

            found[name] = path;
        }

        return found;
    }

    private static string ReadUserFile(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Template '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    private static (int Line, int Column) FindFirst(string text, Func<char, bool> predicate)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (predicate(text[i]))
            {
                var lineStart = text.LastIndexOf('\n', Math.Max(0, i - 1)) + 1;
                return (LineOf(text, i), i - lineStart + 1);
            }
        }

        return (0, 0);
    }

    internal static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
