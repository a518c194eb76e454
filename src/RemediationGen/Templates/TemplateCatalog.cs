using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Scriban;
using Scriban.Parsing;

namespace RemediationGen.Templates;

/// <summary>
/// Finds templates: the user's folder first (<c>--templates DIR</c>, same relative names), then the defaults embedded
/// from <c>templates/</c>. A file in the user's folder that matches no default is an error, so a misspelt override
/// never goes unnoticed, and so is a file under a Handlebars name (<c>.hbs</c>). Each template is read, parsed (Scriban)
/// and checked once, on first use (an embedded default once per process, a user's file once per catalog): 7-bit ASCII,
/// no value in a block comment, <see cref="TemplateSafetyRule"/> on its parse tree, and for a user's script template
/// <see cref="ScriptMarkerCheck"/>. Safe to use from several threads.
/// </summary>
internal sealed class TemplateCatalog
{
    public const string EmbeddedOrigin = "embedded";
    private const string ResourcePrefix = "templates/";
    public const string Extension = ".scriban";
    private const string HandlebarsExtension = ".hbs";

    private readonly Dictionary<string, EmbeddedTemplate> _embeddedResources;
    private readonly Dictionary<string, string> _userFiles;
    // One load per template, whichever thread asks first; a load error is kept and thrown to every later caller.
    private readonly ConcurrentDictionary<string, Lazy<TemplateSource>> _loaded = new(StringComparer.Ordinal);

    // The embedded defaults are the same for every catalog of the process: each is parsed and checked once, and
    // PreloadEmbedded can do that on another core while the command line is still being parsed. Names are unique across
    // the assemblies of one catalog (Create refuses a name embedded twice).
    private static readonly ConcurrentDictionary<string, Lazy<TemplateSource>> EmbeddedLoaded = new(StringComparer.Ordinal);

    private TemplateCatalog(Dictionary<string, EmbeddedTemplate> embeddedResources, Dictionary<string, string> userFiles)
    {
        _embeddedResources = embeddedResources;
        _userFiles = userFiles;
        Names = [.. embeddedResources.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every template name the tool knows, sorted (once: each package's input digest reads them).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True when a template folder overrides at least one default.</summary>
    public bool HasUserOverrides => _userFiles.Count > 0;

    /// <summary>The embedded defaults only.</summary>
    public static TemplateCatalog Embedded() => Create(userDirectory: null);

    /// <summary>The embedded defaults, overridden file by file from <paramref name="userDirectory"/> when given.</summary>
    public static TemplateCatalog Create(string? userDirectory) => Create(userDirectory, [typeof(TemplateCatalog).Assembly]);

    /// <summary>
    /// The templates embedded in <paramref name="assemblies"/> (resources named <c>templates/&lt;name&gt;.scriban</c>: the
    /// core's, and those of an assembly that brings its own problem), overridden file by file from <paramref name="userDirectory"/>.
    /// </summary>
    public static TemplateCatalog Create(string? userDirectory, IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var embedded = new Dictionary<string, EmbeddedTemplate>(StringComparer.Ordinal);
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal)))
            {
                var name = resource[ResourcePrefix.Length..^Extension.Length];
                if (!embedded.TryAdd(name, new EmbeddedTemplate(assembly, resource)))
                {
                    throw new InvalidOperationException($"Template '{name}' is embedded in both {embedded[name].Assembly.GetName().Name} and {assembly.GetName().Name}.");
                }
            }
        }

        var user = userDirectory is null ? [] : FindUserTemplates(userDirectory, embedded);
        return new TemplateCatalog(embedded, user);
    }

    public TemplateSource Get(string name)
    {
        if (_userFiles.TryGetValue(name, out var path))
        {
            return _loaded.GetOrAdd(
                name,
                static (key, path) => new Lazy<TemplateSource>(() => Load(key, ReadUserFile(path), path), LazyThreadSafetyMode.ExecutionAndPublication),
                path).Value;
        }

        if (_embeddedResources.TryGetValue(name, out var resource))
        {
            return GetEmbedded(name, resource);
        }

        throw new InvalidOperationException($"No template named '{name}' is embedded; this is a bug in RemediationGen.");
    }

    /// <summary>
    /// Loads, parses and checks every embedded template not loaded yet, last name first, so that a thread loading them
    /// in name order (<see cref="TemplateRenderer.LoadAll"/>) meets this one halfway instead of waiting on it template by template.
    /// </summary>
    public static void PreloadEmbedded(CancellationToken cancellationToken = default)
    {
        var catalog = Embedded();
        foreach (var name in catalog.Names.Reverse())
        {
            cancellationToken.ThrowIfCancellationRequested();
            GetEmbedded(name, catalog._embeddedResources[name]);
        }
    }

    private static TemplateSource GetEmbedded(string name, EmbeddedTemplate resource) =>
        EmbeddedLoaded.GetOrAdd(
            name,
            static (key, resource) => new Lazy<TemplateSource>(() => LoadEmbedded(key, resource), LazyThreadSafetyMode.ExecutionAndPublication),
            resource).Value;

    private static TemplateSource LoadEmbedded(string name, EmbeddedTemplate resource)
    {
        using var stream = resource.Assembly.GetManifestResourceStream(resource.Resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Load(name, reader.ReadToEnd(), EmbeddedOrigin);
    }

    private static TemplateSource Load(string name, string text, string origin)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var displayName = origin == EmbeddedOrigin ? name + Extension : origin;
        var where = $"Template '{displayName}'";
        var (line, column) = FindFirst(normalized, c => c > '~' || (c < ' ' && c is not '\n' and not '\t'));
        if (line > 0)
        {
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"{where} line {line}, column {column}: templates must be 7-bit ASCII (write other characters with [char] codes).");
        }

        if (name.EndsWith(".ps1", StringComparison.Ordinal))
        {
            CheckBlockComments(normalized, where);
        }

        var parsed = Template.Parse(normalized, displayName);
        if (parsed.HasErrors)
        {
            var error = parsed.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"{where} line {error.Span.Start.Line + 1}, column {error.Span.Start.Column + 1}: {error.Message}");
        }

        TemplateSafetyRule.Check(parsed.Page, TemplateOutputs.Of(name), displayName);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        var source = new TemplateSource(name, normalized, origin, hash, parsed);
        if (source.IsUserOverride)
        {
            // The built-ins pass this in the tests; only a user's template pays for loading the PowerShell parser.
            ScriptMarkerCheck.Check(source);
        }

        return source;
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

    private static Dictionary<string, string> FindUserTemplates(string directory, Dictionary<string, EmbeddedTemplate> embedded)
    {
        if (!Directory.Exists(directory))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Template folder '{directory}' does not exist.");
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(HandlebarsExtension, StringComparison.Ordinal))
            {
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"Template '{path}' has the old Handlebars name: templates are Scriban now; rename it to '{path[..^HandlebarsExtension.Length]}{Extension}' and port it (see README, Templates).");
            }

            if (!path.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

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

    private sealed record EmbeddedTemplate(Assembly Assembly, string Resource);
}
