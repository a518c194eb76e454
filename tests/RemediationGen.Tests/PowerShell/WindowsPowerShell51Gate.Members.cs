using System.Management.Automation.Language;

namespace RemediationGen.Tests.PowerShell;

/// <summary>
/// Instance calls whose arguments alone prove an overload that .NET Framework 4.8 lacks or binds differently. The
/// object's type is unknown statically, so only calls no 4.8 type offers in that shape are flagged. Not flagged:
/// <c>.StartsWith([char])</c> and the like, because PowerShell converts the [char] to the 4.8 string overload.
/// </summary>
public static partial class WindowsPowerShell51Gate
{
    private static readonly HashSet<string> StringComparisonNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase",
    };

    private static void CheckInstanceMemberTraps(ScriptBlockAst root, Reporter report)
    {
        foreach (var call in root.FindAll(node => node is InvokeMemberExpressionAst { Static: false, Member: StringConstantExpressionAst }, searchNestedScriptBlocks: true).Cast<InvokeMemberExpressionAst>())
        {
            var member = ((StringConstantExpressionAst)call.Member).Value;
            ExpressionAst[] arguments = [.. call.Arguments ?? []];
            if (TrapOf(member, arguments) is { } reason)
            {
                report(call, WindowsPowerShell51ViolationKind.InstanceMemberTrap, $".{member}({string.Join(", ", arguments.Select(argument => Shorten(argument.Extent.Text)))}): {reason}");
            }
        }
    }

    private static string? TrapOf(string member, ExpressionAst[] arguments)
    {
        if (member.Equals("Contains", StringComparison.OrdinalIgnoreCase) && arguments.Length == 2 && IsStringComparison(arguments[1]))
        {
            return "String.Contains(string, StringComparison) is .NET Core 2.1+; .NET Framework 4.8 has Contains(string) only (use .IndexOf(x, comparison) -ge 0)";
        }

        if (member.Equals("Replace", StringComparison.OrdinalIgnoreCase) && arguments.Length == 3)
        {
            return "String.Replace(string, string, StringComparison) is .NET Core 2.0+; .NET Framework 4.8 has Replace(a, b) only";
        }

        if (member.Equals("Split", StringComparison.OrdinalIgnoreCase) && arguments.Length is 1 or 2 && arguments[0] is StringConstantExpressionAst { Value.Length: > 1 } separator
            && (arguments.Length == 1 || !IsNumber(arguments[1])))
        {
            return $"String.Split(string) is .NET Core 2.0+; 5.1 binds Split(char[]) and splits on each of the characters '{Shorten(separator.Value)}', not on the string (use -split or [string[]]@('...'))";
        }

        if (member.Equals("TryAdd", StringComparison.OrdinalIgnoreCase) && arguments.Length == 2)
        {
            return "Dictionary.TryAdd is .NET Core 2.0+; .NET Framework 4.8 has no TryAdd";
        }

        return null;
    }

    /// <summary>[StringComparison]::X (any spelling of the type), or a string PowerShell converts to StringComparison.</summary>
    private static bool IsStringComparison(ExpressionAst argument) => argument switch
    {
        MemberExpressionAst { Static: true, Expression: TypeExpressionAst type } =>
            type.TypeName.Name.Equals("StringComparison", StringComparison.OrdinalIgnoreCase) || type.TypeName.Name.Equals("System.StringComparison", StringComparison.OrdinalIgnoreCase),
        StringConstantExpressionAst constant => StringComparisonNames.Contains(constant.Value),
        _ => false,
    };

    private static bool IsNumber(ExpressionAst argument) => argument is ConstantExpressionAst { Value: int or long };
}
