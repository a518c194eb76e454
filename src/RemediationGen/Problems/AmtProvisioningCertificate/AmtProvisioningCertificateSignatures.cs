using System.Globalization;
using RemediationGen.Diagnosis;

namespace RemediationGen.Problems.AmtProvisioningCertificate;

/// <summary>
/// amtopmgr.log messages of an expiring or expired Intel AMT provisioning certificate (Intel vPro expert blog,
/// 2009), matched case-insensitively on the message text only. The last two are not verified from a public source.
/// </summary>
internal static class AmtProvisioningCertificateSignatures
{
    private const string Expiring = "The provisioning certificate with the thumbprint ";
    private const string WillExpireIn = " will expire in ";
    private const string Days = " day(s)";
    private const string Removed = "Remove unused provision certificate with hash ";
    private const string Invalid = "Invalid provision certificate";
    private const string FoundNew = "Found new provision server certificate with hash ";

    /// <summary>
    /// Every record this rule reads holds one of these (see <see cref="Diagnosis.IDiagnosticRule.Signatures"/>). The
    /// daily expiry warning is found by its " will expire in ", not by its opening words, which amtopmgr.log also uses
    /// for routine "... is valid" lines that the rule would only parse and drop.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [WillExpireIn, Removed, Invalid, FoundNew];

    /// <summary>"The provisioning certificate with the thumbprint T will expire in N day(s)."; N may be negative.</summary>
    public static bool TryMatchExpiring(string message, out string thumbprintText, out int days)
    {
        thumbprintText = string.Empty;
        days = 0;
        if (!MessageText.TryTakeAfter(message, Expiring, out var rest))
        {
            return false;
        }

        var expire = rest.IndexOf(WillExpireIn, StringComparison.OrdinalIgnoreCase);
        if (expire < 0)
        {
            return false;
        }

        var count = rest[(expire + WillExpireIn.Length)..];
        var unit = count.IndexOf(Days, StringComparison.OrdinalIgnoreCase);
        if (unit < 0 || !int.TryParse(count[..unit].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out days))
        {
            return false;
        }

        thumbprintText = rest[..expire].ToString();
        return true;
    }

    public static bool TryMatchRemoved(string message, out string thumbprintText) => MessageText.TryTakeWord(message, Removed, trimFullStops: true, out thumbprintText);

    public static bool IsInvalid(string message) => message.Contains(Invalid, StringComparison.OrdinalIgnoreCase);

    public static bool TryMatchFoundNew(string message, out string thumbprintText) => MessageText.TryTakeWord(message, FoundNew, trimFullStops: true, out thumbprintText);
}
