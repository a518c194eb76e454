using System.Text.Json.Nodes;
using RemediationGen.Packaging;

namespace RemediationGen.Signing;

/// <summary>The Graph create body of an Intune pair (<c>intune/&lt;Pair&gt;/deviceHealthScript.json</c>) and the scripts next to it.</summary>
internal static class GraphBody
{
    public const string DetectionProperty = "detectionScriptContent";
    public const string RemediationProperty = "remediationScriptContent";
    public const string EnforceSignatureCheckProperty = "enforceSignatureCheck";

    /// <summary>The script each content property holds, next to the body.</summary>
    public static string ScriptPath(string bodyPath, string property) =>
        bodyPath[..(bodyPath.LastIndexOf('/') + 1)] + (property == DetectionProperty ? PackageLayout.IntuneDetectionFileName : PackageLayout.IntuneRemediationFileName);

    /// <summary>The body with the base64 of the (signed) scripts next to it, and signature checking on.</summary>
    internal static byte[] Rewrite(RenderedFile body, IReadOnlyDictionary<string, RenderedFile> files)
    {
        var root = JsonNode.Parse(body.Content)!.AsObject();
        root[EnforceSignatureCheckProperty] = true;
        foreach (var property in new[] { DetectionProperty, RemediationProperty })
        {
            // A detection-only pair has no remediate.ps1 and keeps its empty remediation.
            if (files.TryGetValue(ScriptPath(body.RelativePath, property), out var script))
            {
                root[property] = Convert.ToBase64String(script.Content);
            }
        }

        return PackageSigner.Write(root);
    }
}
