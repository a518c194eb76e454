using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace RemediationGen.Logs;

/// <summary>
/// What the <see cref="RecordKey"/> gave records already seen in one file (the scan keeps the key's
/// <see cref="NewestRecordPerKey.HeldKey"/>), by message and component: a busy PXE DP writes the same "Begin
/// validation" of a few certificates over and over, and working out a key reads the message for every rule's signatures. Memory is bounded: the cache is emptied when it holds <see cref="MaxEntries"/> entries or
/// <see cref="MaxChars"/> characters, which only costs the keys being worked out again.
/// <para>
/// An open-addressing table of its own rather than a <c>Dictionary</c> looked up by span: that generic code is not
/// compiled ahead for this value type, so it would run unoptimized on every hit until tiered compilation caught up.
/// </para>
/// </summary>
internal sealed class RecordKeyCache<TValue>
    where TValue : class
{
    public const int MaxEntries = 4096;

    public const int MaxChars = 1024 * 1024;

    // Twice the entries, a power of two: probes stay short, and a hash picks a slot with a mask.
    private const int Slots = 2 * MaxEntries;

    // A lookup reads at most this many slots, and an entry goes in one of them (replacing the first when all are
    // taken), so no text can make a lookup long, however its messages hash.
    private const int MaxProbes = 8;

    // By message (see Hash); a message seen with another component is worked out again. A null key is kept too:
    // such a record goes on unthinned.
    private readonly Entry?[] _slots = new Entry?[Slots];
    private int _count;
    private long _chars;

    /// <summary>How many messages the cache holds.</summary>
    public int Count => _count;

    public bool TryGet(ReadOnlySpan<char> message, ReadOnlySpan<char> component, out TValue? key)
    {
        key = null;
        var slot = Hash(message);
        for (var probe = 0; probe < MaxProbes && _slots[slot] is { } entry; probe++, slot = (slot + 1) & (Slots - 1))
        {
            if (message.SequenceEqual(entry.Message))
            {
                key = entry.Key;
                return component.SequenceEqual(entry.Component);
            }
        }

        return false;
    }

    /// <summary>
    /// Keeps <paramref name="key"/> for this message and component (replacing what the message had), counting
    /// <paramref name="keyLength"/> characters for it in the cache's bound: the text it keeps alive.
    /// </summary>
    public void Add(ReadOnlySpan<char> message, ReadOnlySpan<char> component, TValue? key, int keyLength)
    {
        var chars = (long)message.Length + component.Length + keyLength;
        if (chars > MaxChars)
        {
            return;
        }

        if (_count == MaxEntries || _chars + chars > MaxChars)
        {
            Array.Clear(_slots);
            _count = 0;
            _chars = 0;
        }

        // The first free slot or the message's own among the probes, else the first probed (its entry is dropped).
        var first = Hash(message);
        var slot = first;
        for (var probe = 0; _slots[slot] is { } entry && !message.SequenceEqual(entry.Message); probe++)
        {
            if (probe == MaxProbes - 1)
            {
                slot = first;
                break;
            }

            slot = (slot + 1) & (Slots - 1);
        }

        if (_slots[slot] is { } replaced)
        {
            _chars -= replaced.Chars;
        }
        else
        {
            _count++;
        }

        _slots[slot] = new Entry(message.ToString(), component.ToString(), key, chars);
        _chars += chars;
    }

    /// <summary>
    /// The slot a message hashes to: CRC32-C of its UTF-16 bytes in two interleaved streams (a few nanoseconds for a
    /// message, where the string hash took most of a lookup). CRC is no keyed hash, so a log could make messages
    /// collide; that only costs cache misses, since a lookup reads at most <see cref="MaxProbes"/> slots.
    /// </summary>
    private static int Hash(ReadOnlySpan<char> message)
    {
        var bytes = MemoryMarshal.AsBytes(message);
        if (!Sse42.X64.IsSupported)
        {
            var fallback = default(HashCode);
            fallback.AddBytes(bytes);
            return fallback.ToHashCode() & (Slots - 1);
        }

        ref var start = ref MemoryMarshal.GetReference(bytes);
        ulong first = 0;
        ulong second = (ulong)bytes.Length;
        var i = 0;
        for (; i + 16 <= bytes.Length; i += 16)
        {
            first = Sse42.X64.Crc32(first, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)));
            second = Sse42.X64.Crc32(second, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + 8)));
        }

        for (; i + 2 <= bytes.Length; i += 2)
        {
            first = Sse42.Crc32((uint)first, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, i)));
        }

        // The two 32-bit CRCs folded into one by a last CRC step, so every byte reaches the slot.
        return (int)Sse42.Crc32((uint)first, (uint)second) & (Slots - 1);
    }

    private sealed record Entry(string Message, string Component, TValue? Key, long Chars);
}
