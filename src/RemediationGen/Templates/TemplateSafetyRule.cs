using Scriban.Syntax;

namespace RemediationGen.Templates;

/// <summary>
/// The load-time rule on a template's parse tree, checked in every branch whether a run takes it or not: template text,
/// <c>if</c>/<c>else</c>, <c>for</c> and <c>end</c>, and output that is exactly one call of the output type's helper
/// (<c>{{ ps value }}</c> in <c>.ps1</c>, <c>{{ md value }}</c> in <c>.md</c>, <c>{{ inf value }}</c> in <c>.inf</c>),
/// or a pipe ending in it. Everything else is refused with its line and column: a plain value, a member, a loop
/// variable, arithmetic, another helper, assignments, functions, captures, includes and every other statement.
/// Conditions may only read values (no call of any function); helper arguments and loop lists are a name, a member or
/// a literal.
/// </summary>
internal static class TemplateSafetyRule
{
    private static readonly string[] Helpers = ["ps", "md", "inf"];

    /// <summary>Throws <see cref="RemediationGenException"/> (invalid input) at the first node the rule refuses.</summary>
    public static void Check(ScriptPage? page, TemplateOutput output, string displayName)
    {
        var checker = new Checker(output, displayName);
        if (page is null)
        {
            return;
        }

        if (page.FrontMatter is not null)
        {
            checker.Refuse(page.FrontMatter, "front matter is not allowed");
        }

        if (page.Body is not null)
        {
            checker.Block(page.Body);
        }
    }

    private sealed class Checker(TemplateOutput output, string displayName)
    {
        private readonly string _helper = output.HelperName();

        public void Block(ScriptBlockStatement? block)
        {
            if (block is null)
            {
                return;
            }

            foreach (var statement in block.Statements)
            {
                Statement(statement);
            }
        }

        private void Statement(ScriptStatement statement)
        {
            switch (statement)
            {
                case ScriptRawStatement or ScriptNopStatement or ScriptEndStatement or ScriptEscapeStatement:
                    return;
                case ScriptBlockStatement block:
                    Block(block);
                    return;
                case ScriptIfStatement conditional:
                    ReadOnly(conditional.Condition, "an if condition");
                    Block(conditional.Then);
                    Branch(conditional.Else);
                    return;
                case ScriptElseStatement otherwise:
                    Block(otherwise.Body);
                    return;
                case ScriptForStatement loop when loop is not ScriptTableRowStatement:
                    if (loop.Variable is not ScriptVariable { Name: var loopName } || IsReserved(loopName) || loopName is "for" or "while")
                    {
                        Refuse((ScriptNode?)loop.Variable ?? loop, "a for loop needs a plain variable name that is not a helper's");
                    }

                    if (loop.NamedArguments is { Count: > 0 })
                    {
                        Refuse(loop, "for loop options (limit, offset, reversed) are not allowed");
                    }

                    if (loop.Else is not null)
                    {
                        Refuse(loop.Else, "for ... else is not allowed: test the list with if instead");
                    }

                    ValueReference(loop.Iterator, "a for loop's list");
                    Block(loop.Body);
                    return;
                case ScriptExpressionStatement { Expression: { } expression }:
                    Output(expression);
                    return;
                default:
                    Refuse(statement, $"'{Keyword(statement)}' is not allowed; templates may use text, if/else/end, for/end and {{{{ {_helper} value }}}}");
                    return;
            }
        }

        private void Branch(ScriptConditionStatement? branch)
        {
            if (branch is not null)
            {
                Statement(branch);
            }
        }

        /// <summary>Output must be <c>helper value</c>, <c>helper(value)</c> or <c>value | helper</c> with the output type's helper.</summary>
        private void Output(ScriptExpression expression)
        {
            switch (expression)
            {
                case ScriptFunctionCall { Target: ScriptVariableGlobal target } call when Helpers.Contains(target.Name):
                    CheckHelper(target);
                    if (call.Arguments.Count != 1)
                    {
                        Refuse(call, $"{{{{ {_helper} }}}} takes exactly one value, got {call.Arguments.Count}");
                    }

                    ValueReference(call.Arguments[0], $"the value given to {_helper}");
                    return;
                case ScriptPipeCall { To: ScriptFunctionCall { Target: ScriptVariableGlobal target, Arguments.Count: 0 } } pipe when Helpers.Contains(target.Name):
                    CheckHelper(target);
                    ValueReference(pipe.From, $"the value piped to {_helper}");
                    return;
                case ScriptAssignExpression assignment:
                    Refuse(assignment, "assignments are not allowed: templates only read the model");
                    return;
                case ScriptPipeCall pipe:
                    Refuse(pipe, $"a pipe must end in {_helper}: its result is written without escaping");
                    return;
                default:
                    Refuse(expression, $"{Describe(expression)} is written without escaping; write values only as {{{{ {_helper} value }}}} in {output.FileKind()} templates");
                    return;
            }
        }

