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
    // such a record goes on unthinned. A slot holds its entry, not a reference to it, and the entries' messages and
    // components lie one after another in one array: a hit on a busy log reads two places in memory, not five.
    private readonly Slot[] _slots = new Slot[Slots];
    private char[] _text = new char[16 * 1024];
    private int _textLength;
    private int _count;

    // Characters of the messages, components and keys held, the replaced ones' included until the cache starts over.
    private long _chars;

    /// <summary>How many messages the cache holds.</summary>
    public int Count => _count;

    /// <summary>True, with the key kept, for a message seen before with this component; false (and null) for any other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<char> message, ReadOnlySpan<char> component, out TValue? key)
    {
        key = null;
        var hash = Hash(message);
        var slot = hash & (Slots - 1);
        for (var probe = 0; probe < MaxProbes; probe++, slot = (slot + 1) & (Slots - 1))
        {
            ref readonly var entry = ref _slots[slot];
            if (!entry.Used)
            {
                return false;
            }

            if (IsMessageOf(entry, hash, message))
            {
                if (!component.SequenceEqual(_text.AsSpan(entry.Start + entry.MessageLength, entry.ComponentLength)))
                {
                    return false;
                }

                key = entry.Key;
                return true;
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
        var textChars = message.Length + component.Length;
        var chars = (long)textChars + keyLength;
        if (chars > MaxChars)
        {
            return;
        }

        if (_count == MaxEntries || _chars + chars > MaxChars)
        {
            Array.Clear(_slots);
            _count = 0;
            _chars = 0;
            _textLength = 0;
        }

        // The first free slot or the message's own among the probes, else the first probed (its entry is dropped).
        var hash = Hash(message);
        var first = hash & (Slots - 1);
        var slot = first;
        for (var probe = 0; _slots[slot].Used && !IsMessageOf(_slots[slot], hash, message); probe++)
        {
            if (probe == MaxProbes - 1)
            {
                slot = first;
                break;
            }

            slot = (slot + 1) & (Slots - 1);
        }

        if (!_slots[slot].Used)
        {
            _count++;
        }

        if (_textLength + textChars > _text.Length)
        {
            Array.Resize(ref _text, (int)Math.Min(Math.Max(2L * _text.Length, _textLength + textChars), MaxChars));
        }

        message.CopyTo(_text.AsSpan(_textLength));
        component.CopyTo(_text.AsSpan(_textLength + message.Length));
        _slots[slot] = new Slot(true, hash, _textLength, message.Length, component.Length, key);
        _textLength += textChars;
        _chars += chars;
    }

    private bool IsMessageOf(in Slot entry, int hash, ReadOnlySpan<char> message) =>
        entry.Hash == hash && message.SequenceEqual(_text.AsSpan(entry.Start, entry.MessageLength));

    /// <summary>
    /// A message's hash (its slot is the low bits): CRC32-C of its UTF-16 bytes in two interleaved streams (a few nanoseconds for a
    /// message, where the string hash took most of a lookup). CRC is no keyed hash, so a log could make messages
    /// collide; that only costs cache misses, since a lookup reads at most <see cref="MaxProbes"/> slots.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<char> message)
    {
        var bytes = MemoryMarshal.AsBytes(message);
        if (!Sse42.X64.IsSupported)
        {
            var fallback = default(HashCode);
            fallback.AddBytes(bytes);
            return fallback.ToHashCode();
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
        return (int)Sse42.Crc32((uint)first, (uint)second);
    }

    // Start: where the message lies in _text, its component right after it.
    private readonly record struct Slot(bool Used, int Hash, int Start, int MessageLength, int ComponentLength, TValue? Key);
}
