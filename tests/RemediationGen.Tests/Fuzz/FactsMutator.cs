using System.Text;
using System.Text.Json.Nodes;

namespace RemediationGen.Tests.Fuzz;

/// <summary>Seeded mutations of a facts file: of its structure (fields, types, nesting, duplicates) and of its bytes.</summary>
internal static class FactsMutator
{
    private static readonly string[] Names =
        ["schemaVersion", "sites", "siteCode", "siteServer", "issuingCertificateList", "managementPoints", "distributionPoints", "serverName", "isPxe", "pxePasswordSet", "pxeResponder", "certificateThumbprint", "certificateExpires", "outOfBandManagement", "servicePoint", "provisioningCertificateSubject", "organization", "country", "trustedRootHashes", "x"];

    public static (byte[] Bytes, string Mutation) Mutate(string seedJson, Random random)
    {
        var kind = random.Next(14);
        return kind switch
        {
            0 => (Node(seedJson, random, RemoveProperty), "remove a field"),
            1 => (Node(seedJson, random, ChangeType), "change a value's type"),
            2 => (Node(seedJson, random, (node, r) => SetString(node, r, Payloads.Pick(r))), "hostile string value"),
            3 => (Node(seedJson, random, (node, r) => SetString(node, r, Payloads.Pick(r) + Payloads.Pick(r))), "two hostile pieces"),
            4 => (Node(seedJson, random, AddUnknownField), "unknown field"),
            5 => (Node(seedJson, random, CopyArrayItems), "array items repeated"),
            6 => (Utf8(DuplicateKey(seedJson, random)), "duplicate key"),
            7 => (Utf8(Nest(seedJson, random)), "deep nesting"),
            8 => (FlipBytes(Utf8(seedJson), random), "flipped bytes"),
            9 => (InsertBytes(Utf8(seedJson), random), "inserted bytes"),
            10 => (Utf8(seedJson)[..random.Next(seedJson.Length)], "truncated"),
            11 => (Utf8(InsertInString(seedJson, random, random.Next(2) == 0 ? "\\ud800" : "\\udc00\\u0000")), "escape in a string"),
            12 => (Encode(seedJson, random), "other encoding"),
            _ => (Utf8(ReplaceChar(seedJson, random)), "punctuation replaced"),
        };
    }

    /// <summary>Several mutations on top of each other, as a fuzzer's later generations do.</summary>
    public static (byte[] Bytes, string Mutation) MutateRepeatedly(string seedJson, Random random)
    {
        var (bytes, mutation) = Mutate(seedJson, random);
        for (var round = random.Next(3); round > 0; round--)
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                break;
            }

