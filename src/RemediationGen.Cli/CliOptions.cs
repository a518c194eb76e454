using System.CommandLine;
using RemediationGen.Jobs;

namespace RemediationGen.Cli;

/// <summary>The options several commands share, and how they become a <see cref="FactsSource"/>.</summary>
internal sealed class CliOptions
{
    public Option<bool> Demo { get; } = new("--demo") { Description = "Use the built-in demo hierarchy (facts and logs); no database needed." };

    public Option<string> Facts { get; } = new("--facts") { Description = "Read site facts from this facts file (see README 'Facts file').", HelpName = "FILE" };

    public Option<string> Sql { get; } = new("--sql")
    {
        Description = "Read site facts from this ConfigMgr site database (SqlClient connection string, or env:NAME to read it from an environment variable). Encrypt=True and ApplicationIntent=ReadOnly unless the string says otherwise.",
        HelpName = "CONNECTION-STRING",
    };

    public Option<int> SqlTimeout { get; } = new("--sql-timeout")
    {
        Description = "Seconds each site database query may take.",
        DefaultValueFactory = _ => RemediationGen.Facts.SiteFactsReadOptions.DefaultCommandTimeoutSeconds,
        HelpName = "SECONDS",
    };

    public Option<string[]> IclComponent { get; } = new("--icl-component")
    {
        Description = "When a site holds several distinct IssuingCertificateList values, use the one of this component: SITE=COMPONENT. Repeatable.",
        HelpName = "SITE=COMPONENT",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Logs { get; } = new("--logs")
    {
        Description = "Log files or folders (searched recursively for *.log and *.lo_). Put each server's logs in a folder named after it. Repeatable.",
        HelpName = "PATH",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Server { get; } = new("--server")
    {
        Description = "The logs at PATH (a file or folder, also read) come from server NAME, whatever their folder or file names say. Repeatable.",
        HelpName = "NAME=PATH",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Force { get; } = new("--force") { Description = "Replace an earlier RemediationGen output of the same name (never anything else)." };

    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "Show details (stack traces) of unexpected errors.", Recursive = true };

    public void AddFactsSourceOptions(Command command)
    {
        command.Options.Add(Demo);
        command.Options.Add(Facts);
        command.Options.Add(Sql);
        command.Options.Add(SqlTimeout);
        command.Options.Add(IclComponent);
    }

    /// <summary>
    /// Adds validators: at most one facts source, and at least one when <paramref name="required"/>; and the values of
    /// the SQL options (<see cref="AddSqlValueValidators"/>).
    /// </summary>
    public void RequireOneFactsSource(Command command, bool required)
    {
        command.Validators.Add(result =>
        {
            var given = new Option[] { Demo, Facts, Sql }.Where(option => result.GetResult(option) is { Implicit: false }).Select(option => option.Name).ToList();
            if (given.Count > 1)
            {
                result.AddError($"Use only one of --demo, --facts and --sql (got {string.Join(" and ", given)}).");
            }
            else if (given.Count == 0 && required)
            {
                result.AddError("Say where the facts come from: --demo, --facts FILE or --sql CONNECTION-STRING.");
            }
        });
        AddSqlValueValidators(command);
    }

    /// <summary>Adds a validator of <c>--sql-timeout</c> (1 to 3600 seconds) and <c>--icl-component</c> (SITE=COMPONENT).</summary>
    public void AddSqlValueValidators(Command command)
    {
        command.Validators.Add(result =>
        {
            // Read from the token: a value that does not parse gets the parser's own error, and reading it as int would throw.
            if (result.GetResult(SqlTimeout) is { Implicit: false, Tokens: [var token] }
                && int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is < 1 or > 3600)
            {
                result.AddError("--sql-timeout must be between 1 and 3600 seconds.");
            }

            foreach (var choice in GivenValues(result, IclComponent))
            {
                if (ParseChoice(choice) is null)
                {
                    result.AddError($"--icl-component '{choice}' is not SITE=COMPONENT (for example PS1=SMS_SITE_COMPONENT_MANAGER).");
                }
            }
        });
    }

    /// <summary>Adds <c>--server NAME=PATH</c> and its validator: NAME a valid host name, PATH an existing file or folder.</summary>
    public void AddServerOption(Command command)
    {
        command.Options.Add(Server);
        command.Validators.Add(result =>
        {
            var serverOfPath = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in GivenValues(result, Server))
            {
                if (ParseChoice(value) is not { } pair)
                {
                    result.AddError($"--server '{value}' is not NAME=PATH (for example dp01.contoso.com=logs/dp01).");
                }
                else if (!RemediationGen.Facts.HostName.TryNormalize(pair.Key, out _, out var reason))
                {
                    result.AddError($"--server '{value}': '{pair.Key}' is not a valid host name ({reason}).");
                }
                else if (!File.Exists(pair.Value) && !Directory.Exists(pair.Value))
                {
                    result.AddError($"--server '{value}': path '{pair.Value}' does not exist.");
                }
                else if (serverOfPath.TryGetValue(pair.Value, out var other) && !string.Equals(other, pair.Key, StringComparison.OrdinalIgnoreCase))
                {
                    // Logs given to the wrong server would make fixes for the wrong server: refused, never a silent choice.
                    result.AddError($"--server '{value}': path '{pair.Value}' is already given for '{other}'; give one server per path.");
                }
                else
                {
                    serverOfPath.TryAdd(pair.Value, pair.Key);
                }
            }
        });
    }

    /// <summary>The <c>--server</c> values as path to server (a path given twice names one server: the validator refuses two).</summary>
    public IReadOnlyDictionary<string, string> Servers(ParseResult parse)
    {
        var servers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in parse.GetValue(Server) ?? [])
        {
            // A loop, not LINQ over key-value pairs: generic code over a struct is compiled at start-up.
            if (ParseChoice(value) is { } pair)
            {
                servers[pair.Value] = pair.Key;
            }
        }

        return servers;
    }

    public FactsSource? FactsSource(ParseResult parse)
    {
        if (parse.GetValue(Demo))
        {
            return new FactsSource.Demo();
        }

        if (parse.GetValue(Facts) is { } file)
        {
            return new FactsSource.File(file);
        }

        return parse.GetValue(Sql) is { } connection ? SqlSource(parse, connection) : null;
    }

    public FactsSource.Sql SqlSource(ParseResult parse, string connection)
    {
        var choices = (parse.GetValue(IclComponent) ?? [])
            .Select(ParseChoice)
            .OfType<KeyValuePair<string, string>>()
            .GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key.ToUpperInvariant(), g => g.Last().Value, StringComparer.OrdinalIgnoreCase);
        return new FactsSource.Sql(connection, parse.GetValue(SqlTimeout), choices);
    }

    /// <summary>
    /// An option's values as given, for a validator: an option given without its value already has the parser's own
    /// error, and reading it with GetValue would throw.
    /// </summary>
    private static IEnumerable<string> GivenValues(System.CommandLine.Parsing.CommandResult result, Option option) =>
        result.GetResult(option)?.Tokens.Select(token => token.Value) ?? [];

    private static KeyValuePair<string, string>? ParseChoice(string choice)
    {
        var equals = choice.IndexOf('=', StringComparison.Ordinal);
        return equals is > 0 && equals < choice.Length - 1
            ? new KeyValuePair<string, string>(choice[..equals].Trim(), choice[(equals + 1)..].Trim())
            : null;
    }
}
