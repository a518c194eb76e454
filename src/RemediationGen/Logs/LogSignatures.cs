using System.Buffers;

namespace RemediationGen.Logs;

/// <summary>
/// The literal texts of which every record the rules need holds one (ordinal, ignoring case). The empty string
/// matches every record, and then the scan parses every record.
/// </summary>
internal sealed class LogSignatures
{
    private readonly string[] _signatures;
    private readonly int[] _anchorStarts;

    // Each signature's first anchor character in lower and upper case: a candidate the search found for another
    // signature's anchor is passed over without a call. Only between ASCII characters is that test exact (ignoring
    // case, 'ı' matches 'i'), so other characters go to the full comparison.
    private readonly char[] _anchorFirstLower;
    private readonly char[] _anchorFirstUpper;
    private readonly SearchValues<string> _anchors;

    private LogSignatures(string[] signatures, bool matchesEveryRecord)
    {
        _signatures = signatures;
        _anchorStarts = signatures.Select(SignatureAnchors.StartOf).ToArray();
        _anchorFirstLower = signatures.Select((s, i) => char.ToLowerInvariant(s[_anchorStarts[i]])).ToArray();
        _anchorFirstUpper = signatures.Select((s, i) => char.ToUpperInvariant(s[_anchorStarts[i]])).ToArray();
        _anchors = SearchValues.Create(signatures.Select((s, i) => s[_anchorStarts[i]..]).ToArray(), StringComparison.OrdinalIgnoreCase);
        Values = SearchValues.Create(signatures, StringComparison.OrdinalIgnoreCase);
        MatchesEveryRecord = matchesEveryRecord;
    }

    /// <summary>Vectorized multi-string search for the whole signatures, over decoded text.</summary>
    internal SearchValues<string> Values { get; }

    public bool MatchesEveryRecord { get; }

    public static LogSignatures Create(IEnumerable<string> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var distinct = signatures.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var everything = distinct.Any(string.IsNullOrEmpty);
        return new LogSignatures(distinct.Where(s => !string.IsNullOrEmpty(s)).ToArray(), everything);
    }

    /// <summary>
    /// Where the first signature in <paramref name="text"/> starts, or -1; <paramref name="text"/> must start at a
    /// line start (a signature holds no line break). The search looks for each signature's rarest part (see
    /// <see cref="SignatureAnchors"/>) and checks the rest only around a candidate, so text that merely shares a
    /// signature's opening words costs no more than any other text. Of two signatures on one line, either may be
    /// found first: callers work line by line.
    /// </summary>
    internal int IndexOfSignature(ReadOnlySpan<char> text) => IndexOfSignature(text, out _);

    /// <summary>As above, with the length of the signature found (0 when none is).</summary>
    internal int IndexOfSignature(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        var from = 0;
        while (from < text.Length)
        {
            var candidate = text[from..].IndexOfAny(_anchors);
            if (candidate < 0)
            {
                return -1;
            }

            var anchorAt = from + candidate;
            var first = text[anchorAt];
            for (var i = 0; i < _signatures.Length; i++)
            {
                var start = anchorAt - _anchorStarts[i];
                if (start >= 0
                    && (first >= 0x80 || _anchorFirstLower[i] >= 0x80 || first == _anchorFirstLower[i] || first == _anchorFirstUpper[i])
                    && text[start..].StartsWith(_signatures[i], StringComparison.OrdinalIgnoreCase))
                {
                    length = _signatures[i].Length;
                    return start;
                }
            }

            from = anchorAt + 1;
        }

        return -1;
    }

    /// <summary>Whether a parsed entry holds a signature (used where whole records are parsed anyway).</summary>
    internal bool Matches(LogEntry entry) => Matches(entry.Message, entry.Component);

    /// <summary>Whether a record with this message and component (empty when it has none) holds a signature.</summary>
    internal bool Matches(ReadOnlySpan<char> message, ReadOnlySpan<char> component) =>
        MatchesEveryRecord || message.IndexOfAny(Values) >= 0 || component.IndexOfAny(Values) >= 0;
}