            var next = Mutate(text, random);
            bytes = next.Bytes;
            mutation += ", " + next.Mutation;
        }

        return (bytes, mutation);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Changes the parsed tree; a text the tree cannot hold (broken, or with a duplicate key) stays as it is.</summary>
    private static byte[] Node(string json, Random random, Action<JsonNode, Random> change)
    {
        try
        {
            if (JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip }) is not { } root)
            {
                return Utf8(json);
            }

            change(root, random);
            return Utf8(root.ToJsonString());
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return Utf8(json);
        }
    }

    private static List<JsonNode> All(JsonNode root)
    {
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? node)
        {
            if (node is null)
            {
                return;
            }

            nodes.Add(node);
            switch (node)
            {
                case JsonObject obj:
                    foreach (var property in obj.ToList())
                    {
                        Walk(property.Value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array.ToList())
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(root);
        return nodes;
    }

    private static T? Pick<T>(List<T> items, Random random)
        where T : class => items.Count == 0 ? null : items[random.Next(items.Count)];

    private static void RemoveProperty(JsonNode root, Random random)
    {
        if (Pick(All(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList(), random) is { } obj)
        {
            obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
        }
    }

    private static void AddUnknownField(JsonNode root, Random random)
    {
        if (Pick(All(root).OfType<JsonObject>().ToList(), random) is { } obj)
        {
            obj[Names[random.Next(Names.Length)] + (random.Next(2) == 0 ? string.Empty : "\u00e9")] = Payloads.Pick(random);
        }
    }

    private static void CopyArrayItems(JsonNode root, Random random)
    {
        if (Pick(All(root).OfType<JsonArray>().Where(a => a.Count > 0).ToList(), random) is { } array)
        {
            var item = array[random.Next(array.Count)];
            for (var i = random.Next(1, 40); i > 0; i--)
            {
                array.Add(item?.DeepClone());
            }
        }
    }

    private static void ChangeType(JsonNode root, Random random)
    {
        var values = All(root).Where(n => n.Parent is not null).ToList();
        if (Pick(values, random) is not { } node)
        {
            return;
        }

        JsonNode? replacement = random.Next(7) switch
        {
            0 => JsonValue.Create(random.Next(-5, 5)),
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => null,
            3 => new JsonArray(),
            4 => new JsonObject(),
            5 => JsonValue.Create(1e308),
            _ => JsonValue.Create("PS" + random.Next(10)),
        };
        Replace(node, replacement);
    }

    private static void SetString(JsonNode root, Random random, string value)
    {
        var strings = All(root).OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        if (Pick(strings, random) is { } node)
        {
            Replace(node, JsonValue.Create(value));
        }
    }

    private static void Replace(JsonNode node, JsonNode? replacement)
    {
        switch (node.Parent)
        {
            case JsonObject obj:
                obj[node.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = replacement;
                break;
        }
    }

    private static string DuplicateKey(string json, Random random)
    {
        var name = Names[random.Next(Names.Length - 1)];
        var at = json.IndexOf($"\"{name}\"", StringComparison.Ordinal);
        return at < 0 ? json : json.Insert(at, $"\"{name}\": {(random.Next(2) == 0 ? "\"PS9\"" : "1")}, ");
    }

    private static string Nest(string json, Random random)
    {
        var depth = random.Next(10, 200);
        var at = json.IndexOf("\"sites\":", StringComparison.Ordinal);
        return at < 0 ? json : json.Insert(at, "\"x\": " + new string('[', depth) + new string(']', depth) + ", ");
    }

    private static string InsertInString(string json, Random random, string escape)
    {
        var quotes = Enumerable.Range(0, json.Length).Where(i => json[i] == '"').ToList();
        return quotes.Count == 0 ? json : json.Insert(quotes[random.Next(quotes.Count)] + 1, escape);
    }

    private static string ReplaceChar(string json, Random random)
    {
        const string Punctuation = "{}[]:,\"\\ 0-eE/*";
        var builder = new StringBuilder(json);
        for (var i = random.Next(1, 4); i > 0 && builder.Length > 0; i--)
        {
            builder[random.Next(builder.Length)] = Punctuation[random.Next(Punctuation.Length)];
        }

        return builder.ToString();
    }

    private static byte[] FlipBytes(byte[] bytes, Random random)
    {
        for (var i = random.Next(1, 6); i > 0 && bytes.Length > 0; i--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return bytes;
    }

    private static byte[] InsertBytes(byte[] bytes, Random random)
    {
        byte[][] pieces = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x00], [0xEF, 0xBB, 0xBF], [0xE2, 0x80, 0xAE], [0x1B, 0x5B, 0x32, 0x4A], [(byte)random.Next(256)]];
        var piece = pieces[random.Next(pieces.Length)];
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. piece, .. bytes[at..]];
    }

    private static byte[] Encode(string json, Random random) => random.Next(4) switch
    {
        0 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)],
        1 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(json)],
        2 => Encoding.Unicode.GetBytes(json),
        _ => Encoding.Latin1.GetBytes(json.Replace("Contoso", "Cont\u00f6so", StringComparison.Ordinal)),
    };
}
