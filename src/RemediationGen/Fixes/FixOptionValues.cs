namespace RemediationGen.Fixes;

/// <summary>
/// The fix options as given, by option name, before any fix has checked them: what the CLI (or a test) hands the
/// generator. An option not given reads as its default.
/// </summary>
internal sealed class FixOptionValues
{
    private readonly Dictionary<string, object> _values;

    private FixOptionValues(Dictionary<string, object> values)
    {
        _values = values;
    }

    /// <summary>No option given: every fix uses its defaults.</summary>
    public static FixOptionValues None { get; } = new(new Dictionary<string, object>(StringComparer.Ordinal));

    /// <summary>These values and <paramref name="value"/> for <paramref name="name"/> (a bool, int, string or list of strings by the option's kind).</summary>
    public FixOptionValues With(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(new Dictionary<string, object>(_values, StringComparer.Ordinal) { [name] = value });
    }

    public bool Switch(FixOption option) => Get(option) is true;

    public int Number(FixOption option) => Get(option) is int number ? number : option.DefaultNumber;

    public string? Text(FixOption option) => Get(option) as string;

    public IReadOnlyList<string> TextList(FixOption option) => Get(option) as IReadOnlyList<string> ?? [];

    private object? Get(FixOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return _values.GetValueOrDefault(option.Name);
    }
}
