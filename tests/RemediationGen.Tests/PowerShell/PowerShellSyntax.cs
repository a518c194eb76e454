using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace RemediationGen.Tests.PowerShell;

/// <summary>What the independent parser (tree-sitter-powershell, see tests/ps-syntax) found in a set of scripts.</summary>
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

public sealed record PowerShellFileReport(
    string File,
    IReadOnlyList<PowerShellSyntaxError> Errors,
    IReadOnlyList<PowerShellCommand> Commands,
    IReadOnlyList<PowerShellHashtable> Hashtables);

public enum PowerShellSyntaxErrorKind
{
    /// <summary>A region the grammar could not parse.</summary>
    Error,

    /// <summary>A token the grammar expected but did not find (for example a closing brace).</summary>
    Missing,
}

/// <summary>A syntax error; line and column are 1-based, the column counts UTF-16 code units.</summary>
public sealed record PowerShellSyntaxError(int Line, int Column, PowerShellSyntaxErrorKind Kind, string Text);

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
    IReadOnlyList<string> UnresolvedSplattedVariables);

/// <summary>An assignment <c>$Variable = @{ ... }</c> (or <c>[ordered]@{ ... }</c>) and its simple keys.</summary>
public sealed record PowerShellHashtable(string Variable, int Line, IReadOnlyList<string> Keys);

/// <summary>Runs tests/ps-syntax/check-ps.mjs under Node.js. Never skips: if the parser cannot run, it throws.</summary>
public static class PowerShellSyntax
{
    // Keeps each command line well below the Windows limit of 32,767 characters.
    private const int MaxArgumentCharactersPerRun = 24_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string CheckerDirectory => Path.Combine(Support.Repository.Root, "tests", "ps-syntax");

    public static string CheckerScript => Path.Combine(CheckerDirectory, "check-ps.mjs");

    /// <summary>Parses the given .ps1 files and directories (recursively) with one Node.js process.</summary>
    public static PowerShellSyntaxReport Check(params string[] paths) => Check((IReadOnlyList<string>)paths);

    /// <inheritdoc cref="Check(string[])"/>
    public static PowerShellSyntaxReport Check(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one file or directory is needed.", nameof(paths));
        }

        EnsureCheckerInstalled();
        var files = new List<PowerShellFileReport>();
        foreach (var batch in Batches(paths.Select(Path.GetFullPath).ToList()))
        {
            files.AddRange(Parse(RunChecker(batch)));
        }

