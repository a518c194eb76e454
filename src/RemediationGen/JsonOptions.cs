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
}
