using System.Management.Automation.Language;
using System.Text;

namespace RemediationGen.Templates;

/// <summary>
/// The second line of defence behind <see cref="TemplateSafetyRule"/>, proven by PowerShell's own parser: a .ps1
/// template is rendered with marker values once per branch choice (<see cref="TemplateBranches"/>), so every branch is
/// rendered whether a run would take it or not, and each marker must land whole inside one single-quoted string
/// constant, or an expression built only from such constants, <c>+</c> and <c>[char]</c> casts (the shape
/// <see cref="PowerShellLiteral"/> writes), or in a <c>#</c> line comment. A marker inside a double-quoted string, a
/// here-string, or bare as code is refused with the template line that wrote it. Loads System.Management.Automation,
/// so it runs only where it is needed: on <c>--templates</c> overrides at load, and on every built-in in the tests.
/// </summary>
internal static class ScriptMarkerCheck
{
    /// <summary>
    /// Throws <see cref="RemediationGenException"/> (invalid input) at the first misplaced marker or parse error;
    /// returns how many markers were found in place, over all branch choices.
    /// </summary>
    public static int Check(TemplateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Output != TemplateOutput.PowerShell)
        {
            return 0;
        }

        var checkedMarkers = 0;
        var page = source.Parsed.Page!;
        var conditions = TemplateBranches.Conditions(page);
        foreach (var choice in TemplateBranches.Choices(page))
        {
            var rendering = new MarkerRendering();
            string text;
            try
            {
                text = rendering.Render(source, choice, conditions);
            }
            catch (Scriban.Syntax.ScriptRuntimeException ex)
            {
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"Template '{source.DisplayName}' line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}: it cannot be rendered with marker values: {ex.OriginalMessage}",
                    ex);
            }

            var ast = Parser.ParseInput(text, out var tokens, out var errors);
            var (problem, inPlace) = FindMisplacedMarker(text, ast, tokens);
            checkedMarkers += inPlace;
            if (problem is { } found)
            {
                var site = rendering.Sites[found.Site];
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"Template '{source.DisplayName}' line {site.Start.Line + 1}, column {site.Start.Column + 1}: the value written here lands {found.Where}; a value may only be a whole single-quoted literal, as {{{{ ps value }}}} writes it.");
            }

            if (errors.Length > 0)
            {
                throw new RemediationGenException(ErrorKind.InvalidInput, $"Template '{source.DisplayName}': rendered on its own it does not parse as PowerShell: {errors[0].Message} (rendered line {errors[0].Extent.StartLineNumber}); a template must be complete statements, so it cannot open a string or comment that the next template would be read inside.");
            }
        }

        return checkedMarkers;
    }

    /// <summary>The first marker not inside a complete literal or a line comment, and where it landed.</summary>
    private static ((int Site, string Where)? Problem, int InPlace) FindMisplacedMarker(string script, Ast ast, Token[] tokens)
    {
        var literals = Literals(ast);
        var inPlace = 0;
        for (var index = MarkerRendering.IndexOfStem(script, 0); index >= 0; index = MarkerRendering.IndexOfStem(script, index + 1))
        {
            if (!MarkerRendering.TryParseSite(script, index, out var site))
            {
                continue;
            }

            var whole = MarkerRendering.ValueOf(site);
            var inLiteral = literals.Any(l => l.Start <= index && index < l.End && l.Value.Contains(whole, StringComparison.Ordinal));
            if (inLiteral || InLineComment(tokens, index, script))
            {
                inPlace++;
                continue;
            }

            return ((site, Describe(tokens, index)), inPlace);
        }

        return (null, inPlace);
    }

    private static bool InLineComment(Token[] tokens, int index, string script) =>
        tokens.Any(t => t.Kind == TokenKind.Comment
            && t.Extent.StartOffset <= index && index < t.Extent.EndOffset
            && t.Text.StartsWith('#')
            && !t.Text.StartsWith("#requires", StringComparison.OrdinalIgnoreCase)
            && LiteralInComment(script, index));

    /// <summary>In a comment the helper's literal is still whole: its quotes open right before the stem.</summary>
    private static bool LiteralInComment(string script, int index) => index > 0 && script[index - 1] == '\'';

    private static string Describe(Token[] tokens, int index)
    {
        var token = tokens.FirstOrDefault(t => t.Extent.StartOffset <= index && index < t.Extent.EndOffset);
        return token?.Kind switch
        {
            TokenKind.StringExpandable => "inside a double-quoted string, where PowerShell runs $(...)",
            TokenKind.HereStringExpandable => "inside a double-quoted here-string, where PowerShell runs $(...)",
            TokenKind.HereStringLiteral => "inside a here-string, which a value can end",
            TokenKind.Comment => "in a comment as raw text, which a line break in a value would leave",
            TokenKind.StringLiteral => "split across a single-quoted string",
            _ => "as code",
        };
    }

    private sealed record Literal(int Start, int End, string Value);

    /// <summary>Every complete literal: a single-quoted constant, or ( constants + [char]0xNNNN ... ).</summary>
    private static List<Literal> Literals(Ast ast)
    {
        var literals = new List<Literal>();
        foreach (var node in ast.FindAll(a => a is StringConstantExpressionAst or ParenExpressionAst, searchNestedScriptBlocks: true))
        {
            if (node is StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted } constant)
            {
                literals.Add(new Literal(constant.Extent.StartOffset, constant.Extent.EndOffset, constant.Value));
            }
            else if (node is ParenExpressionAst { Pipeline: PipelineAst { PipelineElements: [CommandExpressionAst { Redirections.Count: 0 } command] } } paren
                && Concatenation(command.Expression) is { } value)
            {
                literals.Add(new Literal(paren.Extent.StartOffset, paren.Extent.EndOffset, value));
            }
        }

        return literals;
    }

    /// <summary>The text of <c>'a' + [char]0x2018 + ...</c>, or null when the expression is anything else.</summary>
    private static string? Concatenation(ExpressionAst expression)
    {
        switch (expression)
        {
            case StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted } constant:
                return constant.Value;
            case ConvertExpressionAst { Type.TypeName.FullName: "char", Child: ConstantExpressionAst { Value: int code } } when code is >= 0 and <= 0xFFFF:
                return ((char)code).ToString();
            case BinaryExpressionAst { Operator: TokenKind.Plus } binary:
                var left = Concatenation(binary.Left);
                var right = Concatenation(binary.Right);
                return left is null || right is null ? null : new StringBuilder(left).Append(right).ToString();
            default:
                return null;
        }
    }
}
