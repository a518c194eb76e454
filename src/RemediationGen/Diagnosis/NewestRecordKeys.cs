using RemediationGen.Logs;

namespace RemediationGen.Diagnosis;

/// <summary>The engine's key for thinning records (<see cref="NewestRecordPerKey"/>), from the rules that declare one.</summary>
internal static class NewestRecordKeys
{
    /// <summary>
    /// A record's key when exactly one rule reads it (no other rule's signature is in it) and that rule gives it a key;
    /// null when no rule keeps only newest records. The other rules' signatures are searched in messages with a filter
    /// once <paramref name="scanSignatures"/>, the scan's, has built one (<see cref="LogSignatures.CreateFollowing"/>).
    /// </summary>
    public static RecordKey? Of(IReadOnlyList<IDiagnosticRule> rules, LogSignatures scanSignatures)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(scanSignatures);
        // Loops and a class, not LINQ over tuples: this runs at start-up, where generic code over a struct is compiled
        // on the spot.
        var keepers = new List<Keeper>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not IKeepsNewestRecord keeper)
            {
                continue;
            }

            var others = new List<string>();
            for (var j = 0; j < rules.Count; j++)
            {
                if (j != i)
                {
                    others.AddRange(rules[j].Signatures);
                }
            }

            keepers.Add(new Keeper(keeper, rules[i].Problem.Id, LogSignatures.CreateFollowing(others, scanSignatures)));
        }

        if (keepers.Count == 0)
        {
            return null;
        }

        // Two keeping rules could give the same key to different records: their keys are told apart by rule.
        var prefixed = keepers.Count > 1;
        return (file, message, component) =>
        {
            foreach (var keeper in keepers)
            {
                if (keeper.Rule.NewestRecordKey(file, message) is { } key && !keeper.Others.Matches(message, component))
                {
                    return prefixed ? string.Concat(keeper.Id, "\n", key) : key;
                }
            }

            return null;
        };
    }

    /// <param name="Others">The signatures of every other rule: a record holding one is read by more than the keeper.</param>
    private sealed record Keeper(IKeepsNewestRecord Rule, string Id, LogSignatures Others);
}
