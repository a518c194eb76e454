using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>The engine's key for thinning records (<see cref="NewestRecordPerKey"/>), from the rules that declare one.</summary>
internal static class NewestRecordKeys
{
    /// <summary>
    /// A record's key when exactly one rule reads it (no other rule's signature is in it) and that rule gives it a key;
    /// null when no rule keeps only newest records.
    /// </summary>
    public static RecordKey? Of(IReadOnlyList<IDiagnosticRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var keepers = rules
            .Select((rule, index) => (Rule: rule, Index: index))
            .Where(pair => pair.Rule is IKeepsNewestRecord)
            .Select(pair => (
                Keeper: (IKeepsNewestRecord)pair.Rule,
                pair.Rule.Problem.Id,
                // Only messages are searched here: never build a filter of its own for a long one.
                Others: LogSignatures.Create(rules.Where((_, index) => index != pair.Index).SelectMany(rule => rule.Signatures), filterFromChars: int.MaxValue)))
            .ToArray();
        if (keepers.Length == 0)
        {
            return null;
        }

        // Two keeping rules could give the same key to different records: their keys are told apart by rule.
        var prefixed = keepers.Length > 1;
        return (file, message, component) =>
        {
            foreach (var (keeper, id, others) in keepers)
            {
                if (keeper.NewestRecordKey(file, message) is { } key && !others.Matches(message, component))
                {
                    return prefixed ? string.Concat(id, "\n", key) : key;
                }
            }

            return null;
        };
    }
}
