using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>What Invoke-MgGraphRequest hands back: the HTTP status, the response headers and the JSON body (null for 204).</summary>
public sealed record FakeGraphResponse(int StatusCode, Dictionary<string, string[]> Headers, string? Json);

/// <summary>One request the scripts sent to Graph: method, URI and body text (empty when none).</summary>
public sealed record GraphRequest(string Method, string Uri, string Body)
{
    public override string ToString() => Method + " " + Uri;

    public JsonObject BodyJson => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>
/// The tenant the Graph doubles answer for, as the documented API does (Graph beta deviceHealthScripts): 201 with an
/// id on create, 204 on PATCH and assign (which replaces the whole set), a list without script bodies, pages with
/// @odata.nextLink, 429 with Retry-After while <see cref="ThrottleNext"/> is above zero, 403 naming the missing
/// permission when <see cref="Forbidden"/>.
/// </summary>
public sealed class FakeGraph
{
    public const string Root = "https://graph.microsoft.com/beta/deviceManagement/deviceHealthScripts";
    public const string MissingPermission = "DeviceManagementScripts.ReadWrite.All";

    private int _nextId = 1;

    /// <summary>The remediations of the tenant, each with its id, body (every field Graph keeps) and assignments.</summary>
    public List<FakeHealthScript> Scripts { get; } = [];

    /// <summary>Entra ID groups (display name, id), for <c>-GroupName</c>: display names need not be unique.</summary>
    public List<(string DisplayName, string Id)> Groups { get; } = [];

    /// <summary>Items per page of a list (Graph pages long lists; tests make pages short).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>How many requests from now are answered 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public int ThrottleNext { get; set; }

    public int RetryAfterSeconds { get; set; } = 7;

    /// <summary>Every request answers 403: the signed-in app lacks <see cref="MissingPermission"/>.</summary>
    public bool Forbidden { get; set; }

    public List<string> ConnectedScopes { get; } = [];

    public List<GraphRequest> Requests { get; } = [];

    public FakeHealthScript Add(string displayName, JsonObject? body = null)
    {
        var script = new FakeHealthScript(NewId(), body ?? new JsonObject());
        script.Body["displayName"] = displayName;
        Scripts.Add(script);
        return script;
    }

    public void Connect(IReadOnlyDictionary<string, object?> p) =>
        ConnectedScopes.AddRange(((System.Collections.IEnumerable?)p.GetValueOrDefault("Scopes") ?? Array.Empty<object>()).Cast<object?>().Select(s => s?.ToString() ?? string.Empty));

    public FakeGraphResponse Request(IReadOnlyDictionary<string, object?> p)
    {
        var method = (p.GetValueOrDefault("Method")?.ToString() ?? "GET").ToUpperInvariant();
        var uri = p["Uri"]?.ToString() ?? string.Empty;
        var body = p.GetValueOrDefault("Body")?.ToString() ?? string.Empty;
        Requests.Add(new GraphRequest(method, uri, body));
        if (Forbidden)
        {
            return Error(403, "Forbidden", "Application is not authorized to perform this operation. Application must have one of the following scopes: " + MissingPermission);
        }

        if (ThrottleNext > 0)
        {
            ThrottleNext--;
            var throttled = Error(429, "TooManyRequests", "Too many requests");
            throttled.Headers["Retry-After"] = [RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)];
            return throttled;
        }

        return Route(method, uri, body);
    }

