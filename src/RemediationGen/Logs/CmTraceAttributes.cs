using System.Runtime.CompilerServices;
using System.Globalization;

namespace RemediationGen.Logs;

/// <summary>
/// The attribute block after <c>]LOG]!&gt;</c>: <c>&lt;time="…" date="…" component="…" context="…" type="N" thread="N" file="…"&gt;</c>.
/// Attributes may come in any order and any may be missing; unknown ones are skipped.
/// </summary>
internal readonly ref struct CmTraceAttributes
{
    private CmTraceAttributes(ReadOnlySpan<char> time, ReadOnlySpan<char> date, ReadOnlySpan<char> component, ReadOnlySpan<char> type, ReadOnlySpan<char> thread)
    {
        Time = time;
        Date = date;
        Component = component;
        Type = type;
        Thread = thread;
    }

    public ReadOnlySpan<char> Time { get; }

    public ReadOnlySpan<char> Date { get; }

    public ReadOnlySpan<char> Component { get; }

    public ReadOnlySpan<char> Type { get; }

    public ReadOnlySpan<char> Thread { get; }

    /// <summary>The time, when there is one; <paramref name="outOfRange"/> tells one whose UTC is outside the calendar.</summary>
    public LogTimestamp? ParseTimestamp(out bool outOfRange)
    {
        outOfRange = false;
        return Time.IsEmpty || Date.IsEmpty ? null : LogTimestampParser.ParseCmTrace(Time, Date, out outOfRange);
    }

    public LogSeverity Severity => Type.Trim() switch
    {
        "1" => LogSeverity.Information,
        "2" => LogSeverity.Warning,
        "3" => LogSeverity.Error,
        _ => LogSeverity.Unknown,
    };

    public int? ThreadId =>
        int.TryParse(Thread, NumberStyles.None, CultureInfo.InvariantCulture, out var thread) ? thread : null;

    public static CmTraceAttributes Parse(ReadOnlySpan<char> text) =>
        TryParseConfigMgrLayout(text, out var attributes) ? attributes : ParseAnyLayout(text);

    /// <summary>
    /// The attributes exactly as ConfigMgr writes them: <c>&lt;time="…" date="…" component="…" context="…" type="…"
    /// thread="…" file="…"&gt;</c>, each value up to the next quote. The scan parses the attributes of every record it
    /// holds: this reads them as <see cref="ParseAnyLayout"/> would, comparing each name where it must be instead of
    /// reading every character; false, for that reading, on any other text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseConfigMgrLayout(ReadOnlySpan<char> text, out CmTraceAttributes attributes)
    {
        attributes = default;
        var position = 0;
        if (!TryReadValue(text, "<time=\"", ref position, out var time)
            || !TryReadValue(text, " date=\"", ref position, out var date)
            || !TryReadValue(text, " component=\"", ref position, out var component)
            || !TryReadValue(text, " context=\"", ref position, out _)
            || !TryReadValue(text, " type=\"", ref position, out var type)
            || !TryReadValue(text, " thread=\"", ref position, out var thread)
            || !TryReadValue(text, " file=\"", ref position, out _)
            || position >= text.Length
            || text[position] != '>')
        {
            return false;
        }

        attributes = new CmTraceAttributes(time, date, component, type, thread);
        return true;
    }

    /// <summary>Reads <paramref name="opening"/> (a name and its opening quote) at the position, then the value up to its closing quote.</summary>
    // Inlined where each name is a constant, so its comparison is unrolled.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadValue(ReadOnlySpan<char> text, scoped ReadOnlySpan<char> opening, scoped ref int position, out ReadOnlySpan<char> value)
    {
        value = default;
        if (!text[position..].StartsWith(opening, StringComparison.Ordinal))
        {
            return false;
        }

        // Values are short: a loop, not a search set up for each.
        var start = position + opening.Length;
        var end = start;
        while (end < text.Length && text[end] != '"')
        {
            end++;
        }

        if (end >= text.Length)
        {
            return false;
        }

        value = text[start..end];
        position = end + 1;
        return true;
    }

    /// <summary>Attributes in any order, any of them missing, unknown ones skipped (see <see cref="CmTraceAttributes"/>).</summary>
    internal static CmTraceAttributes ParseAnyLayout(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> time = default, date = default, component = default, type = default, thread = default;
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '>')
            {
                break;
            }

            if (c == '<' || IsWhiteSpace(c))
            {
                position++;
                continue;
            }

            var nameStart = position;
            while (position < text.Length && text[position] is not ('=' or '>' or '<') && !IsWhiteSpace(text[position]))
            {
                position++;
            }

            var name = text[nameStart..position];
            if (position >= text.Length || text[position] != '=')
            {
                continue;
            }

            position++;
            ReadOnlySpan<char> value;
            if (position < text.Length && text[position] == '"')
            {
                position++;
                var close = text[position..].IndexOf('"');
                var end = close < 0 ? text.Length : position + close;
                value = text[position..end];
                position = close < 0 ? text.Length : end + 1;
            }
            else
            {
                var valueStart = position;
                while (position < text.Length && text[position] != '>' && !IsWhiteSpace(text[position]))
                {
                    position++;
                }

                value = text[valueStart..position];
            }

            switch (name)
            {
                case "time": time = value; break;
                case "date": date = value; break;
                case "component": component = value; break;
                case "type": type = value; break;
                case "thread": thread = value; break;
                default: break;
            }
        }

        return new CmTraceAttributes(time, date, component, type, thread);
    }

    // char.IsWhiteSpace, with ASCII decided in line.
    private static bool IsWhiteSpace(char c) => c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : char.IsWhiteSpace(c);
}
