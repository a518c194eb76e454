using RemediationGen.Diagnosis;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>
/// The log messages of KB 4469580, matched case-insensitively on the message text only (Microsoft prints lines as
/// CMTrace columns, never raw, so whole-line layouts copied from articles would not match real logs).
/// </summary>
internal static class IssuingCertificateListSignatures
{
    /// <summary>Access denied: the one code that means the Security key could not be copied for this reason.</summary>
    public const string AccessDenied = "80070005";

    /// <summary>CRYPT_E_ASN1_BADTAG: the encoded certificate list is missing or empty.</summary>
    public const string BadEncoding = "80092002";

    private const string CannotGetCopy = "Cannot get copy of security registry key on server (";
    private const string FailedToGetCopy = "Failed to get the copy of Security registry key on server ";

    /// <summary>The recovery: the site server could copy the key after all (seen in CertMgr.log for healthy DPs).</summary>
    private const string GotCopy = "Successfully got the copy of Security registry key on server ";

    private static readonly string[] PxeFailures =
    [
        "Failed to create certificate store from encoded certificate",
        "PXE::MP_GetList failed",
        "PXE::MP_LookupDevice failed",
        "PXE::MP_ReportStatus failed",
        "PXE::CPolicyProvider::InitializeMPConnection failed",
        "PXE Provider failed to initialize MP connection",
        "PXE Provider failed to process message",
    ];

    /// <summary>
    /// Every record this rule reads holds one of these (see <see cref="Diagnosis.IDiagnosticRule.Signatures"/>). An SMSPXE
    /// failure counts only together with <see cref="BadEncoding"/>, so that code alone selects them: fewer and rarer
    /// texts to search for than the failures themselves.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [CannotGetCopy, FailedToGetCopy, GotCopy, BadEncoding];

    /// <summary>
    /// Reads the server name out of a CertMgr.log "security registry key" failure with code 0x80070005. The name is
    /// returned as written (not validated): the caller decides whether it is a host name.
    /// </summary>
    public static bool TryMatchCertMgr(string message, out string serverText)
    {
        serverText = string.Empty;
        if (MessageText.TryTakeAfter(message, CannotGetCopy, out var rest))
        {
            // "(<X>) (0x80070005)": the last ") (0x" so that a ')' inside a hostile name cannot end it early.
            return TrySplitCode(rest, ") (0x", out serverText);
        }

        if (MessageText.TryTakeAfter(message, FailedToGetCopy, out rest))
        {
            return TrySplitCode(rest, " (0x", out serverText);
        }

        return false;
    }

    /// <summary>
    /// Reads the server name out of the CertMgr.log success line. The name is the rest of the message up to the first
    /// white space (returned as written, not validated).
    /// </summary>
    public static bool TryMatchRecovery(string message, out string serverText) =>
        MessageText.TryTakeWord(message, GotCopy, trimFullStops: false, out serverText);

    /// <summary>An SMSPXE.log record of KB 4469580: one of its failures together with 80092002.</summary>
    public static bool IsPxeFailure(string message)
    {
        if (!message.Contains(BadEncoding, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var failure in PxeFailures)
        {
            if (message.Contains(failure, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TrySplitCode(ReadOnlySpan<char> rest, string beforeCode, out string serverText)
    {
        serverText = string.Empty;
        var split = rest.LastIndexOf(beforeCode, StringComparison.OrdinalIgnoreCase);
        if (split < 0)
        {
            return false;
        }

        var code = rest[(split + beforeCode.Length)..];
        if (!code.StartsWith(AccessDenied, StringComparison.OrdinalIgnoreCase)
            || !code[AccessDenied.Length..].StartsWith(')'))
        {
            return false;
        }

        serverText = rest[..split].ToString();
        return true;
    }
}
