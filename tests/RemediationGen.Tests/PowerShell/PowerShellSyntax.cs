using System.Management.Automation.Language;
using System.Text;

namespace RemediationGen.Tests.PowerShell;

/// <summary>What the PowerShell parser found in a set of scripts.</summary>
public sealed record PowerShellSyntaxReport(IReadOnlyList<PowerShellFileReport> Files)
{
    public bool HasErrors => Files.Any(file => file.Errors.Count > 0);

    /// <summary>The report of one file, matched by full path.</summary>
    public PowerShellFileReport ForFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return Files.SingleOrDefault(file => string.Equals(Path.GetFullPath(file.File), fullPath, StringComparison.Ordinal))
            ?? throw new ArgumentException($"The report has no entry for '{path}'.", nameof(path));
    }
}

/// <param name="Ast">The parsed script, for checks that need more than the commands (the 5.1 gate).</param>
/// <param name="Tokens">The parser's tokens, for checks of literal text (escapes, number suffixes).</param>
public sealed record PowerShellFileReport(
    string File,
    IReadOnlyList<PowerShellSyntaxError> Errors,
    IReadOnlyList<PowerShellCommand> Commands,
    IReadOnlyList<PowerShellHashtable> Hashtables,
    ScriptBlockAst Ast,
    IReadOnlyList<Token> Tokens);

/// <summary>A parse error; line and column are 1-based, the column counts UTF-16 code units.</summary>
/// <param name="ErrorId">The parser's error id, for example <c>MissingEndCurlyBrace</c>.</param>
public sealed record PowerShellSyntaxError(int Line, int Column, string ErrorId, string Message);

/// <param name="Name">The command name as written; for <c>&amp; $variable</c> the text of the expression.</param>
/// <param name="Parameters">Every parameter name without '-' or ':': written directly, then those splatted in.</param>
/// <param name="DirectParameters">The parameters written as <c>-Name</c> on the command itself.</param>
/// <param name="SplattedVariables">Variables splatted into the command (<c>@name</c>), without the '@'.</param>
/// <param name="UnresolvedSplattedVariables">Splatted variables with no <c>$name = @{ ... }</c> in the same file.</param>
public sealed record PowerShellCommand(
    string Name,
    int Line,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> DirectParameters,
    IReadOnlyList<string> SplattedVariables,
    IReadOnlyList<string> UnresolvedSplattedVariables,
    CommandAst Ast);

/// <summary>
/// An assignment <c>$Variable = @{ ... }</c> (or <c>[ordered]@{ ... }</c>) and its constant keys, or, with
/// <see cref="IsAddition"/>, a later <c>$Variable.Key = ...</c> / <c>$Variable['Key'] = ...</c> that adds one key.
/// </summary>
public sealed record PowerShellHashtable(string Variable, int Line, IReadOnlyList<string> Keys, bool IsAddition = false);

/// <summary>
/// Parses scripts with the PowerShell parser itself (<see cref="Parser"/> from Microsoft.PowerShell.SDK): no error
/// recovery is trusted, every parse error is reported.
/// </summary>
public static class PowerShellSyntax
{
    /// <summary>Parses the given .ps1 files and directories (recursively, sorted ordinally) in argument order.</summary>
    public static PowerShellSyntaxReport Check(params string[] paths) => Check((IReadOnlyList<string>)paths);

    /// <inheritdoc cref="Check(string[])"/>
    public static PowerShellSyntaxReport Check(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one file or directory is needed.", nameof(paths));
        }

