using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Rules;

/// <summary>Paths of the log fixtures under tests/fixtures/logs.</summary>
internal static class Fixtures
{
    public static string IssuingCertificateList(string relative) => Repository.Fixtures("logs", "issuing-certificate-list", relative);

    public static string PxePasswordCertificate(string relative) => Repository.Fixtures("logs", "pxe-password-certificate", relative);

    public static string AmtProvisioningCertificate(string relative) => Repository.Fixtures("logs", "amt-provisioning-certificate", relative);
}
