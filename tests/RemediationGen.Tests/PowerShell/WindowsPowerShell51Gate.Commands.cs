using System.Management.Automation.Language;

namespace RemediationGen.Tests.PowerShell;

/// <summary>Commands and their named parameters, against the 5.1 / Server 2016 and ConfigMgr references.</summary>
public static partial class WindowsPowerShell51Gate
{
    private const string ActionPreference = "System.Management.Automation.ActionPreference";

    /// <summary>The common parameters with their aliases; every compiled cmdlet and advanced function takes them.</summary>
    private static readonly CmdletParameter[] CommonParameters =
    [
        Common("Verbose", "vb", "System.Management.Automation.SwitchParameter"), Common("Debug", "db", "System.Management.Automation.SwitchParameter"),
        Common("ErrorAction", "ea", ActionPreference), Common("WarningAction", "wa", ActionPreference),
        Common("InformationAction", "infa", ActionPreference), Common("ErrorVariable", "ev"), Common("WarningVariable", "wv"),
        Common("InformationVariable", "iv"), Common("OutVariable", "ov"), Common("OutBuffer", "ob"), Common("PipelineVariable", "pv"),
    ];

    /// <summary>The built-in aliases of Windows PowerShell 5.1 a script may plausibly use, to the cmdlet they name.</summary>
    private static readonly Dictionary<string, string> BuiltInAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["%"] = "ForEach-Object", ["foreach"] = "ForEach-Object", ["?"] = "Where-Object", ["where"] = "Where-Object",
        ["select"] = "Select-Object", ["sort"] = "Sort-Object", ["measure"] = "Measure-Object", ["group"] = "Group-Object",
        ["ft"] = "Format-Table", ["fl"] = "Format-List", ["gm"] = "Get-Member", ["tee"] = "Tee-Object",
        ["gci"] = "Get-ChildItem", ["ls"] = "Get-ChildItem", ["dir"] = "Get-ChildItem", ["gi"] = "Get-Item",
        ["gp"] = "Get-ItemProperty", ["sp"] = "Set-ItemProperty", ["ni"] = "New-Item", ["ri"] = "Remove-Item",
        ["rm"] = "Remove-Item", ["del"] = "Remove-Item", ["cp"] = "Copy-Item", ["copy"] = "Copy-Item", ["mv"] = "Move-Item",
        ["move"] = "Move-Item", ["cd"] = "Set-Location", ["sl"] = "Set-Location", ["pwd"] = "Get-Location",
        ["gl"] = "Get-Location", ["cat"] = "Get-Content", ["gc"] = "Get-Content", ["type"] = "Get-Content",
        ["sc"] = "Set-Content", ["ac"] = "Add-Content", ["echo"] = "Write-Output", ["write"] = "Write-Output",
        ["sleep"] = "Start-Sleep", ["iex"] = "Invoke-Expression", ["icm"] = "Invoke-Command", ["gsv"] = "Get-Service",
        ["sasv"] = "Start-Service", ["spsv"] = "Stop-Service", ["gps"] = "Get-Process", ["ps"] = "Get-Process",
        ["kill"] = "Stop-Process", ["gwmi"] = "Get-WmiObject", ["iwr"] = "Invoke-WebRequest", ["irm"] = "Invoke-RestMethod",
        ["ipmo"] = "Import-Module", ["gcm"] = "Get-Command", ["rvpa"] = "Resolve-Path", ["gdr"] = "Get-PSDrive",
        ["ndr"] = "New-PSDrive", ["gv"] = "Get-Variable", ["sv"] = "Set-Variable", ["set"] = "Set-Variable",
    };

    /// <summary>Functions a 5.1 session defines itself (not in the cmdlet reference); their parameters are not checked.</summary>
    private static readonly HashSet<string> BuiltInFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "mkdir", "more", "help", "Clear-Host", "cls", "Pause", "Get-Verb", "prompt", "TabExpansion2", "oss",
    };

    private static readonly string[] NativeExtensions = [".exe", ".com", ".cmd", ".bat"];

    private static void CheckCommands(PowerShellFileReport file, TypeScope scope, Reporter report)
    {
        var functions = ScriptFunctions(file.Ast);
        foreach (var command in file.Commands)
        {
            var name = command.Ast.GetCommandName();
            if (name is not null && functions.TryGetValue(name, out var functionParameters))
            {
                CheckParameters(command, name, functionParameters, checkSets: false, report, "(a function of this script)");
                continue;
            }

            if (name is null || BuiltInFunctions.Contains(name) || IsNativeOrPath(name))
            {
                // Dynamic (& $x), a function 5.1 defines itself, or a program: nothing to look up.
                continue;
            }

            var cmdlet = BuiltInAliases.GetValueOrDefault(name, name);
            if ((WindowsPowerShell51CmdletReference.Default.ParametersOf(cmdlet) ?? WindowsPowerShell51CmdletReference.Graph.ParametersOf(cmdlet)) is { } parameters)
            {
                CmdletParameter[] withCommon = [.. parameters, .. CommonParameters];
                CheckParameters(command, cmdlet, withCommon, checkSets: true, report);
                CheckParameterValues(command, cmdlet, withCommon, report);
                CheckNewObject(command, cmdlet, scope, report);
            }
            else if (ConfigMgrCmdletReference.Default.ParametersOf(cmdlet) is { } names)
            {
                // The ConfigMgr reference has names and aliases only: no types, no parameter sets.
                CheckParameters(command, cmdlet, [.. names.Select(parameter => new CmdletParameter(parameter, null, [], [])), .. CommonParameters], checkSets: false, report);
            }
            else
            {
                report(command.Ast, WindowsPowerShell51ViolationKind.Command,
                    $"'{name}' is no Windows PowerShell 5.1 / Server 2016 cmdlet, no ConfigurationManager cmdlet, no function of this script and no native program");
            }
        }
    }

    private static void CheckParameters(PowerShellCommand command, string cmdlet, IReadOnlyList<CmdletParameter> parameters, bool checkSets, Reporter report, string where = "in Windows PowerShell 5.1")
    {
        var bound = new List<(string Written, CmdletParameter Parameter)>();
        var splatted = command.Parameters.Skip(command.DirectParameters.Count).Select(key => (key, " (splatted)"));
        foreach (var (written, source) in command.DirectParameters.Select(key => (key, string.Empty)).Concat(splatted))
        {
            var matches = Match(written, parameters);
            if (matches.Count == 1)
            {
                bound.Add((written, matches[0]));
                continue;
            }

            report(command.Ast, WindowsPowerShell51ViolationKind.Parameter, matches.Count == 0
                ? $"{cmdlet} has no parameter -{written}{source} {where}"
                : $"{cmdlet}: -{written}{source} is ambiguous, it matches -{string.Join(", -", matches.Select(parameter => parameter.Name))}");
        }

        foreach (var variable in command.UnresolvedSplattedVariables.Where(variable =>
                     !variable.Equals("PSBoundParameters", StringComparison.OrdinalIgnoreCase) && !variable.Equals("args", StringComparison.OrdinalIgnoreCase)))
        {
            report(command.Ast, WindowsPowerShell51ViolationKind.Parameter,
                $"{cmdlet}: splatted @{variable} has no '${variable} = @{{ ... }}' in this file, so its parameters cannot be checked");
        }

        if (checkSets)
        {
            CheckParameterSets(command, cmdlet, bound, report);
        }
    }

    /// <summary>As PowerShell binds a name: an exact name or alias wins; otherwise every parameter with a name or alias it prefixes.</summary>
    private static List<CmdletParameter> Match(string written, IReadOnlyList<CmdletParameter> parameters)
    {
        static IEnumerable<string> Names(CmdletParameter parameter) => [parameter.Name, .. parameter.Aliases];
        var exact = parameters.Where(parameter => Names(parameter).Contains(written, StringComparer.OrdinalIgnoreCase)).Take(1).ToList();
        return exact.Count > 0
            ? exact
            : [.. parameters.Where(parameter => Names(parameter).Any(name => name.StartsWith(written, StringComparison.OrdinalIgnoreCase))).DistinctBy(parameter => parameter.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static void CheckParameterSets(PowerShellCommand command, string cmdlet, List<(string Written, CmdletParameter Parameter)> bound, Reporter report)
    {
        HashSet<string>? sets = null;
        var constraining = new List<(string Written, CmdletParameter Parameter)>();
        foreach (var (written, parameter) in bound.Where(pair => !pair.Parameter.InEverySet))
        {
            sets = sets is null ? [.. parameter.Sets] : [.. sets.Intersect(parameter.Sets, StringComparer.Ordinal)];
            constraining.Add((written, parameter));
            if (sets.Count == 0)
            {
                var described = constraining.Select(pair => $"-{pair.Written} ({string.Join(", ", pair.Parameter.Sets)})");
                report(command.Ast, WindowsPowerShell51ViolationKind.ParameterSet,
                    $"{cmdlet}: {string.Join(" and ", described)} share no parameter set");
                return;
            }
        }
    }

    /// <summary>
    /// The script's functions with their parameters and [Alias()] names; an advanced function ([CmdletBinding()] or a
    /// [Parameter()] attribute) also takes the common parameters. A simple function would silently put an unknown
    /// -Name into $args, so that is reported too. Definitions sharing a name are merged.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<CmdletParameter>> ScriptFunctions(ScriptBlockAst root)
    {
        var functions = new Dictionary<string, IReadOnlyList<CmdletParameter>>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in root.FindAll(node => node is FunctionDefinitionAst, searchNestedScriptBlocks: true).Cast<FunctionDefinitionAst>())
        {
            var parameters = function.Body.ParamBlock?.Parameters ?? function.Parameters ?? [];
            var advanced = function.Body.ParamBlock?.Attributes.Any(attribute => attribute.TypeName.Name.Equals("CmdletBinding", StringComparison.OrdinalIgnoreCase)) == true
                || parameters.Any(parameter => parameter.Attributes.OfType<AttributeAst>().Any(attribute => attribute.TypeName.Name.Equals("Parameter", StringComparison.OrdinalIgnoreCase)));
            var declared = parameters.Select(parameter => new CmdletParameter(
                parameter.Name.VariablePath.UserPath,
                parameter.StaticType == typeof(System.Management.Automation.SwitchParameter) ? "System.Management.Automation.SwitchParameter" : null,
                [.. parameter.Attributes.OfType<AttributeAst>()
                    .Where(attribute => attribute.TypeName.Name.Equals("Alias", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(attribute => attribute.PositionalArguments.OfType<StringConstantExpressionAst>().Select(alias => alias.Value))],
                [WindowsPowerShell51CmdletReference.AllSets]));
            var supportsShouldProcess = function.Body.ParamBlock?.Attributes.Any(attribute => attribute.TypeName.Name.Equals("CmdletBinding", StringComparison.OrdinalIgnoreCase)
                && attribute.NamedArguments.Any(argument => argument.ArgumentName.Equals("SupportsShouldProcess", StringComparison.OrdinalIgnoreCase))) == true;
            IEnumerable<CmdletParameter> all = advanced ? [.. declared, .. CommonParameters] : declared;
            if (supportsShouldProcess)
            {
                all = [.. all, new CmdletParameter("WhatIf", "System.Management.Automation.SwitchParameter", ["wi"], [WindowsPowerShell51CmdletReference.AllSets]), new CmdletParameter("Confirm", "System.Management.Automation.SwitchParameter", ["cf"], [WindowsPowerShell51CmdletReference.AllSets])];
            }

            functions[function.Name] = functions.TryGetValue(function.Name, out var earlier) ? [.. earlier, .. all] : [.. all];
        }

        return functions;
    }

    private static bool IsNativeOrPath(string name) =>
        NativeExtensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        || name.Contains('\\', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal);

    private static CmdletParameter Common(string name, string alias, string? type = null) =>
        new(name, type, [alias], [WindowsPowerShell51CmdletReference.AllSets]);

    /// <summary>
    /// The named arguments of a command (parameter as written, its value or null for a switch) and its positional
    /// arguments, using the reference to know which parameters are switches.
    /// </summary>
    private static (List<(string Name, CommandElementAst? Value)> Named, List<CommandElementAst> Positional) Bind(CommandAst command, IReadOnlyList<CmdletParameter> parameters)
    {
        var named = new List<(string, CommandElementAst?)>();
        var positional = new List<CommandElementAst>();
        var elements = command.CommandElements;
        for (var i = 1; i < elements.Count; i++)
        {
            if (elements[i] is not CommandParameterAst parameter)
            {
                positional.Add(elements[i]);
                continue;
            }

            var matches = Match(parameter.ParameterName, parameters);
            var takesValue = parameter.Argument is null && matches.Count == 1 && !matches[0].IsSwitch && i + 1 < elements.Count && elements[i + 1] is not CommandParameterAst;
            named.Add((matches.Count == 1 ? matches[0].Name : parameter.ParameterName, parameter.Argument ?? (takesValue ? elements[++i] : null)));
        }

        return (named, positional);
    }
}
