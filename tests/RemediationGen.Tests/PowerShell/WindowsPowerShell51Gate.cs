using System.Management.Automation.Language;

namespace RemediationGen.Tests.PowerShell;

public enum WindowsPowerShell51ViolationKind
{
    /// <summary>The script does not parse at all.</summary>
    ParseError,

    /// <summary>Syntax, escapes, literals or automatic variables that PowerShell 6+ has and Windows PowerShell 5.1 lacks.</summary>
    Syntax,

    /// <summary>A command that is no 5.1 / Server 2016 cmdlet, ConfigMgr cmdlet, function of the script or native program.</summary>
    Command,

    /// <summary>A parameter name, alias or prefix the cmdlet does not have (or that matches more than one), or a splat that cannot be resolved.</summary>
    Parameter,

    /// <summary>Parameters used together that share no parameter set.</summary>
    ParameterSet,

    /// <summary>A type that .NET Framework 4.8 and System.Management.Automation 5.1 do not have, or do not load by default.</summary>
    Type,

    /// <summary>A static member, constructor or overload of that arity that the type lacks in .NET Framework 4.8.</summary>
    StaticMember,

    /// <summary>An instance call whose arguments prove an overload .NET Framework 4.8 lacks or binds differently.</summary>
    InstanceMemberTrap,
}

/// <summary>One reason a script would fail, or behave differently, in Windows PowerShell 5.1.</summary>
public sealed record WindowsPowerShell51Violation(string File, int Line, WindowsPowerShell51ViolationKind Kind, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Kind}: {Reason}";
}

/// <summary>
/// Checks a script statically against Windows PowerShell 5.1 on Windows Server 2016: syntax the 7.x parser accepts
/// but 5.1 lacks, every command and its named (and splatted) parameters against the 5.1 and ConfigMgr references, every
/// type and static member against the .NET Framework 4.8 reference assemblies, and instance calls whose arguments
/// prove a missing overload. It cannot see instance members in general, dynamic parameters not in the references,
/// positional arguments, or values computed at run time.
/// </summary>
public static partial class WindowsPowerShell51Gate
{
    /// <summary>Parses and checks one script's text; <paramref name="fileName"/> only names it in the violations.</summary>
    public static IReadOnlyList<WindowsPowerShell51Violation> Check(string scriptText, string fileName) =>
        Check(PowerShellSyntax.Analyze(scriptText, fileName));

    /// <summary>Checks every file of a report of <see cref="PowerShellSyntax.Check(string[])"/>.</summary>
    public static IReadOnlyList<WindowsPowerShell51Violation> Check(PowerShellSyntaxReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Files.SelectMany(Check)];
    }

    /// <summary>Checks one parsed file; a file with parse errors gets only those.</summary>
    public static IReadOnlyList<WindowsPowerShell51Violation> Check(PowerShellFileReport file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Errors.Count > 0)
        {
            return [.. file.Errors.Select(error => new WindowsPowerShell51Violation(
                file.File, error.Line, WindowsPowerShell51ViolationKind.ParseError, $"{error.ErrorId}: {error.Message}"))];
        }

        var violations = new List<WindowsPowerShell51Violation>();
        void Report(Ast at, WindowsPowerShell51ViolationKind kind, string reason) =>
            violations.Add(new WindowsPowerShell51Violation(file.File, at.Extent.StartLineNumber, kind, reason));

        CheckSyntax(file, Report, (line, reason) => violations.Add(new WindowsPowerShell51Violation(file.File, line, WindowsPowerShell51ViolationKind.Syntax, reason)));
        var scope = TypeScope.Of(file.Ast);
        CheckCommands(file, scope, Report);
        CheckTypes(file.Ast, scope, Report);
        CheckInstanceMemberTraps(file.Ast, Report);
        return [.. violations.Distinct().OrderBy(violation => violation.Line)];
    }

    private delegate void Reporter(Ast at, WindowsPowerShell51ViolationKind kind, string reason);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
