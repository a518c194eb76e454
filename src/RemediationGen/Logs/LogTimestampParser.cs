using System.Runtime.CompilerServices;
using System.Globalization;

namespace RemediationGen.Logs;

/// <summary>
/// Reads the two timestamp layouts ConfigMgr writes, by hand rather than with DateTime.ParseExact, because real logs
/// bend the layout: 1 to 7 fraction digits, 1- or 2-digit month and day, 2-digit years, biases of any width and the
/// malformed <c>+-360</c> some builds write. Anything that does not fit returns null; nothing here throws. A time whose
/// UTC (local + bias) falls outside the calendar (<c>12-31-9999 23:59:59.999+1440</c>) is also null, and says so, so
/// that no later arithmetic on it can overflow.
/// </summary>
internal static class LogTimestampParser
{
    // No real bias is larger than a day; a bigger number means the text is not a bias.
    private const int MaxBiasMinutes = 24 * 60;
    private const int MaxFractionDigits = 7;

    /// <summary>CMTrace: <c>time="HH:mm:ss.fff+bias"</c> and <c>date="MM-dd-yyyy"</c>.</summary>
    public static LogTimestamp? ParseCmTrace(ReadOnlySpan<char> time, ReadOnlySpan<char> date) =>
        ParseCmTrace(time, date, out _);

    /// <summary>As above; <paramref name="outOfRange"/> tells a well-formed time whose UTC is outside the calendar.</summary>
    public static LogTimestamp? ParseCmTrace(ReadOnlySpan<char> time, ReadOnlySpan<char> date, out bool outOfRange)
    {
        outOfRange = false;
        if (!TryParseDate(date.Trim(), out var year, out var month, out var day))
        {
            return null;
        }

        return TryParseTime(time.Trim(), out var timeOfDayTicks, out var bias)
            ? Build(year, month, day, timeOfDayTicks, bias, out outOfRange)
            : null;
    }

    /// <summary>
    /// Whether a CMTrace <c>date="…"</c> may give a time outside the calendar: only years 1 and 9999 can (a bias is at
    /// most <see cref="MaxBiasMinutes"/>), and a two-digit year is 20xx. Conservative: true for anything else it does not read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool MayBeOutOfRange(ReadOnlySpan<char> date)
    {
        var trimmed = date.Trim();

        // A date is a few characters: a loop, not the vectorized search (this runs for every record the scan holds).
        var lastDash = trimmed.Length - 1;
        while (lastDash >= 0 && trimmed[lastDash] != '-')
        {
            lastDash--;
        }

        var year = trimmed[(lastDash + 1)..];
        return year.Length != 2
            && !(year.Length == 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 1 and < 9999);
    }

    /// <summary>Site server: <c>MM-dd-yyyy HH:mm:ss.fff+bias</c>.</summary>
    public static LogTimestamp? ParseSiteServer(ReadOnlySpan<char> text) => ParseSiteServer(text, out _);

    /// <summary>As above; <paramref name="outOfRange"/> tells a well-formed time whose UTC is outside the calendar.</summary>
    public static LogTimestamp? ParseSiteServer(ReadOnlySpan<char> text, out bool outOfRange)
    {
        outOfRange = false;
        text = text.Trim();
        var space = text.IndexOf(' ');
        if (space < 0)
        {
            return null;
        }

        return ParseCmTrace(text[(space + 1)..], text[..space], out outOfRange);
    }

    private static LogTimestamp? Build(int year, int month, int day, long timeOfDayTicks, int? bias, out bool outOfRange)
    {
        outOfRange = false;
        if (day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(timeOfDayTicks);
        var utcTicks = local.Ticks + ((long)(bias ?? 0) * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            outOfRange = true;
            return null;
        }

        return new LogTimestamp(local, bias);
    }

    private static bool TryParseDate(ReadOnlySpan<char> text, out int year, out int month, out int day)
    {
        year = month = day = 0;
        var position = 0;
        if (!TryReadNumber(text, ref position, 1, 2, out month) || !TrySkip(text, ref position, '-')
            || !TryReadNumber(text, ref position, 1, 2, out day) || !TrySkip(text, ref position, '-'))
        {
            return false;
        }

        var yearStart = position;
        if (!TryReadNumber(text, ref position, 2, 4, out year) || position != text.Length)
        {
            return false;
        }

        var yearDigits = position - yearStart;
        if (yearDigits == 3)
        {
            return false;
        }

        if (yearDigits == 2)
        {
            year += 2000;
        }

        return year >= 1 && month is >= 1 and <= 12 && day >= 1;
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out long ticks, out int? bias)
    {
        ticks = 0;
        bias = null;
        var position = 0;
        if (!TryReadNumber(text, ref position, 1, 2, out var hours) || !TrySkip(text, ref position, ':')
            || !TryReadNumber(text, ref position, 2, 2, out var minutes) || !TrySkip(text, ref position, ':')
            || !TryReadNumber(text, ref position, 2, 2, out var seconds))
        {
            return false;
        }

        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        long fractionTicks = 0;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            var fractionStart = position;
            if (!TryReadNumber(text, ref position, 1, MaxFractionDigits, out var fraction))
            {
                return false;
            }

            // ".3" is 300 ms: scale the digits up to the 7 digits of a tick count.
            fractionTicks = fraction;
            for (var digits = position - fractionStart; digits < MaxFractionDigits; digits++)
            {
                fractionTicks *= 10;
            }
        }

        ticks = new TimeSpan(hours, minutes, seconds).Ticks + fractionTicks;
        if (position == text.Length)
        {
            return true;
        }

        return TryParseBias(text[position..], out bias);
    }

    private static bool TryParseBias(ReadOnlySpan<char> text, out int? bias)
    {
        bias = null;
        if (text.Length < 2 || text[0] is not ('+' or '-'))
        {
            return false;
        }

        var negative = text[0] == '-';
        var position = 1;

        // Some builds write "+-360" for a negative bias: the second sign is the one that counts.
        if (text[position] is '-' or '+')
        {
            negative = text[position] == '-';
            position++;
        }

        // Leading zeros are allowed ("+0060"), so skip them before counting digits.
        while (position < text.Length - 1 && text[position] == '0')
        {
            position++;
        }

        if (!TryReadNumber(text, ref position, 1, 4, out var magnitude) || position != text.Length
            || magnitude > MaxBiasMinutes)
        {
            return false;
        }

        bias = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TrySkip(ReadOnlySpan<char> text, ref int position, char expected)
    {
        if (position < text.Length && text[position] == expected)
        {
            position++;
            return true;
        }

        return false;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int position, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]) && position - start < maxDigits)
        {
            value = (value * 10) + (text[position] - '0');
            position++;
        }

        var digits = position - start;

        // More digits than allowed: the field is not what we expected.
        return digits >= minDigits && (position == text.Length || !char.IsAsciiDigit(text[position]));
    }
}
