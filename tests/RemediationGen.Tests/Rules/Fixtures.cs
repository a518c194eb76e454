using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Rules;

/// <summary>Paths of the log fixtures under tests/fixtures.</summary>
internal static class Fixtures
{
    public static string RepositoryRoot => Repository.Root;

    public static string IssuingCertificateList(string relative) =>
        Path.Combine(RepositoryRoot, "tests", "fixtures", "logs", "issuing-certificate-list", relative);

    public static string PxePasswordCertificate(string relative) =>
        Path.Combine(RepositoryRoot, "tests", "fixtures", "logs", "pxe-password-certificate", relative);

    public static string AmtProvisioningCertificate(string relative) =>
        Path.Combine(RepositoryRoot, "tests", "fixtures", "logs", "amt-provisioning-certificate", relative);
}
