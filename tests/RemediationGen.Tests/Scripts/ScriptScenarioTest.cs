namespace RemediationGen.Tests.Scripts;

/// <summary>Runs one row: a fresh world, the row's state, the package's script, then the common checks.</summary>
public static class ScriptScenarioTest
{
    /// <summary>Every script table runs in this collection: one run at a time (see <see cref="ScriptHost"/>).</summary>
    public const string Collection = "Scripts";

    /// <summary>ConfigMgr stops a discovery or remediation script after 60 seconds (the default script timeout).</summary>
    public static readonly TimeSpan ConfigMgrTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Intune stops a detection or remediation script after 60 minutes.</summary>
    public static readonly TimeSpan IntuneTimeLimit = TimeSpan.FromMinutes(60);

    /// <summary>
    /// The worlds of this test process, kept until it exits: a row asserts on the files its run left after the run.
    /// </summary>
    private static readonly Lazy<string> LazyProcessFolder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "remediationgen-scripts-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    /// <summary>This test process's folder for worlds and package copies, deleted when the process exits.</summary>
    public static string ProcessFolder => LazyProcessFolder.Value;

    public static ScriptRun Run(
        PackageUnderTest package,
        string relativePath,
        Action<ScriptWorld> arrange,
        IReadOnlyDictionary<string, object?>? parameters = null,
        TimeSpan? hostTimeLimit = null,
        bool writesNextToItself = false)
    {
        var world = new ScriptWorld(Path.Combine(ProcessFolder, "worlds", Guid.NewGuid().ToString("N"))) { HostTimeLimit = hostTimeLimit };
        var script = package.Install(world, relativePath, writesNextToItself);
        // The machine is a DP and an MP unless a row says otherwise (the self-targeting guard of issue 9 reads this).
        world.Registry.MarkSiteSystem();
        world.ConfigMgr.SiteCode = package.SiteCode;
        arrange(world);
        var run = ScriptHost.Run(world, script, parameters);
        HostContracts.NoInjectedCode(run);
        return run;
    }

    /// <summary>Cross product of packages holding <paramref name="relativePath"/> and row names, for [MemberData].</summary>
    public static TheoryData<string, string> Cases(string relativePath, IEnumerable<string> rows, Func<PackageUnderTest, string, bool>? applies = null)
    {
        var data = new TheoryData<string, string>();
        foreach (var package in PackageUnderTest.Holding(relativePath))
        {
            foreach (var row in rows.Where(r => applies?.Invoke(PackageUnderTest.Named(package), r) ?? true))
            {
                data.Add(package, row);
            }
        }

        return data;
    }
}

/// <summary>
/// The script tests run one after the other (one collection), and beside the other test collections: the doubles
/// change only what no other test reads (%SystemRoot%, %ProgramData%, %ProgramFiles%, type names of Windows-only APIs).
/// </summary>
[CollectionDefinition(ScriptScenarioTest.Collection)]
public sealed class ScriptsCollectionDefinition;
