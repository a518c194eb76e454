namespace RemediationGen.Logs;

/// <summary>
/// Thins one file's records for a rule that needs only the newest of a repeated record, e.g. the last "Begin
/// validation" of a certificate on a busy PXE DP (one line in seven): of a run of records with a key, only the newest
/// per key goes on, in the order of those newest records; a record without a key ends the run, so the rules see it
/// after exactly the keyed records they would have seen last before it. Memory is bounded: a run is cut at
/// <see cref="MaxKeys"/> keys or <see cref="MaxHeldChars"/> characters of keys and messages (a record may hold a
/// megabyte), which only lets more records through.
/// <para>
/// The scan hands over a one-line record unparsed (<see cref="HoldLine"/>): a record a newer one of its key replaces
/// is then never parsed, and the newest is parsed by <paramref name="parseLine"/> only when it goes on. The line is
/// copied into a buffer; the buffer of the line it replaces is kept for the next line, so holding a repeated record
/// of about the same length allocates nothing.
/// </para>
/// </summary>
internal sealed class NewestRecordPerKey(RecordKey keyOf, HeldLineParser? parseLine = null)
{
    public const int MaxKeys = 4096;

    public const int MaxHeldChars = 1024 * 1024;

    // Buffers of lines no longer held, for the next lines: a few short ones are enough to hold a repeated record
    // without allocating, and a long line gets a buffer of its own that is not kept. A line takes a spare at most a
    // quarter longer than itself (or 256), so the buffers held stay within that of the lines held.
    private const int MaxSpareBuffers = 64;
    private const int MaxSpareBufferChars = 4096;

    private readonly Stack<char[]> _spareBuffers = new();

    private readonly Dictionary<string, int> _slotOfKey = new(StringComparer.Ordinal);

    // Records held in arrival order, parsed (Entry) or as their line; one a newer record of its key replaced has
    // neither until the list is compacted. Chars: the characters of its key and message. An array, not a List: a
    // List of a struct is compiled at run time, and started unoptimized, where an array's code is compiled ahead.
    private Held[] _held = new Held[64];
    private int _heldCount;

    // Characters of the keys and messages held, those replaced included until they are compacted away.
    private long _heldChars;

    /// <summary>The key <see cref="Accept(LogEntry, Action{LogEntry})"/> would give a record of <paramref name="file"/> with this message and component.</summary>
    public string? KeyOf(LogFile file, ReadOnlySpan<char> message, ReadOnlySpan<char> component) => keyOf(file, message, component);

    public void Accept(LogEntry entry, Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Accept(entry, keyOf(entry.File, entry.Message, entry.Component), emit);
    }

    /// <summary>As <see cref="Accept(LogEntry, Action{LogEntry})"/>, with the entry's key (from <see cref="KeyOf"/>) already worked out.</summary>
    public void Accept(LogEntry entry, string? key, Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(emit);
        if (key is null)
        {
            Flush(emit);
            emit(entry);
            return;
        }

        Hold(new Held(key, entry, null, 0, 0, key.Length + entry.Message.Length), default, emit);
    }

    /// <summary>
    /// Holds, under <paramref name="key"/> (from <see cref="KeyOf"/>), line <paramref name="lineNumber"/> that
    /// the parser given reads as one record with a message <paramref name="messageLength"/> long, as
    /// <see cref="Accept(LogEntry, Action{LogEntry})"/> would hold that record; its parse must report nothing.
    /// </summary>
    public void HoldLine(string key, ReadOnlySpan<char> line, long lineNumber, int messageLength, Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(emit);
        if (parseLine is null)
        {
            throw new InvalidOperationException("No parser was given for held lines.");
        }

        Hold(new Held(key, null, null, 0, lineNumber, (long)key.Length + messageLength), line, emit);
    }

    /// <summary>Passes on the records held, oldest first; call it at the end of the file.</summary>
    public void Flush(Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        foreach (var held in _held.AsSpan(0, _heldCount))
        {
            if (held.Entry is { } entry)
            {
                emit(entry);
            }
            else if (held.Line is { } line)
            {
                emit(parseLine!(line.AsSpan(0, held.LineLength), held.LineNumber));
                Spare(line);
            }
        }

        Array.Clear(_held, 0, _heldCount);
        _heldCount = 0;
        _slotOfKey.Clear();
        _heldChars = 0;
    }

    /// <summary>Holds <paramref name="record"/>, with <paramref name="line"/> copied into a buffer when it has no entry.</summary>
    private void Hold(Held record, ReadOnlySpan<char> line, Action<LogEntry> emit)
    {
        // Compacting keeps every key: whether the key is held is known from this one lookup.
        var known = _slotOfKey.TryGetValue(record.Key, out var replaced);
        if (known)
        {
            Spare(_held[replaced].Line);
            _held[replaced] = _held[replaced] with { Entry = null, Line = null };
        }

        if (record.Entry is null)
        {
            var buffer = _spareBuffers.TryPeek(out var spare) && spare.Length >= line.Length && spare.Length <= Math.Max(line.Length + (line.Length / 4), 256)
                ? _spareBuffers.Pop()
                : new char[Math.Max(line.Length, 256)];
            line.CopyTo(buffer);
            record = record with { Line = buffer, LineLength = line.Length };
        }

        if (_heldCount >= (4 * _slotOfKey.Count) + 64 || _heldChars + record.Chars > MaxHeldChars)
        {
            Compact();
        }

        if ((!known && _slotOfKey.Count == MaxKeys) || _heldChars + record.Chars > MaxHeldChars)
        {
            Flush(emit);
        }

        if (_heldCount == _held.Length)
        {
            Array.Resize(ref _held, _held.Length * 2);
        }

        _slotOfKey[record.Key] = _heldCount;
        _held[_heldCount++] = record;
        _heldChars += record.Chars;
    }

    private void Spare(char[]? buffer)
    {
        if (buffer is not null && buffer.Length <= MaxSpareBufferChars && _spareBuffers.Count < MaxSpareBuffers)
        {
            _spareBuffers.Push(buffer);
        }
    }

    private void Compact()
    {
        var kept = 0;
        _heldChars = 0;
        for (var i = 0; i < _heldCount; i++)
        {
            var held = _held[i];
            if (held.Entry is not null || held.Line is not null)
            {
                _slotOfKey[held.Key] = kept;
                _held[kept++] = held;
                _heldChars += held.Chars;
            }
        }

        Array.Clear(_held, kept, _heldCount - kept);
        _heldCount = kept;
    }

    private readonly record struct Held(string Key, LogEntry? Entry, char[]? Line, int LineLength, long LineNumber, long Chars);
}

/// <summary>Parses a line <see cref="NewestRecordPerKey.HoldLine"/> held, when it goes on.</summary>
internal delegate LogEntry HeldLineParser(ReadOnlySpan<char> line, long lineNumber);
