using System.Collections.Concurrent;
using System.Text;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace RemediationGen.Templates;

/// <summary>
/// The one adapter over Handlebars.Net. Its instance is isolated (never the global one) and strict: an unknown
/// name is an error naming the template and line, and a plain <c>{{value}}</c> is refused at render time, so data
/// reaches output only through a named helper: <c>{{ps value}}</c> (a complete PowerShell literal) or
/// <c>{{md value}}</c> (inline Markdown text). Each template compiles once, on first use or ahead of it on another
/// thread (<see cref="CompileAll"/>), whichever comes first; Handlebars.Net compiles and renders safely on several
/// threads once its helpers are registered, which the constructor does.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly TemplateCatalog _catalog;
    private readonly IHandlebars _handlebars;
    private readonly ConcurrentDictionary<string, Lazy<HandlebarsTemplate<object, object>>> _compiled = new(StringComparer.Ordinal);

    public TemplateRenderer(TemplateCatalog catalog)
    {
        _catalog = catalog;
        _handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            TextEncoder = new RawOutputRefusal(),
            FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
        });
        _handlebars.RegisterHelper("ps", (output, _, arguments) =>
            output.WriteSafeString(PowerShellLiteral.From(SingleArgument("ps", arguments))));
        _handlebars.RegisterHelper("inf", (output, _, arguments) =>
            output.WriteSafeString(InfValue(SingleArgument("inf", arguments))));
        _handlebars.RegisterHelper("md", (output, _, arguments) =>
            output.WriteSafeString(MarkdownText.Escape(Convert.ToString(SingleArgument("md", arguments), System.Globalization.CultureInfo.InvariantCulture))));
    }

    public TemplateCatalog Catalog => _catalog;

    /// <summary>
    /// Compiles one small built-in template with a throwaway renderer. Handlebars.Net's first compile in a process costs
    /// about 90 ms of loading and compiling its own code whatever the template; an executable can pay that on another
    /// core while it parses its command line. Has no other effect.
    /// </summary>
    public static void WarmUp()
    {
        var renderer = new TemplateRenderer(TemplateCatalog.Embedded());
        renderer.Compile(renderer._catalog.Get("shared/configmgr-remediation.ps1"));
    }

    /// <summary>
    /// Compiles every template not compiled yet, in name order, until <paramref name="cancellationToken"/> says stop.
    /// Compiling is the slowest part of a small run, so a caller may do this on another core while facts and logs are
    /// read and rendering starts: a template that this has not reached yet is compiled by the render that needs it,
    /// and one it is compiling is waited for, never compiled twice. A template's compile error is kept and thrown again
    /// by every later use of that template.
    /// </summary>
    public void CompileAll(CancellationToken cancellationToken = default)
    {
        foreach (var name in _catalog.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Compile(_catalog.Get(name));
        }
    }

    /// <summary>Loads and checks every template's source (ASCII, no unescaped output) without compiling it.</summary>
    public void LoadAll()
    {
        foreach (var name in _catalog.Names)
        {
            _catalog.Get(name);
        }
    }

    /// <summary>Renders <paramref name="name"/> with LF line endings; callers choose the file's final line endings.</summary>
    public string Render(string name, object model)
    {
        var source = _catalog.Get(name);
        var template = Compile(source);
        try
        {
            return template(model, null);
        }
        catch (HandlebarsUndefinedBindingException ex)
        {
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"{Describe(source)}{LineHint(source, ex.MissingKey)}: '{ex.MissingKey}' is not defined. Defined here: {DescribeModel(model)}.",
                ex);
        }
        catch (RawOutputException ex)
        {
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"{Describe(source)}: a value was written without a helper ({ex.Snippet}); use {{{{ps value}}}} in scripts or {{{{md value}}}} in Markdown.",
                ex);
        }
        catch (HandlebarsException ex)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{Describe(source)}: {ex.Message}", ex);
        }
    }

    private HandlebarsTemplate<object, object> Compile(TemplateSource source) =>
        _compiled.GetOrAdd(
            source.Name,
            static (_, state) => new Lazy<HandlebarsTemplate<object, object>>(
                () => state.Renderer.CompileNow(state.Source),
                LazyThreadSafetyMode.ExecutionAndPublication),
            (Renderer: this, Source: source)).Value;

    private HandlebarsTemplate<object, object> CompileNow(TemplateSource source)
    {
        try
        {
            return _handlebars.Compile(source.Text);
        }
        catch (HandlebarsException ex)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{Describe(source)}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A value inside a quoted string of an INF file (certreq): it may not hold a quote, a line break or anything
    /// outside printable ASCII. Models validate such values first; this refuses anything that slipped through.
    /// </summary>
    private static string InfValue(object? value)
    {
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        return text.All(c => c is >= ' ' and <= '~' and not '"')
            ? text
            : throw new HandlebarsException($"{{{{inf}}}} refuses '{PrintableText.Escape(text)}': INF values may hold printable ASCII without quotes only.");
    }

    private static object? SingleArgument(string helper, Arguments arguments)
    {
        if (arguments.Length != 1)
        {
            throw new HandlebarsException($"{{{{{helper}}}}} takes exactly one value, got {arguments.Length}.");
        }

        return arguments[0] is UndefinedBindingResult undefined
            ? throw new HandlebarsUndefinedBindingException(undefined.Value, undefined)
            : arguments[0];
    }

    private static string Describe(TemplateSource source) =>
        source.IsUserOverride ? $"Template '{source.Origin}'" : $"Template '{source.Name}.hbs'";

    /// <summary>Handlebars does not report positions: point at the first line that mentions the missing name.</summary>
    private static string LineHint(TemplateSource source, string missingKey)
    {
        var lines = source.Text.Split('\n');
        var key = missingKey.Split('.')[^1];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var open = line.IndexOf("{{", StringComparison.Ordinal);
            if (open >= 0 && line.IndexOf(key, open, StringComparison.Ordinal) >= 0)
            {
                return $" line {i + 1}";
            }
        }

        return string.Empty;
    }

    private static string DescribeModel(object model) =>
        string.Join(", ", model.GetType().GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));

    private sealed class RawOutputRefusal : ITextEncoder
    {
        public void Encode(StringBuilder? text, TextWriter target) => throw new RawOutputException(text?.ToString() ?? string.Empty);

        public void Encode(string? text, TextWriter target) => throw new RawOutputException(text ?? string.Empty);

        public void Encode<T>(T? text, TextWriter target)
            where T : IEnumerator<char>
        {
            var builder = new StringBuilder();
            while (text is not null && text.MoveNext() && builder.Length < 40)
            {
                builder.Append(text.Current);
            }

            throw new RawOutputException(builder.ToString());
        }
    }

    private sealed class RawOutputException(string value)
        : Exception("A value was written without a helper.")
    {
        public string Snippet { get; } = value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}...'";
    }
}
