namespace RemediationGen.Tests.Scripts;

/// <summary>SMSPXE.log and distmgr.log lines as ConfigMgr writes them (CMTrace format), for the log doubles.</summary>
public static class LogLines
{
    public const string OldThumbprint = "3B9D7E51A0C2F4E6D8B1A3C5E7F90B2D4F6A8C0E";
    public const string NewThumbprint = "7C1E5A9B3D2F4C6E8A0B1D3F5A7C9E1B2D4F6A80";
    public const string SmsPxeLog = @"C:\SMS_DP$\sms\logs\SMSPXE.log";

    public static string Line(string text, string component = "SMSPXE", int thread = 3580) =>
        "<![LOG[" + text + "]LOG]!><time=\"10:15:01.107+000\" date=\"11-25-2026\" component=\"" + component + "\" context=\"\" type=\"1\" thread=\"" + thread + "\" file=\"ccmcert.cpp:1715\">\r\n";

    /// <summary>A PXE provider start that validates <paramref name="thumbprint"/>: passed, or failed as KB 4511618 shows it.</summary>
    public static string Validation(string thumbprint, bool expired) =>
        Line("PXE Provider loaded.")
        + Line("Begin validation of Certificate [Thumbprint " + thumbprint + "] issued to 'dp01.contoso.com'")
        + (expired
            ? Line("Certificate [" + thumbprint + "] issued to 'dp01.contoso.com' has expired.")
              + Line("Certificate not valid. A required certificate is not within its validity period (Error: 800B0101; Source: Windows)")
              + Line("Failed to validate PXEClientKey certificate")
            : string.Empty)
        + Line("Completed validation of Certificate [" + thumbprint + "] issued to 'dp01.contoso.com'");

    public static string DistmgrSuccess(string server, int thread = 6928) => Line("DP registry settings have been successfully updated on " + server, "SMS_DISTRIBUTION_MANAGER", thread);

    public static string DistmgrProcessing(string server, int thread = 6928) => Line("Processing DP settings change for " + server, "SMS_DISTRIBUTION_MANAGER", thread);

    public static string DistmgrPasswordFailure(int thread = 6928) => Line("Failed to get the encrypted PXE password", "SMS_DISTRIBUTION_MANAGER", thread);
}
