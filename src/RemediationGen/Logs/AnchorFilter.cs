using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace RemediationGen.Logs;

/// <summary>
/// The first stage of <see cref="LogSignatures.IndexOfSignature(ReadOnlySpan{char})"/>: a Teddy filter (the
/// multi-string search of Hyperscan and ripgrep) over a byte per character of the text (<see cref="AsciiNarrowing"/>,
/// which the UTF-8 reader gives as it decodes). For 64 positions at a time (32 without AVX-512) it looks up the low
/// and high nibble of four bytes in 8-bucket tables with byte shuffles, so any number of anchors costs the same, and
/// counts the line breaks it passes. A position is a candidate when the first four characters of some anchor may
/// start there, ignoring ASCII case; the caller confirms it on the text. Anchors are ASCII, and no other character
/// equals an ASCII one ignoring case (ordinal comparison ignoring case does not fold 'ı' or 'ſ' to 'i' or 's'), so
/// text outside ASCII, whose bytes are all 0x80, is never a candidate.
/// <para>
/// Why not <c>SearchValues&lt;string&gt;</c>: it is the same algorithm, but its generic code cannot be compiled ahead
/// for AVX-512 and starts as unoptimized tier-0 code. On a busy log it is called once per hit, so it stays there
/// until tiered compilation catches up, which took most of a 1 GiB run. This code is compiled fully optimized on first
/// use and calls nothing.
/// </para>
/// </summary>
internal sealed class AnchorFilter
{
    /// <summary>Characters of each anchor the filter looks at.</summary>
    public const int Window = 4;

    /// <summary>Positions looked at per step (<see cref="WideStep"/> with AVX-512).</summary>
    public const int Step = 32;

    public const int WideStep = 64;

    private const int Buckets = 8;

    private static readonly double[] CharacterShares = LogCharacterShares();

    private readonly Vector256<byte> _low0;
    private readonly Vector256<byte> _low1;
    private readonly Vector256<byte> _low2;
    private readonly Vector256<byte> _low3;
    private readonly Vector256<byte> _high0;
    private readonly Vector256<byte> _high1;
    private readonly Vector256<byte> _high2;
    private readonly Vector256<byte> _high3;

    // The same tables for the last positions of a text, looked up one at a time: [window position * 16 + nibble].
    private readonly byte[] _lowTable;
    private readonly byte[] _highTable;

    // AVX-512 (64 positions a step) where the machine has it and the caller did not ask for AVX2 alone.
    private readonly bool _wide;

    private AnchorFilter(byte[][] low, byte[][] high, bool wide)
    {
        _wide = wide;
        _low0 = Lanes(low[0]);
        _low1 = Lanes(low[1]);
        _low2 = Lanes(low[2]);
        _low3 = Lanes(low[3]);
        _high0 = Lanes(high[0]);
        _high1 = Lanes(high[1]);
        _high2 = Lanes(high[2]);
        _high3 = Lanes(high[3]);
        _lowTable = new byte[Window * 16];
        _highTable = new byte[Window * 16];
        for (var k = 0; k < Window; k++)
        {
            low[k].CopyTo(_lowTable, k * 16);
            high[k].CopyTo(_highTable, k * 16);
        }
    }

    /// <summary>The bucket of each anchor, in the order given: a candidate's buckets say which anchors to confirm.</summary>
    public int[] BucketOf { get; private init; } = [];

    /// <summary>
    /// For each set of buckets a candidate can have (a byte), the anchors in them as bits (bit i: anchor i); null for
    /// more than 64 anchors. A candidate then costs a look-up and its few anchors, not a pass over all of them.
    /// </summary>
    public ulong[]? AnchorsInBuckets { get; private init; }

    /// <summary>
    /// A filter for <paramref name="anchors"/>, or null where it cannot be used: no AVX2, or an anchor shorter than
    /// <see cref="Window"/>, with a character outside ASCII, or opening with one that is not printable (the caller then
    /// searches without it). A candidate's first character is then always printable: the search counts no line break
    /// there, and merged buckets could otherwise let an LF or a CR through as a candidate.
    /// </summary>
    public static AnchorFilter? TryCreate(IReadOnlyList<string> anchors) =>
        TryCreate(anchors, Avx512BW.IsSupported && Vector512.IsHardwareAccelerated);

    /// <summary>As above; <paramref name="wide"/> false keeps to AVX2 (the tests check both).</summary>
    internal static AnchorFilter? TryCreate(IReadOnlyList<string> anchors, bool wide)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (!Avx2.IsSupported || anchors.Count == 0)
        {
            return null;
        }

