using System.Management.Automation.Language;
using System.Reflection;

namespace RemediationGen.Tests.PowerShell;

/// <summary>Type names, static members, constructors and New-Object, against the .NET Framework 4.8 references.</summary>
public static partial class WindowsPowerShell51Gate
{
    /// <summary>Type accelerators PowerShell 6.0+ added (PowerShell/PowerShell#7813, #3460); 5.1 cannot find these names.</summary>
    private static readonly HashSet<string> AcceleratorsAfter51 = new(StringComparer.OrdinalIgnoreCase) { "short", "ushort", "uint", "ulong", "semver" };

    private static readonly Lazy<Dictionary<string, Type>> Accelerators7 = new(LoadAccelerators7);

    /// <summary>Cmdlets whose output types live in an assembly a fresh 5.1 session has not loaded yet.</summary>
    private static readonly (Func<string, bool> Matches, string Assembly)[] AssembliesLoadedByCmdlets =
    [
        (name => name.EndsWith("-Service", StringComparison.OrdinalIgnoreCase) || name.Equals("gsv", StringComparison.OrdinalIgnoreCase), "System.ServiceProcess"),
    ];

    private const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy;

    private static void CheckTypes(ScriptBlockAst root, TypeScope scope, Reporter report)
    {
        foreach (var node in root.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            switch (node)
            {
                case TypeConstraintAst { TypeName.Name: var name, Parent: ConvertExpressionAst { Child: HashtableAst } } when name.Equals("ordered", StringComparison.OrdinalIgnoreCase):
                    // [ordered]@{ ... }: the one place 5.1 knows [ordered]; anywhere else ResolveName reports it.
                    break;
                case TypeConstraintAst constraint:
                    Resolve(constraint.TypeName, scope, node, report);
                    break;
                case AttributeAst attribute:
                    Resolve(attribute.TypeName, scope, node, report, isAttribute: true);
                    break;
                case InvokeMemberExpressionAst { Static: true, Expression: TypeExpressionAst type, Member: StringConstantExpressionAst member } invoke:
                    CheckStaticMember(Resolve(type.TypeName, scope, node, report), type.TypeName, member.Value, invoke.Arguments?.Count ?? 0, node, report);
                    break;
                case MemberExpressionAst { Static: true, Expression: TypeExpressionAst type, Member: StringConstantExpressionAst member } and not InvokeMemberExpressionAst:
                    CheckStaticMember(Resolve(type.TypeName, scope, node, report), type.TypeName, member.Value, arguments: null, node, report);
                    break;
                case TypeExpressionAst type when type.Parent is not MemberExpressionAst { Static: true, Member: StringConstantExpressionAst } parent || parent.Expression != type:
                    // [Type] alone, or before a computed member ([Type]::$name); the cases above resolve it otherwise.
                    Resolve(type.TypeName, scope, node, report);
                    break;
            }
        }
    }

    /// <summary>
    /// Resolves a type name as Windows PowerShell 5.1 would: accelerators, the script's own classes, then the name, the
    /// name under System. and under each 'using namespace', in the assemblies a 5.1 session has loaded. Reports and
    /// returns null when it cannot; also returns null (silently) for types it cannot inspect (arrays, CIM types).
    /// </summary>
    private static Type? Resolve(ITypeName typeName, TypeScope scope, Ast at, Reporter report, bool isAttribute = false)
    {
        switch (typeName)
        {
            case ArrayTypeName array:
                Resolve(array.ElementType, scope, at, report);
                return null;
            case GenericTypeName generic:
                foreach (var argument in generic.GenericArguments)
                {
                    Resolve(argument, scope, at, report);
                }

                return ResolveName(generic.TypeName.Name + "`" + generic.GenericArguments.Count, generic.TypeName.Name, scope, at, report, isAttribute);
            default:
                return ResolveName(typeName.Name, typeName.Name, scope, at, report, isAttribute);
        }
    }

