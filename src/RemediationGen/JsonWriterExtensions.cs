using System.Text.Json;

namespace RemediationGen;

internal static class JsonWriterExtensions
{
    /// <summary>Writes <c>"name": [ "a", "b" ]</c>, in the order given.</summary>
    public static void WriteStringArray(this Utf8JsonWriter writer, string propertyName, IEnumerable<string> values)
    {
        writer.WriteStartArray(propertyName);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
