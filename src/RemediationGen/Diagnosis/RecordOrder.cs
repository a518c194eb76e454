namespace RemediationGen.Diagnosis;

/// <summary>
/// Whether one record was written after another, for recovery lines. Within one file the line order decides (a file is
/// written in order, and the engine may read files in any order or in parallel); across files only times can, UTC when
/// both biases are known, else local times. Without times nothing can be said, so nothing is treated as later.
/// </summary>
internal static class RecordOrder
{
    public static bool IsAfter(Evidence candidate, Evidence earlier)
    {
        if (string.Equals(candidate.File, earlier.File, StringComparison.Ordinal))
        {
            return candidate.Line > earlier.Line;
        }

        if (candidate.Time?.Utc is { } candidateUtc && earlier.Time?.Utc is { } earlierUtc)
        {
            return candidateUtc > earlierUtc;
        }

        return candidate.Time is { } candidateTime && earlier.Time is { } earlierTime && candidateTime.Local > earlierTime.Local;
    }

    /// <summary>The latest of <paramref name="records"/> that is after every one of <paramref name="failures"/>, if any.</summary>
    public static Evidence? LatestAfterAll(IEnumerable<Evidence> records, IReadOnlyCollection<Evidence> failures)
    {
        Evidence? latest = null;
        foreach (var record in records)
        {
            if (failures.All(failure => IsAfter(record, failure)) && (latest is null || IsAfter(record, latest)))
            {
                latest = record;
            }
        }

        return latest;
    }
}
