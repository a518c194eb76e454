using System.Globalization;

namespace RemediationGen.Facts;

/// <summary>Reads column values whatever type the provider returns (SQL Server bit/int, SQLite long/text).</summary>
internal static class DbValues
{
    public static string? AsText(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Reads a 0/1 flag. NULL is false; a value that is not a flag is false and returns false.</summary>
    public static bool TryReadFlag(object? value, out bool flag)
    {
        flag = false;
        switch (value)
        {
            case null or DBNull:
                return true;
            case bool b:
                flag = b;
                return true;
            case byte or sbyte or short or ushort or int or uint or long or ulong or decimal:
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                flag = number == 1;
                return number is 0 or 1;
            case string text:
                var trimmed = text.Trim();
                if (trimmed is "1" || string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
                {
                    flag = true;
                    return true;
                }

                return trimmed is "0" or "" || string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }
}
