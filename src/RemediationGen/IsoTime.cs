using System.Globalization;

namespace RemediationGen;

/// <summary>The one form for dates and times the tool writes (UTC, whole seconds) and reads (ISO 8601) in its files.</summary>
internal static class IsoTime
{
    // A time without an offset is UTC, whatever this machine's time zone: the same file reads the same everywhere.
    private static readonly string[] Accepted = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    /// <summary>For example <c>2026-11-20T09:00:00Z</c>.</summary>
    public static string Utc(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Accepted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