        return new PowerShellSyntaxReport(files);
    }

    private static IEnumerable<List<string>> Batches(List<string> paths)
    {
        var batch = new List<string>();
        var length = 0;
        foreach (var path in paths)
        {
            if (batch.Count > 0 && length + path.Length + 3 > MaxArgumentCharactersPerRun)
            {
                yield return batch;
                batch = [];
                length = 0;
            }

            batch.Add(path);
            length += path.Length + 3;
        }

        yield return batch;
    }

    private static void EnsureCheckerInstalled()
    {
        if (!File.Exists(CheckerScript))
        {
            throw new InvalidOperationException($"The PowerShell syntax checker is missing: {CheckerScript}.");
        }

        if (!Directory.Exists(Path.Combine(CheckerDirectory, "node_modules", "web-tree-sitter"))
            || !File.Exists(Path.Combine(CheckerDirectory, "node_modules", "tree-sitter-powershell", "tree-sitter-powershell.wasm")))
        {
            throw new InvalidOperationException(
                $"The PowerShell parser is not installed in {CheckerDirectory}/node_modules. Building the test project installs it " +
                "(tests/ps-syntax/PowerShellParser.targets runs 'npm ci --ignore-scripts'); or run that command there by hand.");
        }
    }

    private static string RunChecker(List<string> paths)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = CheckerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(CheckerScript);
        foreach (var path in paths)
        {
            startInfo.ArgumentList.Add(path);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)
                ?? throw new InvalidOperationException("Node.js could not be started for the PowerShell syntax check.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                "Node.js ('node' on PATH) is needed for the PowerShell syntax tests (Debian: apt-get install nodejs npm). " +
                $"Starting it failed: {exception.Message}",
                exception);
        }

        using (process)
        {
            var standardOutput = process.StandardOutput.ReadToEndAsync();
            var standardError = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The PowerShell syntax check did not finish within {Timeout.TotalSeconds} s.");
            }

            process.WaitForExit();
            var output = standardOutput.GetAwaiter().GetResult();
            var error = standardError.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The PowerShell syntax check failed (node check-ps.mjs exited with {process.ExitCode}): {error.Trim()}");
            }

            return output;
        }
    }

    private static List<PowerShellFileReport> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The PowerShell syntax check printed something that is not JSON: {Shorten(json)}", exception);
        }

        using (document)
        {
            return document.RootElement.GetProperty("files").EnumerateArray().Select(ParseFile).ToList();
        }
    }

    private static PowerShellFileReport ParseFile(JsonElement file)
    {
        var errors = file.GetProperty("errors").EnumerateArray()
            .Select(error => new PowerShellSyntaxError(
                error.GetProperty("line").GetInt32(),
                error.GetProperty("column").GetInt32(),
                error.GetProperty("kind").GetString() == "MISSING" ? PowerShellSyntaxErrorKind.Missing : PowerShellSyntaxErrorKind.Error,
                error.GetProperty("text").GetString() ?? string.Empty))
            .ToList();
        var hashtables = file.GetProperty("hashtables").EnumerateArray()
            .Select(hashtable => new PowerShellHashtable(
                hashtable.GetProperty("variable").GetString() ?? string.Empty,
                hashtable.GetProperty("line").GetInt32(),
                Strings(hashtable.GetProperty("keys"))))
            .ToList();
        var commands = file.GetProperty("commands").EnumerateArray()
            .Select(command => ResolveSplats(
                command.GetProperty("name").GetString() ?? string.Empty,
                command.GetProperty("line").GetInt32(),
                Strings(command.GetProperty("parameters")),
                Strings(command.GetProperty("splattedVariables")),
                hashtables))
            .ToList();
        return new PowerShellFileReport(file.GetProperty("file").GetString() ?? string.Empty, errors, commands, hashtables);
    }

    private static PowerShellCommand ResolveSplats(
        string name, int line, List<string> direct, List<string> splatted, List<PowerShellHashtable> hashtables)
    {
        var parameters = new List<string>(direct);
        var unresolved = new List<string>();
        foreach (var variable in splatted)
        {
            var candidates = hashtables.Where(hashtable => SameVariable(hashtable.Variable, variable)).ToList();
            if (candidates.Count == 0)
            {
                unresolved.Add(variable);
                continue;
            }

            // The nearest assignment before the command; if there is none (a function defined above the hashtable),
            // every assignment of that variable in the file.
            var preceding = candidates.Where(hashtable => hashtable.Line <= line).OrderBy(hashtable => hashtable.Line).LastOrDefault();
            var keys = preceding is not null ? preceding.Keys : candidates.SelectMany(hashtable => hashtable.Keys);
            parameters.AddRange(keys.Where(key => !parameters.Contains(key, StringComparer.OrdinalIgnoreCase)));
        }

        return new PowerShellCommand(name, line, parameters, direct, splatted, unresolved);
    }

    /// <summary>PowerShell variable names are case-insensitive; <c>$script:p</c> and <c>$p</c> are treated as one.</summary>
    private static bool SameVariable(string left, string right) =>
        string.Equals(WithoutScope(left), WithoutScope(right), StringComparison.OrdinalIgnoreCase);

    private static string WithoutScope(string variable)
    {
        var colon = variable.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? variable[(colon + 1)..] : variable;
    }

    private static List<string> Strings(JsonElement array) =>
        array.EnumerateArray().Select(item => item.GetString() ?? string.Empty).ToList();

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "...";
}
