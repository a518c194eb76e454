using System.Text.Json;
using RemediationGen.Fixes;

namespace RemediationGen.Packaging;

/// <summary>
/// The Graph create body for <c>POST /beta/deviceManagement/deviceHealthScripts</c>. The script contents are the
/// base64 of the exact bytes written next to it; the scripts run as SYSTEM in a 64-bit host, unsigned. A signed
/// package gets the signed bytes and <c>enforceSignatureCheck: true</c> from <see cref="Signing.PackageSigner"/>.
/// </summary>
internal static class IntuneHealthScriptBody
{
    public const string Publisher = "RemediationGen";

    /// <param name="remediationScript">Null for a detection-only pair: Graph takes an empty remediation then.</param>
    public static string Create(FixPlan plan, byte[] detectionScript, byte[]? remediationScript)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions.Writer))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.type", "#microsoft.graph.deviceHealthScript");
            writer.WriteString("displayName", DisplayName(plan));
            writer.WriteString("description", plan.Description);
            writer.WriteString("publisher", Publisher);
            writer.WriteString("runAsAccount", "system");
            writer.WriteBoolean("runAs32Bit", false);
            writer.WriteBoolean("enforceSignatureCheck", false);
            writer.WriteString("detectionScriptContent", Convert.ToBase64String(detectionScript));
            writer.WriteString("remediationScriptContent", remediationScript is null ? string.Empty : Convert.ToBase64String(remediationScript));
            writer.WriteStartArray("roleScopeTagIds");
            writer.WriteStringValue("0");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string DisplayName(FixPlan plan) => $"RemediationGen {plan.SiteCode} {plan.PairName}";
}
