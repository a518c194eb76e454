using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RemediationGen.Templates;

/// <summary>
/// The three helpers, the only way a value reaches output: <c>ps</c> writes a complete PowerShell literal, <c>md</c>
/// inline Markdown text, <c>inf</c> a value checked for a quoted INF string. A template gets only its own type's helper.
/// </summary>
internal static class TemplateHelpers
{
    public static IScriptCustomFunction For(TemplateOutput output) => output switch
    {
        TemplateOutput.PowerShell => new Helper("ps", (_, value) => PowerShellLiteral.From(value), acceptsLists: true),
        TemplateOutput.Markdown => new Helper("md", Markdown, acceptsLists: false),
        _ => new Helper("inf", (_, value) => InfValue(value), acceptsLists: false),
    };

    /// <summary>
    /// Inline text, or literal text where the template opened a code span on this line (a path in backticks): there a
    /// backslash escape would show as written, doubling every backslash of a UNC path.
    /// </summary>
    private static string Markdown(TemplateContext context, object? value)
    {
        if (context.Output is StringBuilderOutput { Builder: var written })
        {
            var lineStart = LineStart(written);
            var line = written.ToString(lineStart, written.Length - lineStart);
            if (MarkdownText.IsInCodeSpan(line))
            {
                return MarkdownText.CodeSpan(Text(value), inTableRow: line.StartsWith('|'));
            }
        }

        return MarkdownText.Escape(Text(value));
    }

    private static int LineStart(System.Text.StringBuilder written)
    {
        for (var i = written.Length - 1; i >= 0; i--)
        {
            if (written[i] == '\n')
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>
    /// A value inside a quoted string of an INF file (certreq): it may not hold a quote, a line break or anything
    /// outside printable ASCII. Models validate such values first; this refuses anything that slipped through.
    /// </summary>
    private static string InfValue(object? value)
    {
        var text = Text(value);
        return text.All(c => c is >= ' ' and <= '~' and not '"')
            ? text
            : throw new ArgumentException($"{{{{ inf }}}} refuses '{PrintableText.Escape(text)}': INF values may hold printable ASCII without quotes only.");
    }

    private sealed class Helper(string name, Func<TemplateContext, object?, string> write, bool acceptsLists) : IScriptCustomFunction
    {
        public int RequiredParameterCount => 1;

        public int ParameterCount => 1;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(string);

        public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        {
            if (arguments.Count != 1)
            {
                throw new ScriptRuntimeException(Where(callerContext), $"{{{{ {name} }}}} takes exactly one value, got {arguments.Count}.");
            }

            var value = arguments[0];
            var refused = value switch
            {
                ScriptObject or IScriptCustomFunction => "an object",
                ScriptArray when !acceptsLists => "a list",
                ScriptArray items when items.Any(i => i is ScriptObject or ScriptArray) => "a list of objects or lists",
                _ => null,
            };
            if (refused is not null)
            {
                throw new ScriptRuntimeException(
                    Where(callerContext),
                    $"{{{{ {name} }}}} takes a string, number or bool{(acceptsLists ? " or a list of them" : string.Empty)}, not {refused}.");
            }

            try
            {
                return write(context, value);
            }
            catch (ArgumentException ex)
            {
                throw new ScriptRuntimeException(Where(callerContext), ex.Message);
            }
        }

        private static Scriban.Parsing.SourceSpan Where(ScriptNode? node) => node?.Span ?? default;

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
    }
}
