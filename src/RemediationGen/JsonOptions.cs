using System.Text.Encodings.Web;
using System.Text.Json;

namespace RemediationGen;

/// <summary>One JSON style for everything the tool writes: indented, LF, stable, readable (no needless \u escapes).</summary>
internal static class JsonOptions
{
    public static JsonWriterOptions Writer { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>The JSON that <paramref name="write"/> writes in this style, as a string.</summary>
    public static string Text(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Writer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