        private void CheckHelper(ScriptVariableGlobal helper)
        {
            if (helper.Name != _helper)
            {
                Refuse(helper, $"{{{{ {helper.Name} }}}} is not the helper of {output.FileKind()} templates: use {{{{ {_helper} value }}}}, which writes {Literal()}");
            }
        }

        /// <summary>What a helper writes and a loop runs over: a name, a member of one, or a literal; nothing computed.</summary>
        private void ValueReference(ScriptExpression? expression, string where)
        {
            switch (expression)
            {
                case ScriptVariable variable when IsReserved(variable.Name):
                    Refuse(variable, $"{where} may not name the helper '{variable.Name}'");
                    return;
                case ScriptVariable or ScriptLiteral:
                    return;
                case ScriptMemberExpression member:
                    ValueReference(member.Target, where);
                    return;
                case null:
                    return;
                default:
                    Refuse(expression, $"{where} must be a name, a member or a literal ({Describe(expression)} is not allowed there)");
                    return;
            }
        }

        /// <summary>Conditions read values and call nothing.</summary>
        private void ReadOnly(ScriptExpression? expression, string where)
        {
            switch (expression)
            {
                case null:
                    return;
                case ScriptVariable variable when IsReserved(variable.Name):
                    Refuse(variable, $"{where} may not name the helper '{variable.Name}'");
                    return;
                case ScriptVariable or ScriptLiteral:
                    return;
                case ScriptMemberExpression member:
                    ReadOnly(member.Target, where);
                    return;
                case ScriptIndexerExpression indexer:
                    ReadOnly(indexer.Target, where);
                    ReadOnly(indexer.Index, where);
                    return;
                case ScriptNestedExpression nested:
                    ReadOnly(nested.Expression, where);
                    return;
                case ScriptUnaryExpression unary:
                    ReadOnly(unary.Right, where);
                    return;
                case ScriptBinaryExpression binary:
                    ReadOnly(binary.Left, where);
                    ReadOnly(binary.Right, where);
                    return;
                default:
                    Refuse(expression, $"{where} may only read values ({Describe(expression)} is not allowed there)");
                    return;
            }
        }

        private static bool IsReserved(string name) => Helpers.Contains(name);

        private string Literal() => output switch
        {
            TemplateOutput.PowerShell => "a complete PowerShell literal",
            TemplateOutput.Markdown => "Markdown-escaped text",
            _ => "a checked INF value",
        };

        public void Refuse(ScriptNode node, string reason) =>
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"Template '{displayName}' line {node.Span.Start.Line + 1}, column {node.Span.Start.Column + 1}: {reason}.");

        private static string Describe(ScriptExpression expression) => expression switch
        {
            ScriptFunctionCall => "a function call",
            ScriptMemberExpression { Target: ScriptVariable { Name: "for" or "while" or "tablerow" } } => "a loop variable",
            ScriptMemberExpression => "a member access",
            ScriptVariable { Name: "for" or "while" or "tablerow" } => "a loop variable",
            ScriptVariable variable => $"the plain value '{variable.Name}'",
            ScriptLiteral { Value: bool } => "a bool",
            ScriptLiteral { Value: string } => "a string",
            ScriptLiteral => "a number",
            ScriptBinaryExpression => "an arithmetic or comparison result",
            ScriptUnaryExpression => "an operator's result",
            ScriptAssignExpression => "an assignment",
            ScriptIndexerExpression => "an indexer",
            ScriptNestedExpression => "a parenthesized expression",
            _ => $"a {expression.GetType().Name.Replace("Script", string.Empty, StringComparison.Ordinal)}",
        };

        private static string Keyword(ScriptStatement statement) =>
            statement.GetType().Name.Replace("Script", string.Empty, StringComparison.Ordinal).Replace("Statement", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }
}
