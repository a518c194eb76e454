using System.Globalization;
using System.Text;

namespace RemediationGen.Diagnosis;

/// <summary>
/// Makes a value read from a log safe to show: control and non-ASCII characters become <c>\uXXXX</c> (so a
/// look-alike quote or a terminal escape is visible, not acted on) and the result is at most <see cref="MaxLength"/> characters.
/// </summary>
public static class PrintableValue
{
    public const int MaxLength = 200;

    private const string Ellipsis = "...";

    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(Math.Min(value.Length, MaxLength + 8));
        foreach (var c in value)
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }

            if (builder.Length > MaxLength)
            {
                break;
            }
        }

        return builder.Length <= MaxLength ? builder.ToString() : builder.ToString(0, MaxLength - Ellipsis.Length) + Ellipsis;
    }
}
