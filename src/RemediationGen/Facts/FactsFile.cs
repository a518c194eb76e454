using System.Text.Json;

namespace RemediationGen.Facts;

/// <summary>
/// The facts file (schemaVersion 1): what <c>collect</c> writes and <c>--facts</c> reads, for offline work, review
/// and the demo. Reading is strict: an unknown schema version, an unknown or missing field, or an invalid value is
/// an error that names the file, the field path (e.g. <c>sites[1].distributionPoints[0].serverName</c>) and the value.
/// </summary>
internal static class FactsFile
{
    public const int SchemaVersion = 1;

    /// <summary>A hierarchy's facts are a few MiB at most; anything larger is the wrong file, or a device.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static HierarchyFacts Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, "The facts file path is empty; name a facts file.");
        }

        byte[] bytes;
        try
        {
            bytes = FactsFileOpener.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Facts file '{path}' cannot be read: {ex.Message}", ex);
        }

        return Parse(bytes, path, origin: path);
    }

    /// <summary>
    /// True when <paramref name="path"/> holds a facts file by its shape (a JSON object with <c>schemaVersion</c> and
    /// <c>sites</c>), whatever its version or content: what <c>collect --force</c> may replace. Anything else, or a
    /// file that cannot be read, is not ours.
    /// </summary>
    public static bool IsFactsFile(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(FactsFileOpener.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number
                && root.TryGetProperty("sites", out var sites) && sites.ValueKind == JsonValueKind.Array;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or RemediationGenException)
        {
            // A FIFO, a device or a file too large is refused by the opener without waiting on it: not ours either.
            return false;
        }
    }

    /// <summary>Parses facts JSON; <paramref name="displayName"/> names the source in error messages.</summary>
    public static HierarchyFacts Parse(ReadOnlyMemory<byte> json, string displayName, string origin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Facts file '{displayName}'{where}: not valid JSON ({FirstSentence(ex.Message)}).", ex);
        }

        using (document)
        {
            var reader = new FactsFileReader(displayName);
            reader.CheckText(document.RootElement, "(root)");
            return reader.ReadRoot(document.RootElement, origin);
        }
    }

    /// <summary>Writes facts as indented JSON (LF line endings, stable field order): the file <c>collect</c> produces.</summary>
    public static byte[] Serialize(HierarchyFacts facts)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions.Writer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            if (facts.CollectedAt is { } collectedAt)
            {
                writer.WriteString("collectedAt", IsoTime.Utc(collectedAt));
            }

            writer.WriteString("source", facts.Origin);
            writer.WriteStartArray("sites");
            foreach (var site in facts.Sites)
            {
                FactsFileWriter.WriteSite(writer, site);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
