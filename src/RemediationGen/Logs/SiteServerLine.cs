using System.Globalization;

namespace RemediationGen.Logs;

/// <summary>
/// The site-server layout: <c>message $$&lt;COMPONENT&gt;&lt;MM-dd-yyyy HH:mm:ss.fff+bias&gt;&lt;thread=N (0xN)&gt;</c>.
/// The split is at the last <c>$$&lt;</c> because a message may itself contain one.
/// </summary>
internal static class SiteServerLine
{
    private const string Marker = "$$<";
    private const string ThreadPrefix = "<thread=";

    /// <summary>One site-server line; <paramref name="timeOutOfRange"/> tells a time whose UTC is outside the calendar (read as none).</summary>
    public static bool TryParse(string line, out string message, out string component, out LogTimestamp? time, out int? thread, out bool timeOutOfRange)
    {
        timeOutOfRange = false;
        message = component = string.Empty;
        time = null;
        thread = null;

        var marker = line.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return false;
        }

        var tail = line.AsSpan(marker + Marker.Length);
        var close = tail.IndexOf('>');
        if (close <= 0 || tail[..close].Contains('<'))
        {
            return false;
        }

        var componentSpan = tail[..close];
        tail = tail[(close + 1)..];
        if (tail.IsEmpty || tail[0] != '<')
        {
            return false;
        }

        close = tail.IndexOf('>');
        if (close < 0)
        {
            return false;
        }

        time = LogTimestampParser.ParseSiteServer(tail[1..close], out timeOutOfRange);
        tail = tail[(close + 1)..];
        if (tail.StartsWith(ThreadPrefix, StringComparison.Ordinal))
        {
            tail = tail[ThreadPrefix.Length..];
            var digits = 0;
            while (digits < tail.Length && char.IsAsciiDigit(tail[digits]))
            {
                digits++;
            }

            if (int.TryParse(tail[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                thread = id;
            }
        }

        component = componentSpan.ToString();

        // "~Found notification file …" and "… ADMIN$.~": the tildes are layout, not message.
        message = line.AsSpan(0, marker).TrimEnd().Trim('~').Trim().ToString();
        return true;
    }

    /// <summary>
    /// The index just after the first whole trailer (<c>$$&lt;C&gt;&lt;stamp&gt;</c>, then <c>&lt;thread=…&gt;</c> when
    /// present) at or after <paramref name="from"/>, or -1: where a record ends when a line holds several.
    /// </summary>
    public static int NextRecordEnd(string line, int from)
    {
        var search = from;
        while (true)
        {
            var marker = line.AsSpan(search).IndexOf(Marker, StringComparison.Ordinal);
            if (marker < 0)
            {
                return -1;
            }

            var at = search + marker + Marker.Length;
            if (TrailerEnd(line.AsSpan(at)) is var end and > 0)
            {
                return at + end;
            }

            search = at;
        }
    }

    /// <summary>The length of <c>C&gt;&lt;stamp&gt;[&lt;thread=…&gt;]</c> at the start of <paramref name="tail"/>, or -1.</summary>
    private static int TrailerEnd(ReadOnlySpan<char> tail)
    {
        var close = tail.IndexOfAny('<', '>');
        if (close <= 0 || tail[close] != '>' || close + 1 >= tail.Length || tail[close + 1] != '<')
        {
            return -1;
        }

        var stampStart = close + 2;
        var stampClose = tail[stampStart..].IndexOfAny('<', '>');
        if (stampClose < 0 || tail[stampStart + stampClose] != '>')
        {
            return -1;
        }

        var end = stampStart + stampClose + 1;
        if (!tail[end..].StartsWith(ThreadPrefix, StringComparison.Ordinal))
        {
            return end;
        }

        var threadClose = tail[end..].IndexOf('>');
        return threadClose < 0 ? -1 : end + threadClose + 1;
    }
}
