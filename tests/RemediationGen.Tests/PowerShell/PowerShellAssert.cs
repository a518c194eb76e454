using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RemediationGen.Tests.PowerShell;

/// <summary>Assertions over generated PowerShell, built on <see cref="PowerShellSyntax"/>.</summary>
public static partial class PowerShellAssert
{
    /// <summary>The PowerShell common parameters (and their aliases), accepted on every cmdlet.</summary>
    private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "WhatIf", "wi", "Confirm", "cf", "Verbose", "vb", "Debug", "db",
        "ErrorAction", "ea", "ErrorVariable", "ev", "WarningAction", "wa", "WarningVariable", "wv",
        "InformationAction", "infa", "InformationVariable", "iv",
        "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv",
    };

    /// <summary>Parses the files (or directories) and fails listing file:line:column, error id and message of every syntax error.</summary>
    /// <returns>The report, for further assertions without parsing again.</returns>
    public static PowerShellSyntaxReport ParsesWithoutErrors(IReadOnlyList<string> files)
    {
        var report = PowerShellSyntax.Check(files);
        ParsesWithoutErrors(report);
        return report;
    }

    /// <summary>Fails listing file:line:column, error id and message of every syntax error in the report.</summary>
    public static void ParsesWithoutErrors(PowerShellSyntaxReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Files.Count == 0)
        {
            Assert.Fail("The PowerShell syntax check found no .ps1 files.");
        }

        var message = new StringBuilder();
        foreach (var file in report.Files.Where(file => file.Errors.Count > 0))
        {
            var lines = ReadLines(file.File);
            foreach (var error in file.Errors)
            {
                message.Append(CultureInfo.InvariantCulture, $"{file.File}:{error.Line}:{error.Column}: {error.ErrorId}: {Escape(error.Message)}")
                    .AppendLine();
                if (error.Line >= 1 && error.Line <= lines.Length)
                {
                    message.Append("    > ").AppendLine(lines[error.Line - 1].TrimEnd('\r'));
                }
            }
        }

        if (message.Length > 0)
        {
            var count = report.Files.Sum(file => file.Errors.Count);
            Assert.Fail($"The PowerShell parser found {count} syntax error(s):{Environment.NewLine}{message}");
        }
    }

    /// <summary>
    /// Every command named like a ConfigurationManager cmdlet (Verb-CMNoun, any case) must be a documented cmdlet, and
    /// each of its parameters, written directly or splatted from a hashtable, must be documented for it (PowerShell
    /// common parameters excepted). A splatted variable with no <c>$name = @{ ... }</c> in the file fails too: its
    /// parameters cannot be checked.
    /// </summary>
    public static void UsesOnlyDocumentedConfigMgrParameters(PowerShellSyntaxReport report) =>
        UsesOnlyDocumentedConfigMgrParameters(report, ConfigMgrCmdletReference.Default);

    /// <inheritdoc cref="UsesOnlyDocumentedConfigMgrParameters(PowerShellSyntaxReport)"/>
    public static void UsesOnlyDocumentedConfigMgrParameters(PowerShellSyntaxReport report, ConfigMgrCmdletReference reference)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reference);
        var problems = new List<string>();
        foreach (var file in report.Files)
        {
            foreach (var command in file.Commands.Where(command => ConfigMgrCmdletName().IsMatch(command.Name)))
            {
                var where = $"{file.File}:{command.Line}: {command.Name}";
                if (!reference.IsKnownCmdlet(command.Name))
                {
                    problems.Add($"{where}: not a documented ConfigurationManager cmdlet");
                    continue;
                }

                foreach (var parameter in command.Parameters.Where(parameter =>
                             !CommonParameters.Contains(parameter) && !reference.IsKnownParameter(command.Name, parameter)))
                {
                    var source = command.DirectParameters.Contains(parameter, StringComparer.Ordinal)
                        ? "written directly"
                        : "splatted from @" + string.Join(", @", command.SplattedVariables);
                    problems.Add($"{where}: parameter -{parameter} ({source}) is not documented for this cmdlet");
                }

                foreach (var variable in command.UnresolvedSplattedVariables)
                {
                    problems.Add($"{where}: splatted @{variable} has no '${variable} = @{{ ... }}' in this file, so its parameters cannot be checked");
                }
            }
        }

        if (problems.Count > 0)
        {
            Assert.Fail($"{problems.Count} ConfigurationManager cmdlet problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }

    /// <summary>
    /// Fails listing every <see cref="WindowsPowerShell51Gate"/> violation (file:line: kind: reason) in the report's
    /// scripts, except those in <paramref name="knownViolations"/> (each written as the violation's ToString()); a known
    /// violation that no longer occurs fails too, so the list cannot go stale.
    /// </summary>
    public static void PassesWindowsPowerShell51Gate(PowerShellSyntaxReport report, IReadOnlyCollection<string>? knownViolations = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var known = knownViolations ?? [];
        var found = WindowsPowerShell51Gate.Check(report).Select(violation => violation.ToString()).ToList();
        var unexpected = found.Where(violation => !known.Contains(violation)).ToList();
        var gone = known.Where(violation => !found.Contains(violation)).ToList();
        if (unexpected.Count > 0 || gone.Count > 0)
        {
            Assert.Fail(
                $"{unexpected.Count} Windows PowerShell 5.1 gate violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, unexpected)}"
                + (gone.Count == 0 ? string.Empty : $"{Environment.NewLine}{gone.Count} known violation(s) no longer occur; remove them from the list:{Environment.NewLine}{string.Join(Environment.NewLine, gone)}"));
        }
    }

    [GeneratedRegex("^[A-Za-z]+-CM[A-Za-z]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMgrCmdletName();

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllText(path).Split('\n');
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// True when line <paramref name="index"/> (0-based) sits, by indentation, inside a block opened by an
    /// <c>if (... $PSCmdlet.ShouldProcess(...))</c>: the change it makes is skipped under -WhatIf.
    /// </summary>
    public static bool InsideShouldProcessBlock(string[] lines, int index)
    {
        ArgumentNullException.ThrowIfNull(lines);
        static int Indent(string line) => line.Length - line.TrimStart().Length;
        var level = Indent(lines[index]);
        for (var i = index - 1; i >= 0; i--)
        {
            if (lines[i].Trim().Length == 0 || Indent(lines[i]) >= level)
            {
                continue;
            }

            if (lines[i].TrimStart().StartsWith("if (", StringComparison.Ordinal) && lines[i].Contains("$PSCmdlet.ShouldProcess(", StringComparison.Ordinal))
            {
                return true;
            }

            level = Indent(lines[i]);
            if (level == 0)
            {
                return false;
            }
        }

        return false;
    }
}
