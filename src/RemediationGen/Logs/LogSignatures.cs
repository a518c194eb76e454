using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// The literal texts of which every record the rules need holds one (ordinal, ignoring case). The empty string
/// matches every record, and then the scan parses every record.
/// </summary>
internal sealed class LogSignatures
{
    private readonly string[] _signatures;

    // Each signature with its ASCII letters in lower case, and 0x20 where it has an ASCII letter (null for a
    // signature outside ASCII): OR-ing the text with the bits and comparing with the folded signature ignores case.
    private readonly ushort[][] _folded;
    private readonly ushort[]?[] _caseBits;
    private readonly int[] _anchorStarts;

    // Each signature's first anchor character in lower and upper case: a candidate the search found for another
    // signature's anchor is passed over without a call (characters outside ASCII go to the full comparison).
    private readonly char[] _anchorFirstLower;
    private readonly char[] _anchorFirstUpper;
    private readonly Lazy<SearchValues<string>> _anchors;

    // The vectorized first stage of the search (null where it cannot be used: no AVX2, an anchor outside ASCII or
    // shorter than its window). It is built, and its code compiled, for the first text of FilterFromChars or more:
    // until then, shorter ones (small logs, the demo's) are searched by the library, so start-up pays for neither.
    // Signatures that follow a leader (the thinning's, which search messages only) build and use their own as soon as
    // the leader (the scan's) has built one, whose code is then compiled: a message searched for each hit would
    // otherwise run the library's generic search as unoptimized code of its own until tiered compilation caught up.
    private readonly Lazy<AnchorFilter?> _filter;
    private readonly int _filterFromChars;
    private readonly LogSignatures? _leader;

    /// <summary>Texts shorter than this are searched without <see cref="AnchorFilter"/> until one has been built (see <c>_filter</c>).</summary>
    public const int FilterFromChars = 16 * 1024;

    private LogSignatures(string[] signatures, bool matchesEveryRecord, int filterFromChars, LogSignatures? leader)
    {
        _leader = leader;
        _signatures = signatures;
        (_folded, _caseBits) = (new ushort[signatures.Length][], new ushort[signatures.Length][]);
        (_anchorStarts, _anchorFirstLower, _anchorFirstUpper) = (new int[signatures.Length], new char[signatures.Length], new char[signatures.Length]);
        var anchors = new string[signatures.Length];

        // Loops, not LINQ over value types: this runs at start-up, where such LINQ compiles code of its own.
        for (var i = 0; i < signatures.Length; i++)
        {
            _anchorStarts[i] = SignatureAnchors.StartOf(signatures[i]);
            _anchorFirstLower[i] = char.ToLowerInvariant(signatures[i][_anchorStarts[i]]);
            _anchorFirstUpper[i] = char.ToUpperInvariant(signatures[i][_anchorStarts[i]]);
            anchors[i] = signatures[i][_anchorStarts[i]..];
            (_folded[i], _caseBits[i]) = (new ushort[signatures[i].Length], Ascii.IsValid(signatures[i]) ? new ushort[signatures[i].Length] : null);
            for (var j = 0; j < signatures[i].Length; j++)
            {
                var c = signatures[i][j];
                _folded[i][j] = char.IsAsciiLetter(c) ? (ushort)(c | 0x20) : c;
                _caseBits[i]?[j] = char.IsAsciiLetter(c) ? (ushort)0x20 : (ushort)0;
            }
        }

        _anchors = new Lazy<SearchValues<string>>(() => SearchValues.Create(anchors, StringComparison.OrdinalIgnoreCase), LazyThreadSafetyMode.PublicationOnly);
        _filter = new Lazy<AnchorFilter?>(() => AnchorFilter.TryCreate(anchors), LazyThreadSafetyMode.PublicationOnly);
        _filterFromChars = filterFromChars;
        MatchesEveryRecord = matchesEveryRecord;
    }

    public bool MatchesEveryRecord { get; }

    /// <summary>Whether a search has built the filter (or found that it cannot be used).</summary>
    internal bool FilterBuilt => _filter.IsValueCreated;

    // Checked in this order so that asking never builds the leader's filter.
    private bool LeaderHasFilter => _leader is { } leader && leader._filter.IsValueCreated && leader._filter.Value is not null;

    public static LogSignatures Create(IEnumerable<string> signatures) => Create(signatures, FilterFromChars);

