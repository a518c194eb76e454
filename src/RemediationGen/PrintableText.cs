using System.Globalization;
using System.Text;

namespace RemediationGen;

/// <summary>
/// Makes a value read from outside (database, log, file) safe to put in a message: control and non-ASCII characters
/// become <c>\uXXXX</c>, so a look-alike quote or a terminal escape is visible rather than acted on, and the length is bounded.
/// </summary>
internal static class PrintableText
{
    public const int DefaultMaxLength = 200;

    /// <summary>Escapes control and non-ASCII characters as \uXXXX and cuts the result at <paramref name="maxLength"/> characters plus "...".</summary>
    public static string Escape(string? value, int maxLength = DefaultMaxLength)
    {
        if (value is null)
        {
            return "(null)";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        foreach (var c in value)
        {
            if (builder.Length >= maxLength)
            {
                return builder.ToString(0, maxLength) + "...";
            }

            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return builder.Length > maxLength ? builder.ToString(0, maxLength) + "..." : builder.ToString();
    }
}