    private static Type? ResolveName(string name, string written, TypeScope scope, Ast at, Reporter report, bool isAttribute)
    {
        const WindowsPowerShell51ViolationKind Kind = WindowsPowerShell51ViolationKind.Type;
        if (scope.ScriptTypes.Contains(name))
        {
            return null;
        }

        if (name.Equals("ordered", StringComparison.OrdinalIgnoreCase))
        {
            // PowerShell 7 made it an accelerator for OrderedDictionary; 5.1 has no such type name.
            report(at, Kind, "[ordered] works in 5.1 only directly before a hashtable literal @{ ... }");
            return null;
        }

        if (AcceleratorsAfter51.Contains(name))
        {
            report(at, Kind, $"the type accelerator [{written}] is PowerShell 6+; 5.1 cannot find it");
            return null;
        }

        var names = isAttribute ? new[] { name, name + "Attribute" } : [name];
        foreach (var candidate in names)
        {
            if (Accelerators7.Value.TryGetValue(candidate, out var target) && !name.Contains('.', StringComparison.Ordinal))
            {
                return AcceleratorTarget(target, written, at, report);
            }
        }

        var fullNames = names.SelectMany(candidate => new[] { candidate, "System." + candidate }.Concat(scope.Namespaces.Select(ns => ns + "." + candidate))).ToList();
        foreach (var fullName in fullNames)
        {
            if (WindowsPowerShell51Types.Default.Find(fullName, scope.Assemblies) is { } type)
            {
                return type;
            }
        }

        var holder = fullNames.Select(fullName => WindowsPowerShell51Types.Default.AssemblyHolding(fullName, scope.Assemblies)).FirstOrDefault(holding => holding is not null);
        report(at, Kind, holder is null
            ? $"no type [{written}] in .NET Framework 4.8 or Windows PowerShell 5.1"
            : $"[{written}] is in assembly {holder}, which Windows PowerShell 5.1 does not load by default: Add-Type -AssemblyName {holder} first");
        return null;
    }

    private static Type? AcceleratorTarget(Type target, string written, Ast at, Reporter report)
    {
        var fullName = target.FullName ?? target.Name;
        if (fullName.StartsWith("Microsoft.Management.Infrastructure.", StringComparison.Ordinal))
        {
            // The CIM types ship with Windows, not in the references: accepted, not inspected.
            return null;
        }

        var type = WindowsPowerShell51Types.Default.Find(fullName, WindowsPowerShell51Types.LoadedByDefault)
            ?? WindowsPowerShell51Types.Default.Find(fullName, WindowsPowerShell51Types.Default.AssemblyNames);
        if (type is null)
        {
            report(at, WindowsPowerShell51ViolationKind.Type, $"the type accelerator [{written}] names {fullName}, which Windows PowerShell 5.1 does not have");
        }

        return type;
    }

    private static void CheckStaticMember(Type? type, ITypeName typeName, string member, int? arguments, Ast at, Reporter report)
    {
        if (type is null)
        {
            return;
        }

        string? problem;
        try
        {
            problem = StaticMemberProblem(type, member, arguments);
        }
        catch (FileNotFoundException)
        {
            // A signature names an assembly outside the references (for example CIM): cannot be checked.
            return;
        }

        if (problem is not null)
        {
            report(at, WindowsPowerShell51ViolationKind.StaticMember, $"[{typeName.FullName}]::{member}{(arguments is null ? string.Empty : "(" + arguments + " argument(s))")}: {problem}");
        }
    }