    private FakeGraphResponse Route(string method, string uri, string body)
    {
        if (uri.StartsWith("https://graph.microsoft.com/v1.0/groups?", StringComparison.Ordinal))
        {
            var name = Uri.UnescapeDataString(uri.Split('\'')[1]).Replace("''", "'", StringComparison.Ordinal);
            var groups = Groups.Where(g => g.DisplayName == name).Select(g => (JsonNode)new JsonObject { ["id"] = g.Id, ["displayName"] = g.DisplayName });
            return Ok(new JsonObject { ["value"] = new JsonArray([.. groups]) });
        }

        if (!uri.StartsWith(Root, StringComparison.Ordinal))
        {
            return Error(404, "ResourceNotFound", "No such resource: " + uri);
        }

        var rest = uri[Root.Length..];
        var query = rest.Contains('?', StringComparison.Ordinal) ? rest[(rest.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var path = rest.Split('?')[0].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (method, path.Length)
        {
            case ("GET", 0):
                // The list omits the script bodies: id, displayName and the settings only.
                return Page(Scripts.Select(s => (JsonNode)Summary(s)).ToList(), Root + "?" + query, query);
            case ("POST", 0):
                var created = new FakeHealthScript(NewId(), JsonNode.Parse(body)!.AsObject());
                Scripts.Add(created);
                var answer = created.Full();
                return new FakeGraphResponse(201, [], answer.ToJsonString());
        }

        var script = Scripts.FirstOrDefault(s => s.Id == path[0]);
        if (script is null)
        {
            return Error(404, "ResourceNotFound", "No deviceHealthScript " + path[0]);
        }

        switch (method, path.Length > 1 ? path[1] : string.Empty)
        {
            case ("GET", ""):
                return Ok(script.Full());
            case ("PATCH", ""):
                foreach (var (key, value) in JsonNode.Parse(body)!.AsObject())
                {
                    script.Body[key] = value?.DeepClone();
                }

                return new FakeGraphResponse(204, [], null);
            case ("GET", "assignments"):
                return Ok(new JsonObject { ["value"] = new JsonArray([.. script.Assignments.Select(a => a.DeepClone())]) });
            case ("POST", "assign"):
                script.Assignments.Clear();
                foreach (var assignment in JsonNode.Parse(body)!["deviceHealthScriptAssignments"]!.AsArray())
                {
                    var kept = assignment!.DeepClone().AsObject();
                    kept["id"] = script.Id + ":" + script.Assignments.Count.ToString(CultureInfo.InvariantCulture);
                    script.Assignments.Add(kept);
                }

                return new FakeGraphResponse(204, [], null);
            case ("GET", "runSummary"):
                return Ok(script.RunSummary.DeepClone().AsObject());
            case ("GET", "deviceRunStates"):
                return Page([.. script.DeviceRunStates.Select(s => s.DeepClone())], Root + "/" + script.Id + "/deviceRunStates?" + query, query);
            default:
                return Error(400, "BadRequest", "The double does not answer " + method + " " + uri);
        }
    }

    private FakeGraphResponse Page(List<JsonNode> items, string uriWithoutToken, string query)
    {
        var token = query.Split('&').Select(q => q.Split('=')).Where(q => q[0] == "$skiptoken").Select(q => int.Parse(q[1], CultureInfo.InvariantCulture)).FirstOrDefault();
        var page = new JsonObject { ["value"] = new JsonArray([.. items.Skip(token).Take(PageSize)]) };
        if (token + PageSize < items.Count)
        {
            var baseUri = string.Join("&", uriWithoutToken.Split('&').Where(q => !q.StartsWith("$skiptoken=", StringComparison.Ordinal)));
            page["@odata.nextLink"] = baseUri + (baseUri.EndsWith('?') ? string.Empty : "&") + "$skiptoken=" + (token + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return Ok(page);
    }

    private static JsonObject Summary(FakeHealthScript script)
    {
        var summary = new JsonObject { ["id"] = script.Id };
        foreach (var key in new[] { "displayName", "description", "publisher", "runAsAccount", "runAs32Bit", "enforceSignatureCheck", "roleScopeTagIds" })
        {
            if (script.Body.TryGetPropertyValue(key, out var value))
            {
                summary[key] = value?.DeepClone();
            }
        }

        return summary;
    }

    private static FakeGraphResponse Ok(JsonObject body) => new(200, [], body.ToJsonString());

    private static FakeGraphResponse Error(int status, string code, string message) =>
        new(status, [], new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());

    private string NewId() => "00000000-0000-0000-0000-" + (_nextId++).ToString("D12", CultureInfo.InvariantCulture);
}

/// <summary>One remediation of the fake tenant.</summary>
public sealed class FakeHealthScript(string id, JsonObject body)
{
    public string Id { get; } = id;

    public JsonObject Body { get; } = body;

    public List<JsonObject> Assignments { get; } = [];

    public List<JsonObject> DeviceRunStates { get; } = [];

    public JsonObject RunSummary { get; set; } = new();

    /// <summary>The body as GET by id returns it: with the id and Microsoft's read-only fields.</summary>
    public JsonObject Full()
    {
        var full = Body.DeepClone().AsObject();
        full.Remove("@odata.type");
        full["id"] = Id;
        full["isGlobalScript"] = false;
        full["highestAvailableVersion"] = null;
        full["version"] = "1";
        return full;
    }

    public static JsonObject FromPackage(string deviceHealthScriptJson) => JsonNode.Parse(deviceHealthScriptJson, documentOptions: new JsonDocumentOptions())!.AsObject();
}
