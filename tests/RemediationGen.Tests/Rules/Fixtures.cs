namespace RemediationGen.Tests.Rules;

/// <summary>Finds tests/fixtures by walking up from the test binaries to the folder holding RemediationGen.sln.</summary>
internal static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string IssuingCertificateList(string relative) =>
        Path.Combine(RepositoryRoot, "tests", "fixtures", "logs", "issuing-certificate-list", relative);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RemediationGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"RemediationGen.sln not found above {AppContext.BaseDirectory}.");
    }
}
