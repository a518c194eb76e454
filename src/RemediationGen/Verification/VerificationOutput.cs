namespace RemediationGen.Verification;

/// <summary>How <c>verify</c> prints its report: one line per problem and a summary, or one JSON document.</summary>
internal static class VerificationOutput
{
    public static IEnumerable<string> TextLines(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var problem in report.Problems)
        {
            yield return $"problem: {problem}";
        }

        var signature = report.Signer is { } signer
            ? $"{report.ScriptCount} script(s) signed by {signer.Subject} (thumbprint {signer.Thumbprint}), certificate {signer.Validity}{(report.SignerValidNow ? string.Empty : ", NOT valid now")}{(report.Timestamped ? ", timestamped" : string.Empty)}"
            : $"{report.ScriptCount} script(s), not signed";
        yield return report.Verified
            ? $"Verified: {report.Folder}: {report.FileCount} file(s) match the manifest; {signature}."
            : $"NOT verified: {report.Folder}: {report.Problems.Count} problem(s); {signature}.";
    }

    public static string Json(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonOptions.Text(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("folder", report.Folder);
            writer.WriteBoolean("verified", report.Verified);
            writer.WriteNumber("files", report.FileCount);
            writer.WriteNumber("scripts", report.ScriptCount);
            writer.WriteBoolean("signed", report.Signer is not null);
            if (report.Signer is { } signer)
            {
                writer.WriteStartObject("signer");
                writer.WriteString("subject", signer.Subject);
                writer.WriteString("thumbprint", signer.Thumbprint);
                writer.WriteString("issuer", signer.Issuer);
                writer.WriteString("notBefore", IsoTime.Utc(signer.NotBefore));
                writer.WriteString("notAfter", IsoTime.Utc(signer.NotAfter));
                writer.WriteBoolean("validNow", report.SignerValidNow);
                writer.WriteBoolean("timestamped", report.Timestamped);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("signer");
            }

            writer.WriteStartArray("problems");
            foreach (var problem in report.Problems)
            {
                writer.WriteStartObject();
                writer.WriteString("file", problem.File);
                writer.WriteString("message", problem.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
