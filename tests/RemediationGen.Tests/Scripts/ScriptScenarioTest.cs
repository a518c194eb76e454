using RemediationGen.Tests.Support;

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

    /// <param name="inspect">Reads what the run left on disk (a log, a backup file) before the world's folders are deleted.</param>
    public static ScriptRun Run(PackageUnderTest package, string relativePath, Action<ScriptWorld> arrange, IReadOnlyDictionary<string, object?>? parameters = null, TimeSpan? hostTimeLimit = null, Action<ScriptRun>? inspect = null)
    {
        using var folder = new TempDirectory();
        var world = new ScriptWorld(folder.Path) { HostTimeLimit = hostTimeLimit };
        var script = package.Install(world, relativePath);
        arrange(world);
        var run = ScriptHost.Run(world, script, parameters);
        HostContracts.NoInjectedCode(run);
        inspect?.Invoke(run);
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

[CollectionDefinition(ScriptScenarioTest.Collection, DisableParallelization = true)]
public sealed class ScriptsCollectionDefinition;
