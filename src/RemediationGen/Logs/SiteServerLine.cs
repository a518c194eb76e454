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

    public static bool TryParse(string line, out string message, out string component, out LogTimestamp? time, out int? thread) =>
        TryParse(line, out message, out component, out time, out thread, out _);

    /// <summary>As above; <paramref name="timeOutOfRange"/> tells a time whose UTC is outside the calendar (read as none).</summary>
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
}
