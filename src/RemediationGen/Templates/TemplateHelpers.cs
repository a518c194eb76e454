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
        TemplateOutput.PowerShell => new Helper("ps", PowerShellLiteral.From, acceptsLists: true),
        TemplateOutput.Markdown => new Helper("md", value => MarkdownText.Escape(Text(value)), acceptsLists: false),
        _ => new Helper("inf", InfValue, acceptsLists: false),
    };

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

    private sealed class Helper(string name, Func<object?, string> write, bool acceptsLists) : IScriptCustomFunction
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
                return write(value);
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