        return new PowerShellSyntaxReport([.. paths.Select(Path.GetFullPath).SelectMany(FilesOf).Select(file => Analyze(ReadScript(file), file))]);
    }

    /// <summary>Parses one script's text; <paramref name="fileName"/> only names it in the report.</summary>
    public static PowerShellFileReport Analyze(string scriptText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(scriptText);
        var ast = Parse(scriptText, out var tokens, out var parseErrors);
        var errors = parseErrors
            .Select(error => new PowerShellSyntaxError(error.Extent.StartLineNumber, error.Extent.StartColumnNumber, error.ErrorId, error.Message))
            .ToList();
        var hashtables = HashtableAssignments(ast);
        var commands = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true)
            .Cast<CommandAst>()
            .Select(command => Describe(command, hashtables))
            .ToList();
        return new PowerShellFileReport(fileName, errors, commands, hashtables, ast, tokens);
    }

    /// <summary>The parser's own result: the AST, the tokens and every error, with no file involved.</summary>
    public static ScriptBlockAst Parse(string scriptText, out Token[] tokens, out ParseError[] errors) =>
        Parser.ParseInput(scriptText, out tokens, out errors);

    private static IEnumerable<string> FilesOf(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.ps1", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        }

        return File.Exists(path)
            ? [path]
            : throw new InvalidOperationException($"The PowerShell syntax check cannot read '{path}': no such file or directory.");
    }

    /// <summary>
    /// As Windows PowerShell 5.1 reads a script: UTF-16 and UTF-8 byte order marks are honoured; generated scripts
    /// carry none and are 7-bit ASCII, so the rest is decoded as UTF-8.
    /// </summary>
    private static string ReadScript(string file)
    {
        try
        {
            return File.ReadAllText(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException($"The PowerShell syntax check cannot read '{file}': {exception.Message}", exception);
        }
    }

    private static PowerShellCommand Describe(CommandAst command, List<PowerShellHashtable> hashtables)
    {
        var name = command.GetCommandName() ?? command.CommandElements[0].Extent.Text;
        var line = command.Extent.StartLineNumber;
        var direct = command.CommandElements.OfType<CommandParameterAst>().Select(parameter => parameter.ParameterName).ToList();
        var splatted = command.CommandElements.OfType<VariableExpressionAst>()
            .Where(variable => variable.Splatted)
            .Select(variable => variable.VariablePath.UserPath)
            .ToList();
        var parameters = new List<string>(direct);
        var unresolved = new List<string>();
        foreach (var variable in splatted)
        {
            var keys = SplattedKeys(variable, line, hashtables);
            if (keys is null)
            {
                unresolved.Add(variable);
                continue;
            }

            parameters.AddRange(keys.Where(key => !parameters.Contains(key, StringComparer.OrdinalIgnoreCase)));
        }

        return new PowerShellCommand(name, line, parameters, direct, splatted, unresolved, command);
    }

    /// <summary>
    /// The keys a splat of <paramref name="variable"/> at <paramref name="line"/> holds: the nearest literal assignment
    /// before the command plus the keys added after it and before the command. With no assignment before it (a
    /// function defined above the hashtable), every key any assignment or addition of that variable names. Null when
    /// the file never assigns the variable a literal hashtable.
    /// </summary>
    internal static IReadOnlyList<string>? SplattedKeys(string variable, int line, IReadOnlyList<PowerShellHashtable> hashtables)
    {
        var candidates = hashtables.Where(hashtable => SameVariable(hashtable.Variable, variable)).ToList();
        if (!candidates.Any(hashtable => !hashtable.IsAddition))
        {
            return null;
        }

        var preceding = candidates.Where(hashtable => !hashtable.IsAddition && hashtable.Line <= line).MaxBy(hashtable => hashtable.Line);
        var keys = preceding is null
            ? candidates.SelectMany(hashtable => hashtable.Keys)
            : preceding.Keys.Concat(candidates
                .Where(hashtable => hashtable.IsAddition && hashtable.Line > preceding.Line && hashtable.Line < line)
                .SelectMany(hashtable => hashtable.Keys));
        return [.. keys.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static List<PowerShellHashtable> HashtableAssignments(ScriptBlockAst ast)
    {
        var found = new List<PowerShellHashtable>();
        foreach (var assignment in ast.FindAll(node => node is AssignmentStatementAst, searchNestedScriptBlocks: true).Cast<AssignmentStatementAst>())
        {
            var line = assignment.Extent.StartLineNumber;
            switch (assignment.Left)
            {
                case VariableExpressionAst variable when LiteralHashtable(assignment.Right) is { } hashtable:
                    found.Add(new PowerShellHashtable(variable.VariablePath.UserPath, line, [.. hashtable.KeyValuePairs.Select(pair => pair.Item1).OfType<StringConstantExpressionAst>().Select(key => key.Value)]));
                    break;
                case MemberExpressionAst { Expression: VariableExpressionAst target, Member: StringConstantExpressionAst key, Static: false }:
                    found.Add(new PowerShellHashtable(target.VariablePath.UserPath, line, [key.Value], IsAddition: true));
                    break;
                case IndexExpressionAst { Target: VariableExpressionAst target, Index: StringConstantExpressionAst key }:
                    found.Add(new PowerShellHashtable(target.VariablePath.UserPath, line, [key.Value], IsAddition: true));
                    break;
            }
        }

        return found;
    }

    private static HashtableAst? LiteralHashtable(StatementAst right) =>
        right is CommandExpressionAst { Expression: var expression }
            ? expression switch
            {
                HashtableAst hashtable => hashtable,
                ConvertExpressionAst { Child: HashtableAst hashtable } => hashtable,
                _ => null,
            }
            : null;

    /// <summary>PowerShell variable names are case-insensitive; <c>$script:p</c> and <c>$p</c> are treated as one.</summary>
    private static bool SameVariable(string left, string right) =>
        string.Equals(WithoutScope(left), WithoutScope(right), StringComparison.OrdinalIgnoreCase);

    private static string WithoutScope(string variable)
    {
        var colon = variable.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? variable[(colon + 1)..] : variable;
    }
}
