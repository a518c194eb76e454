using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Security;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// One call a script made to a double, with its parameters in a canonical order, written as PowerShell would read
/// it: <c>New-CMDeviceCollection -LimitingCollectionName 'All Systems' -Name 'x'</c>. A SecureString is written
/// <c>&lt;SecureString&gt;</c>, a long text by its label (e.g. the package file it equals) so rows stay short.
/// </summary>
public sealed record RecordedCall(string Command, IReadOnlyList<KeyValuePair<string, string>> Parameters, bool WhatIf)
{
    public override string ToString() =>
        string.Concat(Parameters.Select(p => p.Value.Length == 0 || p.Value[0] == ':' ? " -" + p.Key + p.Value : " -" + p.Key + " " + p.Value).Prepend(Command)) + (WhatIf ? " [WhatIf]" : string.Empty);

    public static IReadOnlyList<KeyValuePair<string, string>> Canonical(IDictionary<string, object?> parameters, Func<string, string?> labelOf) =>
        [.. parameters.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => new KeyValuePair<string, string>(p.Key, Format(p.Value, labelOf)))];

    /// <summary>A value as a script would write it; a present switch is the empty string (written as the bare name).</summary>
    public static string Format(object? value, Func<string, string?> labelOf) => value switch
    {
        null => "$null",
        PSObject { BaseObject: not PSCustomObject } wrapped => Format(wrapped.BaseObject, labelOf),
        SwitchParameter { IsPresent: true } => string.Empty,
        SwitchParameter => ":$false",
        bool flag => flag ? "$true" : "$false",
        SecureString => "<SecureString>",
        Enum choice => choice.ToString(),
        string text => labelOf(text) ?? Quote(text),
        IFormattable number when value is int or long or uint or ulong => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items and not IDictionary => "@(" + string.Join(", ", items.Cast<object?>().Select(i => Format(i, labelOf))) + ")",
        _ => "<" + (value is PSObject ? "object" : value.GetType().Name) + ">",
    };

    private static string Quote(string text) =>
        text.Length > 200 || text.Contains('\n', StringComparison.Ordinal)
            ? "<text of " + text.Length.ToString(CultureInfo.InvariantCulture) + " chars>"
            : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
