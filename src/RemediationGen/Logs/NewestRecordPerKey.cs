namespace RemediationGen.Logs;

/// <summary>
/// Thins one file's records for a rule that needs only the newest of a repeated record, e.g. the last "Begin
/// validation" of a certificate on a busy PXE DP (one line in seven): of a run of records with a key, only the newest
/// per key goes on, in the order of those newest records; a record without a key ends the run, so the rules see it
/// after exactly the keyed records they would have seen last before it. Memory is bounded: a run is cut at
/// <see cref="MaxKeys"/> keys or <see cref="MaxHeldChars"/> characters of keys and messages (a record may hold a
/// megabyte), which only lets more records through.
/// </summary>
internal sealed class NewestRecordPerKey(Func<LogEntry, string?> keyOf)
{
    public const int MaxKeys = 4096;

    public const int MaxHeldChars = 1024 * 1024;

    private readonly Dictionary<string, int> _slotOfKey = new(StringComparer.Ordinal);

    // Records held in arrival order; a record a newer one of its key replaced is null until the list is compacted.
    private readonly List<(string Key, LogEntry? Entry)> _held = [];

    // Characters of the keys and messages held, those replaced included until they are compacted away.
    private long _heldChars;

    public void Accept(LogEntry entry, Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(emit);
        if (keyOf(entry) is not { } key)
        {
            Flush(emit);
            emit(entry);
            return;
        }

        var chars = (long)key.Length + entry.Message.Length;
        if (_slotOfKey.TryGetValue(key, out var replaced))
        {
            _held[replaced] = (key, null);
        }

        if (_held.Count >= (4 * _slotOfKey.Count) + 64 || _heldChars + chars > MaxHeldChars)
        {
            Compact();
        }

        if ((!_slotOfKey.ContainsKey(key) && _slotOfKey.Count == MaxKeys) || _heldChars + chars > MaxHeldChars)
        {
            Flush(emit);
        }

        _slotOfKey[key] = _held.Count;
        _held.Add((key, entry));
        _heldChars += chars;
    }

    /// <summary>Passes on the records held, oldest first; call it at the end of the file.</summary>
    public void Flush(Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        foreach (var (_, entry) in _held)
        {
            if (entry is not null)
            {
                emit(entry);
            }
        }

        _held.Clear();
        _slotOfKey.Clear();
        _heldChars = 0;
    }

    private void Compact()
    {
        var kept = 0;
        _heldChars = 0;
        for (var i = 0; i < _held.Count; i++)
        {
            var held = _held[i];
            if (held.Entry is not null)
            {
                _slotOfKey[held.Key] = kept;
                _held[kept++] = held;
                _heldChars += held.Key.Length + held.Entry.Message.Length;
            }
        }

        _held.RemoveRange(kept, _held.Count - kept);
    }
}
