using System.Runtime.CompilerServices;
namespace RemediationGen.Logs;

/// <summary>
/// Thins one file's records for a rule that needs only the newest of a repeated record, e.g. the last "Begin
/// validation" of a certificate on a busy PXE DP (one line in seven): of a run of records with a key, only the newest
/// per key goes on, in the order of those newest records; a record without a key ends the run, so the rules see it
/// after exactly the keyed records they would have seen last before it. Memory is bounded: a run is cut at
/// <see cref="MaxKeys"/> keys or <see cref="MaxHeldChars"/> characters of keys and messages (a record may hold a
/// megabyte), which only lets more records through.
/// <para>
/// The scan hands over a one-line record unparsed (<see cref="HoldLine(HeldKey, ReadOnlySpan{char}, long, int, Action{LogEntry})"/>):
/// a record a newer one of its key replaces is then never parsed, and the newest is parsed by
/// <paramref name="parseLine"/> only when it goes on. Each key has one <see cref="HeldKey"/> (until it is retired),
/// which the scan keeps beside the message it read the key from: holding a repeated record then looks nothing up, and
/// copies its line into the buffer the key's last line used when that is about its length.
/// </para>
/// </summary>
internal sealed class NewestRecordPerKey(RecordKey keyOf, HeldLineParser? parseLine = null)
{
    public const int MaxKeys = 4096;

    public const int MaxHeldChars = 1024 * 1024;

    // A key keeps the buffer of its last line for the next one when the line was at most this long, and while the
    // buffers kept by keys that hold nothing stay within MaxIdleBufferChars (as many as 64 spare buffers of the longest).
    private const int MaxKeptBufferChars = 4096;
    private const int MaxIdleBufferChars = 64 * MaxKeptBufferChars;

    // The keys known in the file: a key's HeldKey outlives its runs, so the scan's cache can keep it. Past twice the
    // run's bounds, the keys out of the run are retired (each retiring then frees at least half).
    private readonly Dictionary<string, HeldKey> _keys = new(StringComparer.Ordinal);

    // The keys holding a record in this run, in the order they first did in it (not the order they go on in).
    private readonly List<HeldKey> _run = [];

    // The arrival number of the last record held: a key's Order tells which of the run's records is the newest.
    private long _arrivals;

    // Characters of the keys and messages held in this run.
    private long _heldChars;

    // Characters of the buffers kept by keys out of the run (holding nothing).
    private long _idleBufferChars;

    // Characters of the keys known.
    private long _keyChars;

    /// <summary>The key <see cref="Accept(LogEntry, Action{LogEntry})"/> would give a record of <paramref name="file"/> with this message and component.</summary>
    public string? KeyOf(LogFile file, ReadOnlySpan<char> message, ReadOnlySpan<char> component) => keyOf(file, message, component);

