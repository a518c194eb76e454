namespace RemediationGen.Fixes;

/// <summary>What a fix option takes on the command line.</summary>
internal enum FixOptionKind
{
    /// <summary>A switch: present or not.</summary>
    Switch,

    /// <summary>A whole number, with a default.</summary>
    Number,

    /// <summary>One text value; absent means "not given".</summary>
    Text,

    /// <summary>Text values, the option repeated; absent means none.</summary>
    TextList,
}

/// <summary>
/// One command-line option of <c>generate</c> that a fix declares (in its problem's folder): the CLI builds the option
/// from this, and the fix reads the value back through <see cref="FixOptionValues"/> when it binds its options.
/// </summary>
/// <param name="Name">The option as typed, e.g. <c>--amt-threshold-days</c>: begin it with the problem's own prefix.</param>
/// <param name="HelpName">The value's name in <c>--help</c>, e.g. <c>DAYS</c>; null for a switch.</param>
internal sealed record FixOption(string Name, string Description, FixOptionKind Kind, string? HelpName)
{
    /// <summary>The value of a <see cref="FixOptionKind.Number"/> option that is not given.</summary>
    public int DefaultNumber { get; init; }

    public static FixOption Switch(string name, string description) => new(name, description, FixOptionKind.Switch, null);

    public static FixOption Number(string name, string description, string helpName, int defaultNumber) =>
        new(name, description, FixOptionKind.Number, helpName) { DefaultNumber = defaultNumber };

    public static FixOption Text(string name, string description, string helpName) => new(name, description, FixOptionKind.Text, helpName);

    public static FixOption TextList(string name, string description, string helpName) => new(name, description, FixOptionKind.TextList, helpName);
}
