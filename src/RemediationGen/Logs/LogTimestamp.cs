namespace RemediationGen.Logs;

/// <summary>
/// A log time exactly as written: local wall-clock time plus the bias in minutes when the line has one.
/// ConfigMgr writes the Windows time-zone bias, so UTC = local + bias (US Central in winter: +360).
/// </summary>
internal readonly record struct LogTimestamp(DateTime Local, int? BiasMinutes)
{
    /// <summary>UTC, when the bias is known.</summary>
    public DateTime? Utc => BiasMinutes is { } bias ? DateTime.SpecifyKind(Local.AddMinutes(bias), DateTimeKind.Utc) : null;

    /// <summary>
    /// This time <paramref name="days"/> days later (or earlier), when it and its UTC stay inside the calendar; a log's
    /// "expires in 2147483647 day(s)" does not.
    /// </summary>
    public bool TryAddDays(int days, out LogTimestamp later)
    {
        later = default;
        var ticks = Local.Ticks + ((long)days * TimeSpan.TicksPerDay);
        var utcTicks = ticks + ((long)(BiasMinutes ?? 0) * TimeSpan.TicksPerMinute);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            || utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        later = this with { Local = new DateTime(ticks, DateTimeKind.Unspecified) };
        return true;
    }

    /// <summary>UTC as ISO 8601 with a Z (<c>2026-11-20T14:15:03.114Z</c>), or null when the bias is unknown.</summary>
    public string? ToUtcIsoString() =>
        Utc?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 local time with its offset (offset = -bias), or without one when the bias is unknown.</summary>
    public string ToIsoString()
    {
        var local = Local.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        if (BiasMinutes is not { } bias)
        {
            return local;
        }

        var offset = -bias;
        var sign = offset < 0 ? '-' : '+';
        var magnitude = Math.Abs(offset);
        return FormattableString.Invariant($"{local}{sign}{magnitude / 60:00}:{magnitude % 60:00}");
    }
}