    /// <summary>
    /// As above, with the filter used from texts of <paramref name="filterFromChars"/> on (the tests use 0).
    /// </summary>
    internal static LogSignatures Create(IEnumerable<string> signatures, int filterFromChars) => Create(signatures, filterFromChars, leader: null);

    /// <summary>
    /// As <see cref="Create(IEnumerable{string})"/>, searching short texts with a filter of its own too once
    /// <paramref name="leader"/> has built one (see <see cref="IndexOfSignature(ReadOnlySpan{char})"/>).
    /// </summary>
    internal static LogSignatures CreateFollowing(IEnumerable<string> signatures, LogSignatures leader)
    {
        ArgumentNullException.ThrowIfNull(leader);
        return Create(signatures, FilterFromChars, leader);
    }

    private static LogSignatures Create(IEnumerable<string> signatures, int filterFromChars, LogSignatures? leader)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var distinct = signatures.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var everything = distinct.Any(string.IsNullOrEmpty);
        return new LogSignatures(distinct.Where(s => !string.IsNullOrEmpty(s)).ToArray(), everything, filterFromChars, leader);
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
    internal int IndexOfSignature(ReadOnlySpan<char> text, out int length) => Search(text, default, countBreaks: false, out length, out _);

    /// <summary>
    /// As above, with the line breaks (as <see cref="LineBreaks.Count"/> counts them) before the signature found, or
    /// in all of <paramref name="text"/> when none is: the filter counts those it passes over.
    /// </summary>
    internal int IndexOfSignature(ReadOnlySpan<char> text, out int length, out long breaksBefore) =>
        Search(text, default, countBreaks: true, out length, out breaksBefore);

    /// <summary>
    /// As above, with the text's bytes (see <see cref="AsciiNarrowing"/>), which the scan's reader gives as it decodes:
    /// the filter then reads half as much.
    /// </summary>
    internal int IndexOfSignature(ReadOnlySpan<char> text, ReadOnlySpan<byte> narrow, out int length, out long breaksBefore) =>
        Search(text, narrow, countBreaks: true, out length, out breaksBefore);

