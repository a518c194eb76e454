using System.Globalization;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RemediationGen.Templates;

/// <summary>
/// The one adapter over Scriban. Templates come parsed and checked from the catalog (<see cref="TemplateSafetyRule"/>);
/// each render gets a fresh, tight context: no built-in functions (so no <c>include</c>), strict variables (an unknown
/// name is an error naming template, line and column), no relaxed member access, loop and recursion limits, and as
/// globals only the model's members (<see cref="TemplateModel"/>) and the output type's one helper. Safe to use from
/// several threads: a parsed template is only read while rendering.
/// </summary>
internal sealed partial class TemplateRenderer(TemplateCatalog catalog)
{
    // Loops run only over the model's lists; the limit stops a runaway template without capping a large site.
    private const int LoopLimit = 1_000_000;
    private const int RecursionLimit = 16;

    public TemplateCatalog Catalog => catalog;

    /// <summary>
    /// Loads, parses and checks every template not loaded yet, in name order, until <paramref name="cancellationToken"/>
    /// says stop. A template's error is kept and thrown again by every later use of that template.
    /// </summary>
    public void CompileAll(CancellationToken cancellationToken = default)
    {
        foreach (var name in catalog.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            catalog.Get(name);
        }
    }

    /// <summary>Loads, parses and checks every template (ASCII, the safety rule), so a bad override fails before any output.</summary>
    public void LoadAll() => CompileAll();

    /// <summary>
    /// Renders <paramref name="template"/> with LF line endings; callers choose the file's final line endings. The
    /// reference's type ties the model to the template: another model does not compile.
    /// </summary>
    public string Render<TModel>(ITemplateRef<TModel> template, TModel model)
        where TModel : ITemplateModel
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        var source = catalog.Get(template.Name);
        var globals = TemplateModel.From(model);
        var helper = source.Output.HelperName();
        globals.SetValue(helper, TemplateHelpers.For(source.Output), readOnly: true);
        var context = new TemplateContextWithFalsyEmpties
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedTargetAccess = false,
            EnableRelaxedFunctionAccess = false,
            EnableRelaxedIndexerAccess = false,
            EnableNullIndexer = false,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursionLimit,
            ObjectRecursionLimit = RecursionLimit,
            TemplateLoader = null,
            MemberFilter = static _ => false,
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        try
        {
            return source.Parsed.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            var where = $"Template '{source.DisplayName}' line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}";
            var unknown = UnknownName().Match(ex.OriginalMessage);
            var message = unknown.Success
                ? $"'{unknown.Groups[1].Value}' is not defined. Defined here: {string.Join(", ", globals.Keys.Where(k => k != helper).Order(StringComparer.Ordinal))}."
                : ex.OriginalMessage;
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{where}: {message}", ex);
        }
    }

    [GeneratedRegex("^The variable or function `([^`]*)` was not found")]
    private static partial Regex UnknownName();

    /// <summary>Empty lists and strings, zero and null are false in a condition, so <c>{{ if Notes }}</c> means "has notes".</summary>
    private sealed class TemplateContextWithFalsyEmpties() : TemplateContext(new ScriptObject())
    {
        public override bool ToBool(Scriban.Parsing.SourceSpan span, object? value) => value switch
        {
            null => false,
            string text => text.Length > 0,
            System.Collections.ICollection collection => collection.Count > 0,
            int number => number != 0,
            long number => number != 0,
            _ => base.ToBool(span, value),
        };
    }
}
