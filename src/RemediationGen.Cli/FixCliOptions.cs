using System.CommandLine;
using RemediationGen.Fixes;

namespace RemediationGen.Cli;

/// <summary>
/// The options every fix declares (<see cref="IFix.Options"/>), as command-line options of <c>generate</c>, in the
/// problems' order; and their values back as <see cref="FixOptionValues"/>. No option is named here.
/// </summary>
internal sealed class FixCliOptions
{
    // A class and loops, not LINQ over value tuples: this runs at every start of generate, where code for a generic
    // instantiation over a value type is compiled at run time.
    private readonly List<DeclaredOption> _options = [];

    public FixCliOptions(IEnumerable<IFix> fixes)
    {
        foreach (var fix in fixes)
        {
            foreach (var declared in fix.Options)
            {
                _options.Add(new DeclaredOption(declared, Create(declared)));
            }
        }
    }

    public void AddTo(Command command)
    {
        foreach (var option in _options)
        {
            command.Options.Add(option.Option);
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

    private sealed record DeclaredOption(FixOption Declared, Option Option);
}
