using System.Text.Json;

namespace RemediationGen.Fixes;

/// <summary>The checked options of every fix of one run: each fix finds its own by type.</summary>
internal sealed class FixOptionSet
{
    private readonly IReadOnlyList<IFixOptions> _options;

    private FixOptionSet(IReadOnlyList<IFixOptions> options)
    {
        _options = options;
    }

    /// <summary>
    /// Each fix's options from <paramref name="values"/> (defaults for what is not given), checked by the fix: an invalid
    /// value throws naming its option. Fixes without options add nothing.
    /// </summary>
    public static FixOptionSet Bind(IEnumerable<IFix> fixes, FixOptionValues values)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        var options = fixes.Select(fix => fix.BindOptions(values)).OfType<IFixOptions>().ToList();
        var duplicate = options.GroupBy(o => o.DigestSection, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new FixOptionSet(options)
            : throw new InvalidOperationException($"Two fixes write the input digest section '{duplicate.Key}'.");
    }

    /// <summary>The options of type <typeparamref name="T"/>; every fix's options are bound before any fix plans.</summary>
    public T Get<T>()
        where T : IFixOptions =>
        _options.OfType<T>().SingleOrDefault() ?? throw new InvalidOperationException($"No {typeof(T).Name} were bound for this run.");

    /// <summary>Every fix's section, ordered by section name so the digest does not depend on the order problems are found in.</summary>
    public void WriteDigest(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var options in _options.OrderBy(o => o.DigestSection, StringComparer.Ordinal))
        {
            writer.WritePropertyName(options.DigestSection);
            options.WriteDigest(writer);
        }
    }
}
