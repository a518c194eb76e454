namespace RemediationGen.Logs;

/// <summary>
/// Which log set a file belongs to, and where in it. ConfigMgr rolls <c>X.log</c> over to <c>X.lo_</c>, and some
/// components keep timestamped archives <c>X-YYYYMMDD-HHMMSS.log</c>: in one folder these are one log, read oldest
/// first: the archives by their timestamp, then <c>X.lo_</c>, then the live <c>X.log</c>.
/// </summary>
internal readonly record struct LogSetName(string BaseName, int Rank, string Timestamp)
{
    private const int ArchiveRank = 0;
    private const int RolledOverRank = 1;
    private const int LiveRank = 2;

    // "-YYYYMMDD-HHMMSS"
    private const int StampLength = 16;

    /// <summary>Orders files of one folder: by set (base name, ignoring case), then oldest first within a set.</summary>
    public static int Compare(LogSetName a, LogSetName b)
    {
        var bySet = StringComparer.OrdinalIgnoreCase.Compare(a.BaseName, b.BaseName);
        if (bySet != 0)
        {
            return bySet;
        }

        var byRank = a.Rank.CompareTo(b.Rank);
        return byRank != 0 ? byRank : string.CompareOrdinal(a.Timestamp, b.Timestamp);
    }

    public static LogSetName Parse(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        if (Path.GetExtension(fileName).Equals(".lo_", StringComparison.OrdinalIgnoreCase))
        {
            return new LogSetName(stem, RolledOverRank, string.Empty);
        }

        return IsArchiveStamp(stem)
            ? new LogSetName(stem[..^StampLength], ArchiveRank, stem[^(StampLength - 1)..])
            : new LogSetName(stem, LiveRank, string.Empty);
    }

    /// <summary>The name without the archive timestamp, e.g. <c>SMSPXE</c> for <c>SMSPXE-20261120-101500.log</c>.</summary>
    public static string StemWithoutStamp(string fileName) => Parse(fileName).BaseName;

    private static bool IsArchiveStamp(string stem)
    {
        if (stem.Length <= StampLength)
        {
            return false;
        }

        var stamp = stem.AsSpan(stem.Length - StampLength);
        return stamp[0] == '-' && stamp[9] == '-'
            && !stamp[1..9].ContainsAnyExceptInRange('0', '9')
            && !stamp[10..].ContainsAnyExceptInRange('0', '9');
    }
}