    private static string? StaticMemberProblem(Type type, string member, int? arguments)
    {
        var typeName = type.FullName;
        if (member.Equals("new", StringComparison.OrdinalIgnoreCase) && arguments is { } count)
        {
            return ConstructorProblem(type, count);
        }

        var methods = type.GetMethods(PublicStatic).Where(method => method.Name.Equals(member, StringComparison.OrdinalIgnoreCase)).ToList();
        if (arguments is { } argumentCount)
        {
            if (methods.Count == 0)
            {
                return $"{typeName} has no public static method {member} in .NET Framework 4.8";
            }

            return methods.Any(method => Accepts(method.GetParameters(), argumentCount))
                ? null
                : $"no overload of {typeName}.{member} takes {argumentCount} argument(s) in .NET Framework 4.8 (it takes {Arities(methods.Select(method => method.GetParameters()))})";
        }

        var exists = methods.Count > 0
            || type.GetProperties(PublicStatic).Any(property => property.Name.Equals(member, StringComparison.OrdinalIgnoreCase))
            || type.GetFields(PublicStatic).Any(field => field.Name.Equals(member, StringComparison.OrdinalIgnoreCase));
        return exists ? null : $"{typeName} has no public static property, field or method {member} in .NET Framework 4.8";
    }

    private static string? ConstructorProblem(Type type, int arguments)
    {
        if (type.IsValueType && arguments == 0)
        {
            return null;
        }

        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (constructors.Any(constructor => Accepts(constructor.GetParameters(), arguments)))
        {
            return null;
        }

        return constructors.Length == 0
            ? $"{type.FullName} has no public constructor"
            : $"no constructor of {type.FullName} takes {arguments} argument(s) in .NET Framework 4.8 (they take {Arities(constructors.Select(constructor => constructor.GetParameters()))})";
    }

    /// <summary>True when a call with <paramref name="count"/> arguments fits: optional parameters may be left out, a params array takes any number.</summary>
    private static bool Accepts(ParameterInfo[] parameters, int count)
    {
        var required = parameters.Count(parameter => !parameter.IsOptional);
        var hasParamArray = parameters.Length > 0 && parameters[^1].GetCustomAttributesData().Any(attribute => attribute.AttributeType.FullName == "System.ParamArrayAttribute");
        return (count >= required && count <= parameters.Length) || (hasParamArray && count >= parameters.Length - 1);
    }

    private static string Arities(IEnumerable<ParameterInfo[]> overloads) =>
        string.Join(", ", overloads.Select(parameters => parameters.Length).Distinct().Order());

