using System.Text;
using System.Text.RegularExpressions;
using RemediationGen.Tests.PowerShell;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The parameters a double accepts, read from the references the 5.1 gate reads, never invented: the Windows PowerShell
/// 5.1 reference (<see cref="WindowsPowerShell51CmdletReference"/>: names, aliases, types) and the ConfigMgr reference
/// (<see cref="ConfigMgrCmdletReference"/>: names and aliases; a parameter is a switch when the cmdlet's
/// documented syntax, tests/fixtures/reference/cmdlets/*.syntax.txt, writes it without a value, or it is one of the
/// common ConfigMgr switches). A double declares
/// exactly those names, so a script that passes any other parameter fails as it would on Windows.
/// </summary>
internal static partial class CmdletReferences
{
    /// <summary>ConfigMgr switches the JSON reference lists without a type (every ConfigMgr cmdlet documents them so).</summary>
    private static readonly HashSet<string> CommonConfigMgrSwitches = new(StringComparer.OrdinalIgnoreCase)
    {
        "Fast", "PassThru", "Force", "DisableWildcardHandling", "ForceWildcardHandling",
    };

    private static readonly HashSet<string> AutomaticVariables = new(StringComparer.OrdinalIgnoreCase)
    {
        "PSEdition", "Host", "PID", "PSHOME", "ShellId", "ExecutionContext", "Args", "Input", "This", "Error", "Matches", "MyInvocation",
        "PSBoundParameters", "PSCmdlet", "PSScriptRoot", "PSCommandPath", "Profile", "PSVersionTable", "Sender", "Event", "EventArgs",
        "EventSubscriber", "True", "False", "Null", "StackTrace", "LastExitCode", "PSItem", "PWD", "HOME", "NestedPromptLevel",
    };

    /// <summary>The param block of a double for <paramref name="cmdlet"/>, with [CmdletBinding()] and its ShouldProcess support.</summary>
    public static string ParamBlock(string cmdlet)
    {
        var parameters = Parameters(cmdlet);
        var supportsShouldProcess = parameters.Any(p => p.Name.Equals("WhatIf", StringComparison.OrdinalIgnoreCase));
        var text = new StringBuilder();
        text.Append("[CmdletBinding(PositionalBinding = $false").Append(supportsShouldProcess ? ", SupportsShouldProcess = $true" : string.Empty).AppendLine(")]");
        text.AppendLine("param(");
        var declared = parameters
            .Where(p => !p.Name.Equals("WhatIf", StringComparison.OrdinalIgnoreCase) && !p.Name.Equals("Confirm", StringComparison.OrdinalIgnoreCase))
            .Select(p =>
            {
                // A parameter named like an automatic variable ($PSEdition, $Host...) cannot be a function's variable:
                // it is declared as $__Name with its name as an alias, and the doubles read it back under its name.
                var reserved = AutomaticVariables.Contains(p.Name);
                var aliases = reserved ? [p.Name, .. p.Aliases] : p.Aliases;
                return (aliases.Count == 0 ? string.Empty : "[Alias(" + string.Join(", ", aliases.Select(a => "'" + a + "'")) + ")] ")
                    + "[" + p.PowerShellType + "]$" + (reserved ? "__" : string.Empty) + p.Name;
            });
        text.AppendLine(string.Join(",\n", declared));
        text.AppendLine(")");
        return text.ToString();
    }

    public static IReadOnlyList<ReferenceParameter> Parameters(string cmdlet)
    {
        if ((WindowsPowerShell51CmdletReference.Default.ParametersOf(cmdlet) ?? WindowsPowerShell51CmdletReference.Graph.ParametersOf(cmdlet)) is { } windows)
        {
            return [.. windows.Select(p => new ReferenceParameter(p.Name, p.Aliases, TypeOf(p.Type)))];
        }

        if (ConfigMgrCmdletReference.Default.NamesInDocumentedOrder(cmdlet) is { } configMgr)
        {
            var switches = DocumentedSwitches(cmdlet);
            var names = configMgr
                // Short all-lower-case entries are the aliases of WhatIf and Confirm (cf, wi), declared by [CmdletBinding].
                // True and False are values the extraction took for names: as parameters they would assign the constants.
                .Where(n => n is not ("cf" or "wi" or "True" or "False"))
                .ToList();
            return [.. names.Select(n => new ReferenceParameter(n, [], CommonConfigMgrSwitches.Contains(n) || switches.Contains(n) ? "switch" : "object"))];
        }

        throw new InvalidOperationException(cmdlet + " is in neither reference: a double can only be made for a documented cmdlet.");
    }

    private static string TypeOf(string? referenceType) => referenceType switch
    {
        "System.Management.Automation.SwitchParameter" => "switch",
        "System.Security.SecureString" => "System.Security.SecureString",
        "System.String" or "System.String[]" or "System.Int32" or "System.Int64" => referenceType,
        _ => "object",
    };

    /// <summary>Parameters the cmdlet's documented syntax (tests/fixtures/reference/cmdlets/*.syntax.txt) writes without a value.</summary>
    private static HashSet<string> DocumentedSwitches(string cmdlet)
    {
        var syntax = Repository.Fixtures("reference", "cmdlets", cmdlet + ".syntax.txt");
        var switches = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(syntax))
        {
            foreach (Match match in SwitchInSyntax().Matches(File.ReadAllText(syntax)))
            {
                switches.Add(match.Groups[1].Value);
            }
        }

        return switches;
    }

    [GeneratedRegex(@"\[-(\w+)\](?!\s*<)")]
    private static partial Regex SwitchInSyntax();
}

internal sealed record ReferenceParameter(string Name, IReadOnlyList<string> Aliases, string PowerShellType);