    /// <summary>
    /// The search, over <paramref name="narrow"/> when given (else the text is narrowed when the filter is used); the
    /// line breaks are counted only for a caller that asks (a message's are not wanted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Search(ReadOnlySpan<char> text, ReadOnlySpan<byte> narrow, bool countBreaks, out int length, out long breaksBefore)
    {
        breaksBefore = 0;

        // Once a long text (here or in the leader) has built a filter, short ones (a message) use one too (see _filter).
        if ((!_filter.IsValueCreated && text.Length < _filterFromChars && !LeaderHasFilter) || _filter.Value is not { } filter)
        {
            var found = IndexOfSignatureWithoutFilter(text, out length);
            breaksBefore = countBreaks ? LineBreaks.Count(found < 0 ? text : text[..found]) : 0;
            return found;
        }

        if (narrow.Length == text.Length)
        {
            return Search(text, narrow, filter, countBreaks, out length, out breaksBefore);
        }

        // A message searched for each hit is short: its bytes go on the stack.
        if (text.Length <= 512)
        {
            Span<byte> bytes = stackalloc byte[text.Length];
            AsciiNarrowing.Narrow(text, bytes);
            return Search(text, bytes, filter, countBreaks, out length, out breaksBefore);
        }

        var rented = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            AsciiNarrowing.Narrow(text, rented);
            return Search(text, rented.AsSpan(0, text.Length), filter, countBreaks, out length, out breaksBefore);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Search(ReadOnlySpan<char> text, ReadOnlySpan<byte> narrow, AnchorFilter filter, bool countBreaks, out int length, out long breaksBefore)
    {
        long breaks = 0;
        var from = 0;
        while (true)
        {
            var at = filter.Next(narrow, from, out var buckets, out var counted, out var countedTo);
            breaks += counted;
            if (at < 0)
            {
                breaksBefore = countBreaks ? breaks + LineBreaks.Count(text[countedTo..]) : 0;
                length = 0;
                return -1;
            }

            // The filter counted up to the candidate, or, in the text's last positions, to where its vectors stopped. A
            // candidate's first character is printable ASCII, never half of a CRLF: counting up to it cuts none.
            if (countBreaks && countedTo < at)
            {
                breaks += LineBreaks.Count(text[countedTo..at]);
            }

            // A signature holds no line break, so the breaks before its anchor are those before its start.
            var start = SignatureAt(text, at, buckets, filter, out length);
            if (start >= 0)
            {
                breaksBefore = countBreaks ? breaks : 0;
                return start;
            }

            from = at + 1;
        }
    }

    /// <summary>Where the signature of a candidate at <paramref name="at"/> in <paramref name="buckets"/> starts, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SignatureAt(ReadOnlySpan<char> text, int at, int buckets, AnchorFilter filter, out int length)
    {
        length = 0;
        if (filter.AnchorsInBuckets is { } anchorsInBuckets)
        {
            // The candidate's anchors, in the order of the signatures, as the loop below takes them.
            for (var candidates = anchorsInBuckets[buckets & 0xFF]; candidates != 0; candidates &= candidates - 1)
            {
                var i = BitOperations.TrailingZeroCount(candidates);
                var start = at - _anchorStarts[i];
                if (start >= 0 && StartsWithIgnoringCase(text, start, i))
                {
                    length = _signatures[i].Length;
                    return start;
                }
            }

            return -1;
        }

        // More signatures than the table holds: each one's bucket is tested.
        for (var i = 0; i < _signatures.Length; i++)
        {
            var start = at - _anchorStarts[i];
            if ((buckets & (1 << filter.BucketOf[i])) != 0 && start >= 0 && StartsWithIgnoringCase(text, start, i))
            {
                length = _signatures[i].Length;
                return start;
            }
        }

        return -1;
    }

    /// <summary>
    /// The search without the filter, as it was before it (the tests hold the two alike): <c>SearchValues</c> for the
    /// anchors, each candidate confirmed with <see cref="MemoryExtensions.StartsWith(ReadOnlySpan{char}, ReadOnlySpan{char}, StringComparison)"/>.
    /// </summary>
    internal int IndexOfSignatureWithoutFilter(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        var from = 0;
        while (from < text.Length)
        {
            var candidate = text[from..].IndexOfAny(_anchors.Value);
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

    /// <summary>
    /// <c>StartsWith(signature, OrdinalIgnoreCase)</c> for the text at <paramref name="start"/>, 16 characters at a
    /// time: a letter of an ASCII signature matches both its cases (OR 0x20), anything else only itself, and no
    /// character outside ASCII equals an ASCII one ignoring case. A signature outside ASCII is compared by the library.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool StartsWithIgnoringCase(ReadOnlySpan<char> text, int start, int signature)
    {
        var expected = _folded[signature];
        if (text.Length - start < expected.Length)
        {
            return false;
        }

        if (_caseBits[signature] is not { } caseBits)
        {
            return text.Slice(start, expected.Length).Equals(_signatures[signature], StringComparison.OrdinalIgnoreCase);
        }

        var candidate = MemoryMarshal.Cast<char, ushort>(text.Slice(start, expected.Length));
        var i = 0;
        if (Vector256.IsHardwareAccelerated && candidate.Length >= Vector256<ushort>.Count)
        {
            ref var actual = ref MemoryMarshal.GetReference(candidate);
            ref var folded = ref MemoryMarshal.GetArrayDataReference(expected);
            ref var bits = ref MemoryMarshal.GetArrayDataReference(caseBits);
            for (; ; i += Vector256<ushort>.Count)
            {
                // The last block overlaps the one before it rather than running past the end.
                var at = (nuint)Math.Min(i, candidate.Length - Vector256<ushort>.Count);
                if ((Vector256.LoadUnsafe(ref actual, at) | Vector256.LoadUnsafe(ref bits, at)) != Vector256.LoadUnsafe(ref folded, at))
                {
                    return false;
                }

                if ((int)at + Vector256<ushort>.Count == candidate.Length)
                {
                    return true;
                }
            }
        }

        for (; i < candidate.Length; i++)
        {
            if ((candidate[i] | caseBits[i]) != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a parsed entry holds a signature (used where whole records are parsed anyway).</summary>
    internal bool Matches(LogEntry entry) => Matches(entry.Message, entry.Component);

    /// <summary>Whether a record with this message and component (empty when it has none) holds a signature.</summary>
    internal bool Matches(ReadOnlySpan<char> message, ReadOnlySpan<char> component) =>
        MatchesEveryRecord || IndexOfSignature(message) >= 0 || IndexOfSignature(component) >= 0;
}