        foreach (var anchor in anchors)
        {
            if (anchor.Length < Window || !Ascii.IsValid(anchor) || anchor[0] is < ' ' or > '~')
            {
                return null;
            }
        }

        // Anchors that open alike share a bucket; beyond 8 openings, buckets are merged where that lets the fewest
        // other texts through. A bucket is, per window position, the set of low and of high nibbles it accepts (a bit
        // each): it lets through every character with a low and a high nibble in them. Loops and a class, not LINQ or
        // tuples: this runs when the scan starts, where generic code over a struct is compiled on the spot.
        var openings = new List<string>();
        var groups = new List<Bucket>();
        var bucketOf = new int[anchors.Count];
        for (var i = 0; i < anchors.Count; i++)
        {
            var opening = anchors[i][..Window].ToUpperInvariant();
            bucketOf[i] = openings.IndexOf(opening);
            if (bucketOf[i] < 0)
            {
                bucketOf[i] = openings.Count;
                openings.Add(opening);
                var (lowNibbles, highNibbles) = (new ushort[Window], new ushort[Window]);
                for (var k = 0; k < Window; k++)
                {
                    for (var variant = 0; variant < 2; variant++)
                    {
                        var c = variant == 0 ? char.ToLowerInvariant(opening[k]) : opening[k];
                        lowNibbles[k] |= (ushort)(1 << (c & 0xF));
                        highNibbles[k] |= (ushort)(1 << (c >> 4));
                    }
                }

                groups.Add(new Bucket(lowNibbles, highNibbles, Accepted(lowNibbles, highNibbles)));
            }
        }

        // Merging renumbers the groups: the opening's group is followed through the merges.
        var groupOfOpening = new int[openings.Count];
        for (var o = 0; o < openings.Count; o++)
        {
            groupOfOpening[o] = o;
        }

        while (groups.Count > Buckets)
        {
            var (first, second, best, merged) = (0, 1, double.MaxValue, default(Bucket));
            for (var a = 0; a < groups.Count; a++)
            {
                for (var b = a + 1; b < groups.Count; b++)
                {
                    var low = new ushort[Window];
                    var high = new ushort[Window];
                    for (var k = 0; k < Window; k++)
                    {
                        low[k] = (ushort)(groups[a].Low[k] | groups[b].Low[k]);
                        high[k] = (ushort)(groups[a].High[k] | groups[b].High[k]);
                    }

                    var accepted = Accepted(low, high);
                    if (accepted - groups[a].Accepted - groups[b].Accepted < best)
                    {
                        (first, second, best, merged) = (a, b, accepted - groups[a].Accepted - groups[b].Accepted, new Bucket(low, high, accepted));
                    }
                }
            }

            groups[first] = merged!;
            groups.RemoveAt(second);
            for (var o = 0; o < openings.Count; o++)
            {
                groupOfOpening[o] = groupOfOpening[o] == second ? first : groupOfOpening[o] > second ? groupOfOpening[o] - 1 : groupOfOpening[o];
            }
        }

        var lowTables = new byte[Window][];
        var highTables = new byte[Window][];
        for (var k = 0; k < Window; k++)
        {
            (lowTables[k], highTables[k]) = (new byte[16], new byte[16]);
        }

        for (var i = 0; i < anchors.Count; i++)
        {
            bucketOf[i] = groupOfOpening[bucketOf[i]];
            for (var k = 0; k < Window; k++)
            {
                for (var variant = 0; variant < 2; variant++)
                {
                    var c = variant == 0 ? char.ToLowerInvariant(anchors[i][k]) : char.ToUpperInvariant(anchors[i][k]);
                    lowTables[k][c & 0xF] |= (byte)(1 << bucketOf[i]);
                    highTables[k][c >> 4] |= (byte)(1 << bucketOf[i]);
                }
            }
        }