    /// <summary>New-Object TypeName [-ArgumentList ...]: the type must exist and have a constructor of that arity.</summary>
    private static void CheckNewObject(PowerShellCommand command, string cmdlet, TypeScope scope, Reporter report)
    {
        if (!cmdlet.Equals("New-Object", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var (named, positional) = Bind(command.Ast, WindowsPowerShell51CmdletReference.Default.ParametersOf(cmdlet)!);
        if (named.Any(pair => pair.Name == "ComObject"))
        {
            return;
        }

        var typeArgument = named.FirstOrDefault(pair => pair.Name == "TypeName").Value;
        if (typeArgument is null && positional.Count > 0)
        {
            typeArgument = positional[0];
            positional.RemoveAt(0);
        }

        var argumentList = named.FirstOrDefault(pair => pair.Name == "ArgumentList").Value ?? positional.FirstOrDefault();
        if (typeArgument is not StringConstantExpressionAst { Value: var typeText })
        {
            return;
        }

        var typeExpression = Parser.ParseInput("[" + typeText + "]", out _, out var errors).Find(node => node is TypeExpressionAst, searchNestedScriptBlocks: false) as TypeExpressionAst;
        if (errors.Length > 0 || typeExpression is null || typeExpression.Extent.Text.Length != typeText.Length + 2)
        {
            report(command.Ast, WindowsPowerShell51ViolationKind.Type, $"New-Object: '{Shorten(typeText)}' is not a type name");
            return;
        }

        var type = Resolve(typeExpression.TypeName, scope, command.Ast, report);
        if (type is not null && ArgumentCount(argumentList) is { } count && ConstructorProblem(type, count) is { } problem)
        {
            report(command.Ast, WindowsPowerShell51ViolationKind.StaticMember, $"New-Object {typeText}: {problem}");
        }
    }

    /// <summary>How many constructor arguments an -ArgumentList value holds, when that is visible in the text.</summary>
    private static int? ArgumentCount(CommandElementAst? argumentList) => argumentList switch
    {
        null => 0,
        ArrayLiteralAst array => array.Elements.Count,
        ArrayExpressionAst { SubExpression.Statements: [PipelineAst { PipelineElements: [CommandExpressionAst { Expression: var inner }] }] } =>
            inner is ArrayLiteralAst array ? array.Elements.Count : ArgumentCount(inner),
        ConstantExpressionAst or ExpandableStringExpressionAst or HashtableAst => 1,
        VariableExpressionAst variable when variable.VariablePath.UserPath is "true" or "false" or "null" => 1,
        _ => null,
    };

    private static Dictionary<string, Type> LoadAccelerators7()
    {
        var accelerators = typeof(System.Management.Automation.PSObject).Assembly
            .GetType("System.Management.Automation.TypeAccelerators", throwOnError: true)!
            .GetProperty("Get", BindingFlags.Public | BindingFlags.Static)!
            .GetValue(null) as IDictionary<string, Type>;
        return new Dictionary<string, Type>(accelerators!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>What a script adds to type resolution: its classes and enums, 'using namespace', and assemblies it loads.</summary>
    private sealed record TypeScope(IReadOnlySet<string> ScriptTypes, IReadOnlyList<string> Namespaces, IReadOnlySet<string> Assemblies)
    {
        public static TypeScope Of(ScriptBlockAst root)
        {
            var scriptTypes = root.FindAll(node => node is TypeDefinitionAst, searchNestedScriptBlocks: true)
                .Cast<TypeDefinitionAst>().Select(type => type.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var namespaces = root.UsingStatements.Where(statement => statement.UsingStatementKind == UsingStatementKind.Namespace)
                .Select(statement => statement.Name.Value).ToList();
            var assemblies = new HashSet<string>(WindowsPowerShell51Types.LoadedByDefault, StringComparer.OrdinalIgnoreCase);
            assemblies.UnionWith(LoadedAssemblies(root));
            return new TypeScope(scriptTypes, namespaces, assemblies);
        }

        /// <summary>
        /// Assembly names given as constants to Add-Type -AssemblyName or [Reflection.Assembly]::Load*(...), and those a
        /// cmdlet the script calls loads to return its objects (Get-Service returns System.ServiceProcess types). Whole
        /// script, not in order: a type used before the first such call is not caught.
        /// </summary>
        private static IEnumerable<string> LoadedAssemblies(ScriptBlockAst root)
        {
            foreach (var command in root.FindAll(node => node is CommandAst, true).Cast<CommandAst>())
            {
                if (command.GetCommandName() is { } name && AssembliesLoadedByCmdlets.FirstOrDefault(pair => pair.Matches(name)) is { Assembly: { } loaded })
                {
                    yield return loaded;
                }
            }

            var addType = WindowsPowerShell51CmdletReference.Default.ParametersOf("Add-Type")!;
            foreach (var command in root.FindAll(node => node is CommandAst { } c && string.Equals(c.GetCommandName(), "Add-Type", StringComparison.OrdinalIgnoreCase), true).Cast<CommandAst>())
            {
                var (named, _) = Bind(command, addType);
                foreach (var value in named.Where(pair => pair.Name == "AssemblyName").Select(pair => pair.Value))
                {
                    IEnumerable<Ast> constants = value switch
                    {
                        ArrayLiteralAst array => array.Elements,
                        null => [],
                        _ => [value],
                    };
                    foreach (var constant in constants.OfType<StringConstantExpressionAst>())
                    {
                        yield return constant.Value.Split(',')[0].Trim();
                    }
                }
            }

            foreach (var load in root.FindAll(node => node is InvokeMemberExpressionAst { Static: true, Member: StringConstantExpressionAst { Value: var member } } && member.StartsWith("Load", StringComparison.OrdinalIgnoreCase), true).Cast<InvokeMemberExpressionAst>())
            {
                if (load.Arguments is [StringConstantExpressionAst name, ..])
                {
                    yield return name.Value.Split(',')[0].Trim();
                }
            }
        }
    }
}
