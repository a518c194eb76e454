using Scriban.Syntax;

namespace RemediationGen.Templates;

/// <summary>
/// One choice of <c>if</c> outcomes per block of a template, so that rendering once per choice reaches every branch:
/// each choice names the conditions on the path to one block; every other condition counts as true.
/// </summary>
internal static class TemplateBranches
{
    public static IReadOnlyList<IReadOnlyDictionary<ScriptExpression, bool>> Choices(ScriptPage page)
    {
        var choices = new List<IReadOnlyDictionary<ScriptExpression, bool>> { new Dictionary<ScriptExpression, bool>() };
        Walk(page.Body, new Dictionary<ScriptExpression, bool>(), choices);
        return choices;
    }

    /// <summary>Every <c>if</c> condition of the template, taken or not.</summary>
    public static HashSet<ScriptExpression> Conditions(ScriptPage page)
    {
        var conditions = new HashSet<ScriptExpression>(ReferenceEqualityComparer.Instance);
        foreach (var choice in Choices(page))
        {
            conditions.UnionWith(choice.Keys);
        }

        return conditions;
    }

    private static void Walk(ScriptBlockStatement? block, Dictionary<ScriptExpression, bool> path, List<IReadOnlyDictionary<ScriptExpression, bool>> choices)
    {
        foreach (var statement in block?.Statements ?? [])
        {
            switch (statement)
            {
                case ScriptIfStatement conditional:
                    Conditional(conditional, path, choices);
                    break;
                case ScriptForStatement loop:
                    Walk(loop.Body, path, choices);
                    break;
                case ScriptBlockStatement nested:
                    Walk(nested, path, choices);
                    break;
            }
        }
    }

    private static void Conditional(ScriptIfStatement conditional, Dictionary<ScriptExpression, bool> path, List<IReadOnlyDictionary<ScriptExpression, bool>> choices)
    {
        if (conditional.Condition is null)
        {
            return;
        }

        var taken = new Dictionary<ScriptExpression, bool>(path, ReferenceEqualityComparer.Instance) { [conditional.Condition] = true };
        choices.Add(taken);
        Walk(conditional.Then, taken, choices);

        var notTaken = new Dictionary<ScriptExpression, bool>(path, ReferenceEqualityComparer.Instance) { [conditional.Condition] = false };
        switch (conditional.Else)
        {
            case ScriptIfStatement elseIf:
                Conditional(elseIf, notTaken, choices);
                break;
            case ScriptElseStatement otherwise:
                choices.Add(notTaken);
                Walk(otherwise.Body, notTaken, choices);
                break;
            default:
                choices.Add(notTaken);
                break;
        }
    }
}