        return new AnchorFilter(lowTables, highTables, wide && Avx512BW.IsSupported) { BucketOf = bucketOf, AnchorsInBuckets = AnchorsOfBucketSets(bucketOf) };
    }

    private static ulong[]? AnchorsOfBucketSets(int[] bucketOf)
    {
        if (bucketOf.Length > 64)
        {
            return null;
        }

        var anchors = new ulong[256];
        for (var buckets = 0; buckets < anchors.Length; buckets++)
        {
            for (var i = 0; i < bucketOf.Length; i++)
            {
                anchors[buckets] |= (buckets & (1 << bucketOf[i])) != 0 ? 1UL << i : 0;
            }
        }

        return anchors;
    }

    /// <summary>
    /// The first candidate position from <paramref name="from"/> on in the text whose bytes (see
    /// <see cref="AsciiNarrowing"/>) are <paramref name="narrow"/>, with the <paramref name="buckets"/> (a bit each) whose
    /// anchors may start there; -1 when there is none. On the way it counts the line breaks it passes (as the whole text
    /// has them: a CR before an LF is no break of its own): <paramref name="breaks"/> of those from
    /// <paramref name="from"/> to <paramref name="countedTo"/>, which is the candidate, or where the vectors stopped when
    /// it lies in the last positions (or there is none). The scan needs them for its line numbers, and the search has
    /// the characters in its registers already. 64 positions to a 512-bit step, where characters would give 32.
    /// </summary>
    public int Next(ReadOnlySpan<byte> narrow, int from, out int buckets, out long breaks, out int countedTo) =>
        _wide ? NextAvx512(narrow, from, out buckets, out breaks, out countedTo) : NextAvx2(narrow, from, out buckets, out breaks, out countedTo);

    /// <summary><see cref="Next(ReadOnlySpan{byte}, int, out int, out long, out int)"/> 64 positions at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NextAvx512(ReadOnlySpan<byte> narrow, int from, out int buckets, out long breaks, out int countedTo)
    {
        ref var start = ref MemoryMarshal.GetReference(narrow);
        var nibble = Vector512.Create((byte)0x0F);
        var (low0, low1, low2, low3) = (Widen(_low0), Widen(_low1), Widen(_low2), Widen(_low3));
        var (high0, high1, high2, high3) = (Widen(_high0), Widen(_high1), Widen(_high2), Widen(_high3));
        var (lf, cr) = (Vector512.Create((byte)'\n'), Vector512.Create((byte)'\r'));
        long counted = 0;

        var i = from;
        for (; i <= narrow.Length - WideStep - (Window - 1); i += WideStep)
        {
            var at0 = Vector512.LoadUnsafe(ref start, (nuint)i);
            var at1 = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
            var matched = Lookup(at0, low0, high0, nibble) & Lookup(at1, low1, high1, nibble)
                & Lookup(Vector512.LoadUnsafe(ref start, (nuint)(i + 2)), low2, high2, nibble)
                & Lookup(Vector512.LoadUnsafe(ref start, (nuint)(i + 3)), low3, high3, nibble);
            // Every LF, and every CR the next position's character is no LF after (at1 is the next positions).
            var breakBits = (Vector512.Equals(at0, lf) | Vector512.AndNot(Vector512.Equals(at0, cr), Vector512.Equals(at1, lf))).ExtractMostSignificantBits();
            if (matched == Vector512<byte>.Zero)
            {
                counted += BitOperations.PopCount(breakBits);
                continue;
            }

            // The breaks before the candidate, from the same bits: the caller then counts none.
            var offset = BitOperations.TrailingZeroCount(~Vector512.Equals(matched, Vector512<byte>.Zero).ExtractMostSignificantBits());
            counted += BitOperations.PopCount(breakBits & ((1UL << offset) - 1));
            buckets = matched.GetElement(offset);
            (breaks, countedTo) = (counted, i + offset);
            return i + offset;
        }

        var found = NextAvx2(narrow, i, out buckets, out var rest, out countedTo);
        breaks = counted + rest;
        return found;
    }

    /// <summary><see cref="Next(ReadOnlySpan{byte}, int, out int, out long, out int)"/> 32 positions at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NextAvx2(ReadOnlySpan<byte> narrow, int from, out int buckets, out long breaks, out int countedTo)
    {
        ref var start = ref MemoryMarshal.GetReference(narrow);
        var nibble = Vector256.Create((byte)0x0F);
        var (low0, low1, low2, low3) = (_low0, _low1, _low2, _low3);
        var (high0, high1, high2, high3) = (_high0, _high1, _high2, _high3);
        var (lf, cr) = (Vector256.Create((byte)'\n'), Vector256.Create((byte)'\r'));
        long counted = 0;

        // A step reads Window - 1 bytes past its 32 positions.
        var i = from;
        for (; i <= narrow.Length - Step - (Window - 1); i += Step)
        {
            var at0 = Vector256.LoadUnsafe(ref start, (nuint)i);
            var at1 = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
            var matched = Lookup(at0, low0, high0, nibble) & Lookup(at1, low1, high1, nibble)
                & Lookup(Vector256.LoadUnsafe(ref start, (nuint)(i + 2)), low2, high2, nibble)
                & Lookup(Vector256.LoadUnsafe(ref start, (nuint)(i + 3)), low3, high3, nibble);
            var breakBits = (Vector256.Equals(at0, lf) | Vector256.AndNot(Vector256.Equals(at0, cr), Vector256.Equals(at1, lf))).ExtractMostSignificantBits();
            if (matched == Vector256<byte>.Zero)
            {
                counted += BitOperations.PopCount(breakBits);
                continue;
            }

            var offset = BitOperations.TrailingZeroCount(~Vector256.Equals(matched, Vector256<byte>.Zero).ExtractMostSignificantBits());
            counted += BitOperations.PopCount(breakBits & ((1U << offset) - 1));
            buckets = matched.GetElement(offset);
            (breaks, countedTo) = (counted, i + offset);
            return i + offset;
        }

        (breaks, countedTo) = (counted, i);
        return NextInTail(narrow, i, out buckets);
    }

    /// <summary>The last positions, fewer than a step, one at a time: an anchor needs <see cref="Window"/> characters.</summary>
    private int NextInTail(ReadOnlySpan<byte> narrow, int from, out int buckets)
    {
        for (var i = from; i <= narrow.Length - Window; i++)
        {
            var matched = 0xFF;
            for (var k = 0; k < Window && matched != 0; k++)
            {
                var c = narrow[i + k];
                matched &= c < 0x80 ? _lowTable[(k * 16) + (c & 0xF)] & _highTable[(k * 16) + (c >> 4)] : 0;
            }

            if (matched != 0)
            {
                buckets = matched;
                return i;
            }
        }

        buckets = 0;
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Lookup(Vector256<byte> text, Vector256<byte> low, Vector256<byte> high, Vector256<byte> nibble) =>
        Avx2.Shuffle(low, text & nibble) & Avx2.Shuffle(high, Avx2.ShiftRightLogical(text.AsUInt16(), 4).AsByte() & nibble);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Lookup(Vector512<byte> text, Vector512<byte> low, Vector512<byte> high, Vector512<byte> nibble) =>
        Avx512BW.Shuffle(low, text & nibble) & Avx512BW.Shuffle(high, Avx512BW.ShiftRightLogical(text.AsUInt16(), 4).AsByte() & nibble);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Widen(Vector256<byte> table) => Vector512.Create(table, table);

    private static Vector256<byte> Lanes(byte[] table) => Vector256.Create(Vector128.Create(table), Vector128.Create(table));

    /// <summary>
    /// About how often a bucket lets a position of log text through: per window position, the characters whose low
    /// and high nibble are both in its sets, weighted by how common they are in logs.
    /// </summary>
    private static double Accepted(ushort[] lowNibbles, ushort[] highNibbles)
    {
        var accepted = 1.0;
        for (var k = 0; k < Window; k++)
        {
            var share = 0.0;
            for (var c = 0; c < 0x80; c++)
            {
                if ((lowNibbles[k] & (1 << (c & 0xF))) != 0 && (highNibbles[k] & (1 << (c >> 4))) != 0)
                {
                    share += CharacterShares[c];
                }
            }

            accepted *= share;
        }

        return accepted;
    }

    // Rough shares of characters in ConfigMgr logs: spaces, lower-case letters by English frequency, digits (times,
    // ids and thumbprints are everywhere, and zeros run in them: "{000003EC-"), then upper case and punctuation.
    private static double[] LogCharacterShares()
    {
        var shares = new double[0x80];
        for (var c = 0; c < shares.Length; c++)
        {
            shares[c] = c == ' ' ? 0.12
                : char.IsAsciiLetterLower((char)c) ? 0.08 * (26 - SignatureAnchors.LettersByFrequency.IndexOf((char)c, StringComparison.Ordinal)) / 26
                : c == '0' ? 0.1
                : char.IsAsciiDigit((char)c) ? 0.03
                : char.IsAsciiLetterUpper((char)c) ? 0.006
                : 0.003;
        }

        return shares;
    }

    /// <summary>Per window position, the low and high nibbles a bucket accepts, and about how often it lets log text through.</summary>
    private sealed record Bucket(ushort[] Low, ushort[] High, double Accepted);
}
