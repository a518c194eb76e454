using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace RemediationGen.Tests.PowerShell;

/// <summary>What the PowerShell 7.6 parser accepts and Windows PowerShell 5.1 does not (or reads differently).</summary>
public static partial class WindowsPowerShell51Gate
{
    /// <summary>Automatic variables PowerShell 6+ defines; under Set-StrictMode -Version Latest, 5.1 throws on reading them.</summary>
    private static readonly HashSet<string> AutomaticVariablesAfter51 = new(StringComparer.OrdinalIgnoreCase)
    {
        "IsWindows", "IsLinux", "IsMacOS", "IsCoreCLR", "PSStyle", "EnabledExperimentalFeatures",
    };

    private static void CheckSyntax(PowerShellFileReport file, Reporter report, Action<int, string> reportLine)
    {
        const WindowsPowerShell51ViolationKind Syntax = WindowsPowerShell51ViolationKind.Syntax;
        foreach (var node in file.Ast.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            switch (node)
            {
                case TernaryExpressionAst:
                    report(node, Syntax, "the ternary operator (a ? b : c) is PowerShell 7.0+");
                    break;
                case PipelineChainAst chain:
                    report(node, Syntax, $"the pipeline chain operator {(chain.Operator == TokenKind.AndAnd ? "&&" : "||")} is PowerShell 7.0+");
                    break;
                case BinaryExpressionAst { Operator: TokenKind.QuestionQuestion }:
                    report(node, Syntax, "the null-coalescing operator ?? is PowerShell 7.0+");
                    break;
                case AssignmentStatementAst { Operator: TokenKind.QuestionQuestionEquals }:
                    report(node, Syntax, "the null-coalescing assignment ??= is PowerShell 7.0+");
                    break;
                case MemberExpressionAst { NullConditional: true }:
                    report(node, Syntax, "the null-conditional member access ?. is PowerShell 7.1+");
                    break;
                case IndexExpressionAst { NullConditional: true }:
                    report(node, Syntax, "the null-conditional index ?[] is PowerShell 7.1+");
                    break;
                case ScriptBlockAst { CleanBlock: not null } block:
                    report(block.CleanBlock, Syntax, "the clean block is PowerShell 7.3+");
                    break;
                case PipelineAst { Background: true }:
                    report(node, Syntax, "the background operator & at the end of a pipeline is PowerShell 6.0+");
                    break;
                case InvokeMemberExpressionAst { GenericTypeArguments.Count: > 0 }:
                    report(node, Syntax, "generic method type arguments (.Method[T]()) are PowerShell 7.3+");
                    break;
                case CommandAst command when IsForEachObject(command.GetCommandName()) && command.CommandElements.OfType<CommandParameterAst>().Any(IsParallel):
                    report(node, Syntax, "ForEach-Object -Parallel is PowerShell 7.0+");
                    break;
                case VariableExpressionAst variable when AutomaticVariablesAfter51.Contains(variable.VariablePath.UserPath) && !IsAssigned(file.Ast, variable):
                    report(node, Syntax, $"${variable.VariablePath.UserPath} is an automatic variable of PowerShell 6+; 5.1 has none (an error under Set-StrictMode)");
                    break;
            }
        }

        if (file.Ast.ScriptRequirements is { } requirements)
        {
            if (requirements.RequiredPSVersion is { } version && version > new Version(5, 1))
            {
                reportLine(1, $"#Requires -Version {version} cannot run in Windows PowerShell 5.1");
            }

            if (requirements.RequiredPSEditions.Any(edition => !string.Equals(edition, "Desktop", StringComparison.OrdinalIgnoreCase)))
            {
                reportLine(1, $"#Requires -PSEdition {string.Join(", ", requirements.RequiredPSEditions)} excludes Windows PowerShell 5.1 (Desktop)");
            }
        }

        foreach (var token in file.Tokens)
        {
            CheckToken(token, reportLine);
        }
    }

    private static void CheckToken(Token token, Action<int, string> reportLine)
    {
        var line = token.Extent.StartLineNumber;
        if (token.Kind == TokenKind.Number && NumberAfter51().Match(token.Text) is { Success: true } number)
        {
            reportLine(line, $"the number literal {token.Text} ({(number.Groups["binary"].Success ? "0b binary form" : "suffix " + number.Groups["suffix"].Value)}) is PowerShell 6.2+");
        }

        if (token.Kind is TokenKind.StringExpandable or TokenKind.HereStringExpandable)
        {
            // After a backtick the next character is taken literally; only `e and `u{...} changed meaning after 5.1.
            var text = token.Text;
            for (var i = 0; i < text.Length - 1; i++)
            {
                if (text[i] != '`')
                {
                    continue;
                }

                var next = text[i + 1];
                if (next == 'e')
                {
                    reportLine(line, "the escape `e (ESC) is PowerShell 6.0+; 5.1 reads it as a plain 'e'");
                }
                else if (next == 'u' && i + 2 < text.Length && text[i + 2] == '{')
                {
                    reportLine(line, "the escape `u{...} is PowerShell 6.0+; 5.1 reads it as 'u{...}'");
                }

                i++;
            }
        }
    }

    private static bool IsForEachObject(string? name) =>
        name is not null && (name.Equals("ForEach-Object", StringComparison.OrdinalIgnoreCase) || name is "%" || name.Equals("foreach", StringComparison.OrdinalIgnoreCase));

    private static bool IsParallel(CommandParameterAst parameter) =>
        parameter.ParameterName.Length >= 2 && "Parallel".StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase);

    private static bool IsAssigned(Ast root, VariableExpressionAst variable) =>
        root.Find(node => node is AssignmentStatementAst { Left: VariableExpressionAst assigned }
            && string.Equals(assigned.VariablePath.UserPath, variable.VariablePath.UserPath, StringComparison.OrdinalIgnoreCase), searchNestedScriptBlocks: true) is not null;

    /// <summary>Binary literals and the y, uy, s, us, u, ul and n suffixes (PowerShell 6.2 / 7.0); decimal digits only, so hex digits are not mistaken for suffixes.</summary>
    [GeneratedRegex(@"^(?:(?<binary>0b[01]+)|[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?(?<suffix>uy|us|ul|y|s|u|n))(?:kb|mb|gb|tb|pb)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberAfter51();
}
