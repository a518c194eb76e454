using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;

namespace RemediationGen.Cli;

/// <summary>
/// Builds the command tree and runs it. This layer only parses arguments, calls a job of the core library, prints
/// its result, and maps errors to the documented exit codes with a one-line message (a stack trace only with --verbose).
/// </summary>
internal static partial class CliApplication
{
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider timeProvider, CancellationToken cancellationToken = default) =>
        // Parsing and validation run user-facing code too: whatever escapes them is one line and exit 70, never a crash.
        Guard(error, args.Contains("--verbose", StringComparer.Ordinal), () => ParseAndInvoke(args, output, error, timeProvider, cancellationToken));

    private static int ParseAndInvoke(string[] args, TextWriter output, TextWriter error, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var options = new CliOptions();
        var root = new RootCommand("RemediationGen: fix packages (Intune and ConfigMgr) for ConfigMgr certificate failures, from the site database and its logs.");
        root.Options.Add(CliOptions.Verbose);

        // Building a command's options costs start-up time: when the first argument names a command, only that one is
        // built (its parsing, errors and help are the same); none for --version alone, which reads no command;
        // otherwise all, for the root's help and its errors.
        var only = args is [var first, ..] && CommandNames.Contains(first, StringComparer.Ordinal) ? first : null;
        foreach (var name in CommandNames.Where(name => args is not ["--version"] && (only is null || name == only)))
        {
            root.Subcommands.Add(name switch
            {
                "generate" => GenerateCommand.Create(options, output, error, timeProvider, cancellationToken),
                "collect" => CollectCommand.Create(options, output, error, timeProvider, cancellationToken),
                "diagnose" => DiagnoseCommand.Create(options, output, error, timeProvider, cancellationToken),
                "sign" => SignCommand.Create(output, error, timeProvider),
                "verify" => VerifyCommand.Create(output, error, timeProvider),
                "status" => StatusCommand.Create(output, error),
                _ => throw new InvalidOperationException($"No command is named '{name}'."),
            });
        }

        // No response files: an '@path' argument is an argument like any other, never a file read and echoed.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"remediationgen: {ScrubSecrets(HideConnectionStrings(parseError.Message, args))}");
            }

            error.WriteLine($"Run 'remediationgen {CommandPath(parse)}--help' for usage.");
            return ExitCodes.InvalidInput;
        }

        if (HasConnectionStringOutsideSql(args))
        {
            error.WriteLine("remediationgen: an argument that looks like a connection string with a password is accepted only as the value of --sql; it is never used as a path, written to disk or printed.");
            error.WriteLine($"Run 'remediationgen {CommandPath(parse)}--help' for usage.");
            return ExitCodes.InvalidInput;
        }

        return parse.Invoke(invocation);
    }

    /// <summary>The commands, in the order the root's help lists them.</summary>
    internal static readonly string[] CommandNames = ["generate", "collect", "diagnose", "sign", "verify", "status"];

    /// <summary>Runs a command body and turns its failures into one line and an exit code.</summary>
    internal static int Guard(TextWriter error, bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (RemediationGenException ex)
        {
            // A message names the value at fault, and a connection string given where a path goes is such a value.
            error.WriteLine($"remediationgen: {ScrubSecrets(ex.Message)}");
            if (verbose && ex.InnerException is not null)
            {
                error.WriteLine(ScrubSecrets(ex.InnerException.ToString()));
            }

            return ExitCodes.For(ex.Kind);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("remediationgen: canceled; nothing was written.");
            return ExitCodes.Canceled;
        }
#pragma warning disable CA1031 // The last line of defence: an unexpected error becomes one line and exit code 70, not a crash dump.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine($"remediationgen: unexpected error ({ex.GetType().Name}): {ScrubSecrets(ex.Message)}");
            error.WriteLine(verbose ? ScrubSecrets(ex.ToString()) : "This is a bug in RemediationGen: run again with --verbose and report what it prints.");
            return ExitCodes.UnexpectedError;
        }
    }

    /// <summary>
    /// A mistyped option can make the parser echo a connection string: never print a password. The value is cut as the
    /// connection-string grammar reads it: quoted with ' or " (a doubled quote inside stays inside), else up to ';'.
    /// </summary>
    internal static string ScrubSecrets(string message) =>
        PasswordPattern().Replace(message, m => m.Groups[1].Value + "=***");

    /// <summary>
    /// A password in the value of --out, --facts or any other option would be printed (and become a folder name):
    /// found by bench/fuzz.sh with a connection string given as --out.
    /// </summary>
    private static bool HasConnectionStringOutsideSql(string[] args) =>
        args.Where((arg, i) => MayHoldPassword(arg)
                && !(i > 0 && args[i - 1] == "--sql")
                && !arg.StartsWith("--sql=", StringComparison.Ordinal)
                && !arg.StartsWith("--sql:", StringComparison.Ordinal))
            .Any();

    /// <summary>An argument that looks like a connection string (a forgotten --sql) is not echoed at all.</summary>
    private static string HideConnectionStrings(string message, string[] args)
    {
        foreach (var arg in args.Where(a => a.Contains('=', StringComparison.Ordinal) && (a.Contains(';', StringComparison.Ordinal) || MayHoldPassword(a))))
        {
            message = message.Replace(arg, "(an argument that looks like a connection string; not shown)", StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>The pattern needs an '=': an argument without one (nearly all) never loads the regular expression engine.</summary>
    private static bool MayHoldPassword(string arg) =>
        arg.Contains('=', StringComparison.Ordinal) && PasswordPattern().IsMatch(arg);

    private static string CommandPath(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? string.Empty : parse.CommandResult.Command.Name + " ";

    [GeneratedRegex(@"\b(password|pwd)\s*=\s*(""(?:[^""]|"""")*""|'(?:[^']|'')*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPattern();
}
