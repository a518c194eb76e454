using System.Collections.Concurrent;
using System.Management.Automation.Language;

namespace RemediationGen.Tests.PowerShell;

/// <summary>Constant values of enum-typed parameters (and -Encoding), against what 5.1 accepts.</summary>
public static partial class WindowsPowerShell51Gate
{
    /// <summary>
    /// What -Encoding takes in 5.1: FileSystemCmdletProviderEncoding (the *-Content cmdlets) and the ValidateSet of
    /// Out-File, Export-Csv and the like. utf8NoBOM, utf8BOM, ansi and code page numbers are PowerShell 6+.
    /// </summary>
    private static readonly HashSet<string> Encodings51 = new(StringComparer.OrdinalIgnoreCase)
    {
        "Unknown", "String", "Unicode", "Byte", "BigEndianUnicode", "BigEndianUTF32", "UTF8", "UTF7", "UTF32", "ASCII", "Default", "OEM",
    };

    private static readonly ConcurrentDictionary<string, string[]?> EnumNamesByType = new(StringComparer.Ordinal);

    private static void CheckParameterValues(PowerShellCommand command, string cmdlet, IReadOnlyList<CmdletParameter> parameters, Reporter report)
    {
        var (named, _) = Bind(command.Ast, parameters);
        foreach (var (name, value) in named)
        {
            var parameter = parameters.FirstOrDefault(candidate => candidate.Name == name);
            if (parameter?.Type is null || ConstantsOf(value) is not { } constants)
            {
                continue;
            }

            var allowed = parameter.Name.Equals("Encoding", StringComparison.OrdinalIgnoreCase) && parameter.Type is not "System.Text.Encoding"
                ? Encodings51
                : EnumNames(parameter.Type.TrimEnd('[', ']')) is { } names ? new HashSet<string>(names, StringComparer.OrdinalIgnoreCase) : null;
            if (allowed is null)
            {
                continue;
            }

            foreach (var constant in constants.SelectMany(text => text.Split(',')).Select(text => text.Trim()).Where(text => text.Length > 0 && !int.TryParse(text, out _)))
            {
                if (!allowed.Contains(constant))
                {
                    report(command.Ast, WindowsPowerShell51ViolationKind.Parameter,
                        $"{cmdlet} -{parameter.Name} {constant}: not a value Windows PowerShell 5.1 accepts ({string.Join(", ", allowed.Order(StringComparer.OrdinalIgnoreCase))})");
                }
            }
        }
    }

    /// <summary>The string constants a value is made of (one, or the elements of a literal list); null when any part is computed.</summary>
    private static List<string>? ConstantsOf(CommandElementAst? value) => value switch
    {
        StringConstantExpressionAst constant => [constant.Value],
        ArrayLiteralAst array when array.Elements.All(element => element is StringConstantExpressionAst) =>
            [.. array.Elements.Cast<StringConstantExpressionAst>().Select(element => element.Value)],
        _ => null,
    };

    /// <summary>The member names of a namespace-qualified enum of the references; null for anything else.</summary>
    private static string[]? EnumNames(string typeName) => !typeName.Contains('.', StringComparison.Ordinal) ? null : EnumNamesByType.GetOrAdd(typeName, name =>
    {
        var type = WindowsPowerShell51Types.Default.Find(name, WindowsPowerShell51Types.LoadedByDefault)
            ?? WindowsPowerShell51Types.Default.Find(name, WindowsPowerShell51Types.Default.AssemblyNames);
        return type is { IsEnum: true } ? [.. type.GetFields().Where(field => field.IsStatic).Select(field => field.Name)] : null;
    });
}
