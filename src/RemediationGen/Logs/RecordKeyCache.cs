namespace RemediationGen.Logs;

/// <summary>
/// The <see cref="RecordKey"/> of records already seen in one file, by message and component: a busy PXE DP writes
/// the same "Begin validation" of a few certificates over and over, and working out a key reads the message for
/// every rule's signatures. Memory is bounded: the cache is emptied when it holds <see cref="MaxEntries"/> entries or
/// <see cref="MaxChars"/> characters, which only costs the keys being worked out again.
/// </summary>
internal sealed class RecordKeyCache
{
    public const int MaxEntries = 4096;

    public const int MaxChars = 1024 * 1024;

    // By message; a message seen with another component is worked out again (a null key is kept too: such a record
    // goes on unthinned).
    private readonly Dictionary<string, (string Component, string? Key)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Component, string? Key)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private long _chars;

    public RecordKeyCache()
    {
        _lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> message, ReadOnlySpan<char> component, out string? key)
    {
        key = null;
        if (!_lookup.TryGetValue(message, out var known) || !component.SequenceEqual(known.Component))
        {
            return false;
        }

        key = known.Key;
        return true;
    }

    public void Add(ReadOnlySpan<char> message, ReadOnlySpan<char> component, string? key)
    {
        var chars = (long)message.Length + component.Length + (key?.Length ?? 0);
        if (_keys.Count == MaxEntries || _chars + chars > MaxChars)
        {
            _keys.Clear();
            _chars = 0;
        }

        if (chars <= MaxChars)
        {
            _lookup[message] = (component.ToString(), key);
            _chars += chars;
        }
    }
}
