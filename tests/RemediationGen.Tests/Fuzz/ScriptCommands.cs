using System.Management.Automation.Language;

namespace RemediationGen.Tests.Fuzz;

/// <summary>What PowerShell's own parser finds in a generated script: its errors, and every command it would run.</summary>
internal sealed record ScriptCommands(IReadOnlyList<string> Errors, IReadOnlyList<string> Commands)
{
    public static ScriptCommands Parse(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        var commands = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true)
            .Cast<CommandAst>()
            .Select(command => command.GetCommandName() ?? "(dynamic: " + command.CommandElements[0].Extent.Text + ")")
            .ToList();
        return new ScriptCommands([.. errors.Select(e => $"{e.Extent.StartLineNumber}:{e.Extent.StartColumnNumber} {e.Message}")], commands);
    }

    /// <summary>Every .ps1 below <paramref name="folder"/>, by path relative to it ('/' separators).</summary>
    public static SortedDictionary<string, ScriptCommands> Below(string folder) =>
        new(
            Directory.EnumerateFiles(folder, "*.ps1", SearchOption.AllDirectories)
                .ToDictionary(path => Path.GetRelativePath(folder, path).Replace('\\', '/'), Parse),
            StringComparer.Ordinal);
}
