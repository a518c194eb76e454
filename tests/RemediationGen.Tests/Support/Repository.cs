namespace RemediationGen.Tests.Support;

/// <summary>Paths inside the repository, found by walking up to the folder that holds RemediationGen.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under tests/fixtures, for example <c>Fixtures("logs", "issuing-certificate-list")</c>.</summary>
    public static string Fixtures(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);

    public static string OutputSamples => Path.Combine(Root, "output-samples");

    public static string OutputSamplesReceived => Path.Combine(Root, "output-samples.received");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RemediationGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("RemediationGen.sln not found above " + AppContext.BaseDirectory);
    }
}
