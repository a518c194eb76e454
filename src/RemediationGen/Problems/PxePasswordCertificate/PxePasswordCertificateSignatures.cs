using RemediationGen.Diagnosis;

namespace RemediationGen.Problems.PxePasswordCertificate;

/// <summary>
/// The log messages of KB 4511618 (a PXE password blocks the DP certificate update), matched case-insensitively on
/// the message text only, plus the DistMgr worker-thread line that names the DP a thread is processing (Microsoft,
/// "Distribution points installation, upgrade, and configuration": <c>~DPID 32 - NAL Path [...] , ServerName = PS1DP1.CONTOSO.COM, DPDrive = , ...</c>).
/// </summary>
internal static class PxePasswordCertificateSignatures
{
    public const string PasswordFailure = "Failed to get the encrypted PXE password";
    public const string ValidityError = "800B0101";
    public const string ClientKeyFailure = "Failed to validate PXEClientKey certificate";

    private const string ProcessingDp = "ServerName = ";
    private const string ProcessingDpContext = "NAL Path";
    private const string SettingsChange = "Processing DP settings change for ";
    private const string RegistryUpdated = "DP registry settings have been successfully updated on ";
    private const string CertQuery = "DP cert query: EXEC spUpdateDPCert N'";
    private const string Expired = "' has expired";
    private const string CertificateOpen = "Certificate [";
    private const string IssuedTo = "] issued to '";
    private const string BeginValidation = "Begin validation of Certificate [Thumbprint ";

    /// <summary>Every record this rule reads holds one of these (see <see cref="Diagnosis.IDiagnosticRule.Signatures"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
        [PasswordFailure, ProcessingDp, SettingsChange, RegistryUpdated, CertQuery, Expired, ClientKeyFailure, ValidityError, BeginValidation];

    // What each record Observe tries before a validation needs: a message with none of them is no such record. Not
    // SearchValues: building one, and compiling its code, took 8 ms of diagnose's start-up, and this runs only for a
    // validation record whose key is not cached yet.
    private static readonly string[] BeforeValidation = [PasswordFailure, SettingsChange, ProcessingDpContext, RegistryUpdated, CertQuery, Expired];

    /// <summary>Whether <paramref name="message"/> may be one of the records read before a validation (for the engine's key).</summary>
    public static bool MayPrecedeValidation(ReadOnlySpan<char> message)
    {
        foreach (var text in BeforeValidation)
        {
            if (message.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsPasswordFailure(string message) => message.Contains(PasswordFailure, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// DistMgr's "DPID n - NAL Path [...] , ServerName = X, ..." or "Processing DP settings change for X" line: X is the
    /// DP the thread now works on.
    /// </summary>
    public static bool TryMatchProcessingDp(string message, out string serverText)
    {
        if (MessageText.TryTakeWord(message, SettingsChange, trimFullStops: true, out serverText))
        {
            return true;
        }

        serverText = string.Empty;
        if (!message.Contains(ProcessingDpContext, StringComparison.OrdinalIgnoreCase)
            || !MessageText.TryTakeAfter(message, ProcessingDp, out var rest))
        {
            return false;
        }

        var comma = rest.IndexOf(',');
        serverText = (comma < 0 ? rest : rest[..comma]).Trim().ToString();
        return true;
    }

    /// <summary>The success line KB 4511618 asks the admin to wait for: the new certificate reached the DP's registry.</summary>
    public static bool TryMatchRegistryUpdated(string message, out string serverText) =>
        MessageText.TryTakeWord(message, RegistryUpdated, trimFullStops: false, out serverText);

    /// <summary>Hman.log's spUpdateDPCert call: the DP name is the first SQL string literal ('' stands for ').</summary>
    public static bool TryMatchCertificateUpdate(string message, out string serverText)
    {
        serverText = string.Empty;
        if (!MessageText.TryTakeAfter(message, CertQuery, out var rest))
        {
            return false;
        }

        var name = new System.Text.StringBuilder();
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] != '\'')
            {
                name.Append(rest[i]);
            }
            else if (i + 1 < rest.Length && rest[i + 1] == '\'')
            {
                name.Append('\'');
                i++;
            }
            else
            {
                serverText = name.ToString();
                return true;
            }
        }

        return false;
    }

    /// <summary>SMSPXE.log: <c>Certificate [&lt;thumbprint&gt;] issued to '&lt;DP&gt;' has expired.</c></summary>
    public static bool TryMatchExpired(string message, out string thumbprintText, out string serverText)
    {
        thumbprintText = serverText = string.Empty;
        var end = message.LastIndexOf(Expired, StringComparison.OrdinalIgnoreCase);
        var open = message.IndexOf(CertificateOpen, StringComparison.OrdinalIgnoreCase);
        if (end < 0 || open < 0 || open > end)
        {
            return false;
        }

        var inner = message.AsSpan(open + CertificateOpen.Length, end - open - CertificateOpen.Length);
        var issued = inner.IndexOf(IssuedTo, StringComparison.OrdinalIgnoreCase);
        if (issued < 0)
        {
            return false;
        }

        thumbprintText = WithoutThumbprintWord(inner[..issued]).ToString();
        serverText = inner[(issued + IssuedTo.Length)..].ToString();
        return true;
    }

    /// <summary>SMSPXE.log: <c>Begin validation of Certificate [Thumbprint &lt;T&gt;] issued to '&lt;DP&gt;'</c>.</summary>
    public static bool TryMatchValidation(string message, out string thumbprintText, out string serverText)
    {
        var matched = TryMatchValidation(message, out ReadOnlySpan<char> thumbprint, out ReadOnlySpan<char> server);
        thumbprintText = thumbprint.ToString();
        serverText = server.ToString();
        return matched;
    }

    /// <summary>As above, on text not yet made a string (the engine's key, read before the record is parsed).</summary>
    public static bool TryMatchValidation(ReadOnlySpan<char> message, out ReadOnlySpan<char> thumbprintText, out ReadOnlySpan<char> serverText)
    {
        thumbprintText = serverText = default;
        var start = message.IndexOf(BeginValidation, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return false;
        }

        var rest = message[(start + BeginValidation.Length)..];
        var issued = rest.IndexOf(IssuedTo, StringComparison.OrdinalIgnoreCase);
        if (issued < 0)
        {
            return false;
        }

        thumbprintText = rest[..issued];
        var name = rest[(issued + IssuedTo.Length)..];
        var quote = name.LastIndexOf('\'');
        serverText = quote < 0 ? name : name[..quote];
        return true;
    }

    /// <summary>An SMSPXE failure of this problem: the PXEClientKey check, or 800B0101 (certificate outside its validity).</summary>
    public static bool IsPxeFailure(string message) =>
        message.Contains(ClientKeyFailure, StringComparison.OrdinalIgnoreCase)
        || message.Contains(ValidityError, StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> WithoutThumbprintWord(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith("Thumbprint ", StringComparison.OrdinalIgnoreCase) ? trimmed["Thumbprint ".Length..] : trimmed;
    }
}
