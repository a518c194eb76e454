using System.Collections;
using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RemediationGen.Templates;

/// <summary>
/// Rendering with marker values, for <see cref="ScriptMarkerCheck"/>: every name and member the template reads exists
/// and is a marker; each loop runs once; each <c>if</c> takes the outcome a branch choice gives it. The helper writes a
/// marker named after its own call site (<c>RGMARK0003Q</c>, with a quote and a non-ASCII character so the literal has
/// its full shape); anything else a template writes becomes that site's marker twice, on two lines, bare.
/// </summary>
internal sealed class MarkerRendering
{
    private const string Stem = "RGMARK";
    private readonly List<SourceSpan> _sites = [];

    /// <summary>Where each marker was written in the template: index = marker number.</summary>
    public IReadOnlyList<SourceSpan> Sites => _sites;

    public static string StemOf(int site) => FormattableString.Invariant($"{Stem}{site:D4}Q");

    /// <summary>The value the helper is given: the stem, a quote and U+2018, PowerShell's other single quote.</summary>
    public static string ValueOf(int site) => StemOf(site) + "'\u2018";

    public static bool TryParseSite(string text, int index, out int site)
    {
        site = -1;
        return index + Stem.Length + 5 <= text.Length
            && text[index + Stem.Length + 4] == 'Q'
            && int.TryParse(text.AsSpan(index + Stem.Length, 4), NumberStyles.None, CultureInfo.InvariantCulture, out site);
    }

    public static int IndexOfStem(string text, int start) => text.IndexOf(Stem, start, StringComparison.Ordinal);

    public string Render(TemplateSource source, IReadOnlyDictionary<ScriptExpression, bool> choice, HashSet<ScriptExpression> conditions)
    {
        var context = new MarkerContext(this, choice, conditions)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 1000,
            RecursiveLimit = 16,
            TemplateLoader = null,
            MemberFilter = static _ => false,
        };
        context.PushGlobal(new MarkerObject(string.Empty, new MarkerHelper(this, source.Output), source.Output.HelperName()));
        return source.Parsed.Render(context);
    }

    private int NewSite(SourceSpan span)
    {
        lock (_sites)
        {
            _sites.Add(span);
            return _sites.Count - 1;
        }
    }

    /// <summary>What the helper returns in marker mode: the only value written as it is.</summary>
    private sealed record HelperText(string Text)
    {
        public override string ToString() => Text;
    }

    private sealed class MarkerContext(MarkerRendering rendering, IReadOnlyDictionary<ScriptExpression, bool> choice, HashSet<ScriptExpression> conditions)
        : TemplateContext(new ScriptObject())
    {
        // Scriban hands Write the span of the enclosing block; the expression being written is more useful in a message.
        private SourceSpan _writing;

        public override object? Evaluate(ScriptNode? node, bool aliasReturnedFunction)
        {
            if (node is ScriptExpression expression && conditions.Contains(expression))
            {
                return !choice.TryGetValue(expression, out var outcome) || outcome;
            }

            if (node is ScriptExpressionStatement { Expression: { } written })
            {
                _writing = written.Span;
            }

            return base.Evaluate(node, aliasReturnedFunction);
        }

        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is HelperText helper)
            {
                return base.Write(span, helper.Text);
            }

            var stem = StemOf(rendering.NewSite(_writing));
            return base.Write(span, $"{stem}\n{stem}");
        }
    }

    private sealed class MarkerHelper(MarkerRendering rendering, TemplateOutput output) : IScriptCustomFunction
    {
        public int RequiredParameterCount => 1;

        public int ParameterCount => 1;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(object);

        public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        {
            var value = ValueOf(rendering.NewSite(callerContext?.Span ?? default));
            return new HelperText(output == TemplateOutput.PowerShell ? PowerShellLiteral.From(value) : value);
        }

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
    }

    /// <summary>Any name, member or list item: it has every member, and as a list holds one item.</summary>
    private sealed class MarkerObject(string path, IScriptCustomFunction? helper = null, string? helperName = null) : IScriptObject, IEnumerable
    {
        public int Count => 0;

        public bool IsReadOnly { get; set; } = true;

        public IEnumerable<string> GetMembers() => [];

        public bool Contains(string member) => true;

        public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
        {
            value = helper is not null && member == helperName ? helper : new MarkerObject(path.Length == 0 ? member : $"{path}.{member}");
            return true;
        }

        public bool CanWrite(string member) => false;

        public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;

        public bool Remove(string member) => false;

        public void SetReadOnly(string member, bool readOnly)
        {
        }

        public IScriptObject Clone(bool deep) => this;

        public IEnumerator GetEnumerator()
        {
            yield return new MarkerObject(path + "[0]");
        }

        public override string ToString() => path;
    }
}
