using System.CommandLine;
using RemediationGen.Fixes;

namespace RemediationGen.Cli;

/// <summary>
/// The options every fix declares (<see cref="IFix.Options"/>), as command-line options of <c>generate</c>, in the
/// problems' order; and their values back as <see cref="FixOptionValues"/>. No option is named here.
/// </summary>
internal sealed class FixCliOptions
{
    private readonly List<(FixOption Declared, Option Option)> _options;

    public FixCliOptions(IEnumerable<IFix> fixes)
    {
        _options = [.. fixes.SelectMany(fix => fix.Options).Select(declared => (declared, Create(declared)))];
    }

    public void AddTo(Command command)
    {
        foreach (var (_, option) in _options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The values on the command line (a number not given reads as its default there too; text not given is left out).</summary>
    public FixOptionValues Values(ParseResult parse)
    {
        var values = FixOptionValues.None;
        foreach (var (declared, option) in _options)
        {
            object? value = option switch
            {
                Option<bool> flag => parse.GetValue(flag),
                Option<int> number => parse.GetValue(number),
                Option<string[]> list => parse.GetValue(list),
                Option<string> text => parse.GetValue(text),
                _ => throw new InvalidOperationException($"{declared.Name}: no command-line form for {declared.Kind}."),
            };
            if (value is not null)
            {
                values = values.With(declared.Name, value);
            }
        }

        return values;
    }

    private static Option Create(FixOption declared) => declared.Kind switch
    {
        FixOptionKind.Switch => new Option<bool>(declared.Name) { Description = declared.Description },
        FixOptionKind.Number => new Option<int>(declared.Name) { Description = declared.Description, DefaultValueFactory = _ => declared.DefaultNumber, HelpName = declared.HelpName },
        FixOptionKind.Text => new Option<string>(declared.Name) { Description = declared.Description, HelpName = declared.HelpName },
        FixOptionKind.TextList => new Option<string[]>(declared.Name) { Description = declared.Description, HelpName = declared.HelpName },
        _ => throw new InvalidOperationException($"{declared.Name}: no command-line form for {declared.Kind}."),
    };
}