    /// <summary>
    /// The one <see cref="HeldKey"/> of <paramref name="key"/> in this file. One that is <see cref="HeldKey.Retired"/>
    /// later (when more than twice <see cref="MaxKeys"/> keys are known) must be asked for again.
    /// </summary>
    public HeldKey KeyFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_keys.TryGetValue(key, out var held))
        {
            return held;
        }

        if (_keys.Count >= 2 * MaxKeys || _keyChars + key.Length > 2L * MaxHeldChars)
        {
            RetireKeysOutOfRun();
        }

        held = new HeldKey(key);
        _keys.Add(key, held);
        _keyChars += key.Length;
        return held;
    }

    public void Accept(LogEntry entry, Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Accept(entry, keyOf(entry.File, entry.Message, entry.Component) is { } key ? KeyFor(key) : null, emit);
    }

    /// <summary>As <see cref="Accept(LogEntry, Action{LogEntry})"/>, with the entry's key from <see cref="KeyFor"/>.</summary>
    public void Accept(LogEntry entry, HeldKey? key, Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(emit);
        if (key is null)
        {
            Flush(emit);
            emit(entry);
            return;
        }

        MakeRoom(key, key.Key.Length + entry.Message.Length, emit);

        // A parsed record holds no line: the key's buffer would be memory nothing counts.
        key.Entry = entry;
        key.Line = null;
        key.LineLength = 0;
        Held(key, key.Key.Length + entry.Message.Length);
    }

    /// <summary>
    /// Holds, under <paramref name="key"/>, line <paramref name="lineNumber"/> that the parser given reads as one
    /// record with a message <paramref name="messageLength"/> long, as <see cref="Accept(LogEntry, Action{LogEntry})"/>
    /// would hold that record; its parse must report nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void HoldLine(HeldKey key, ReadOnlySpan<char> line, long lineNumber, int messageLength, Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(emit);
        if (parseLine is null)
        {
            throw new InvalidOperationException("No parser was given for held lines.");
        }

        var chars = (long)key.Key.Length + messageLength;
        MakeRoom(key, chars, emit);

        // The key's last buffer serves if it is at most a quarter longer than the line (or 256), so the buffers held
        // stay within that of the lines held.
        if (key.Line is not { } buffer || buffer.Length < line.Length || buffer.Length > Math.Max(line.Length + (line.Length / 4), 256))
        {
            buffer = key.Line = new char[Math.Max(line.Length, 256)];
        }

        line.CopyTo(buffer);
        key.Entry = null;
        key.LineLength = line.Length;
        key.LineNumber = lineNumber;
        Held(key, chars);
    }

    /// <summary>Passes on the records held, oldest first; call it at the end of the file.</summary>
    public void Flush(Action<LogEntry> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        if (_run.Count > 1)
        {
            _run.Sort(static (left, right) => left.Order.CompareTo(right.Order));
        }

        foreach (var key in _run)
        {
            if (key.Entry is { } entry)
            {
                emit(entry);
            }
            else if (key.LineLength > 0)
            {
                emit(parseLine!(key.Line.AsSpan(0, key.LineLength), key.LineNumber));
            }

            key.Release();
            if (key.Line is { } buffer)
            {
                if (buffer.Length > MaxKeptBufferChars || _idleBufferChars + buffer.Length > MaxIdleBufferChars)
                {
                    key.Line = null;
                }
                else
                {
                    _idleBufferChars += buffer.Length;
                }
            }
        }

        _run.Clear();
        _heldChars = 0;
    }

    /// <summary>
    /// Drops what <paramref name="key"/> holds, which the record coming replaces, then passes on what is held when the
    /// record would not fit: a new key in a run of <see cref="MaxKeys"/>, or more than <see cref="MaxHeldChars"/>.
    /// The key must then be held (<see cref="Held"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MakeRoom(HeldKey key, long chars, Action<LogEntry> emit)
    {
        if (key.Retired)
        {
            throw new InvalidOperationException("A retired key was held: ask KeyFor for it again.");
        }

        if (key.InRun)
        {
            _heldChars -= key.Chars;
            key.Drop();
        }

        if ((!key.InRun && _run.Count == MaxKeys) || _heldChars + chars > MaxHeldChars)
        {
            Flush(emit);
        }

        // The key is about to hold again: its buffer is no longer idle.
        if (!key.InRun && key.Line is { } idle)
        {
            _idleBufferChars -= idle.Length;
        }
    }

    /// <summary>Retires the keys that hold nothing in the run, which the run's bounds leave at most half of those known.</summary>
    private void RetireKeysOutOfRun()
    {
        foreach (var key in _keys.Values.Where(key => !key.InRun).ToList())
        {
            if (key.Line is { } idle)
            {
                _idleBufferChars -= idle.Length;
            }

            key.Retire();
            _keys.Remove(key.Key);
            _keyChars -= key.Key.Length;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Held(HeldKey key, long chars)
    {
        key.Order = ++_arrivals;
        key.Chars = chars;
        _heldChars += chars;
        if (!key.InRun)
        {
            key.InRun = true;
            _run.Add(key);
        }
    }

    /// <summary>
    /// One key of a file and the newest record it holds in the run, parsed (<see cref="Entry"/>) or as its line; the
    /// scan keeps it beside a message it read the key from (see <see cref="RecordKeyCache{TValue}"/>).
    /// </summary>
    internal sealed class HeldKey(string key)
    {
        public string Key { get; } = key;

        /// <summary>No longer the file's key object (see <see cref="KeyFor"/>): it holds nothing and must not be held under.</summary>
        public bool Retired { get; private set; }

        internal LogEntry? Entry { get; set; }

        internal char[]? Line { get; set; }

        internal int LineLength { get; set; }

        internal long LineNumber { get; set; }

        internal long Order { get; set; }

        internal long Chars { get; set; }

        internal bool InRun { get; set; }

        /// <summary>Forgets the record held (a newer one of the key replaces it); the key stays in the run.</summary>
        internal void Drop()
        {
            Entry = null;
            LineLength = 0;
            Chars = 0;
        }

        /// <summary>Leaves the run, keeping its buffer (see <see cref="Flush"/>).</summary>
        internal void Release()
        {
            Drop();
            InRun = false;
        }

        internal void Retire()
        {
            Release();
            Line = null;
            Retired = true;
        }
    }
}

/// <summary>Parses a line <see cref="NewestRecordPerKey.HoldLine(NewestRecordPerKey.HeldKey, ReadOnlySpan{char}, long, int, Action{LogEntry})"/> held, when it goes on.</summary>
internal delegate LogEntry HeldLineParser(ReadOnlySpan<char> line, long lineNumber);
