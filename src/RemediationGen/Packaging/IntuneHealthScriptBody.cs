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
        return JsonOptions.Text(writer =>
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
        }) + "\n";
    }

    public static string DisplayName(FixPlan plan) => $"RemediationGen {plan.SiteCode} {plan.PairName}";
}
