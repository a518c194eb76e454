namespace RemediationGen.Tests.Scripts;

/// <summary>What each host requires of every run, asserted on every row (issue 8 item 3).</summary>
public static class HostContracts
{
    private static readonly string[] DiscoveryValues = ["Compliant", "NonCompliant"];

    /// <summary>Intune: an explicit exit code 0 or 1; exactly one stdout line of at most 2,048 characters; nothing on stderr unless failing.</summary>
    public static void Intune(ScriptRun run)
    {
        Assert.False(run.Threw, "an Intune script must not throw: " + run);
        Assert.False(run.Killed, "the script must finish inside the host's time limit: " + run);
        Assert.True(run.ExitCode is 0 or 1, "an Intune script ends with exit 0 or 1: " + run);
        var line = Assert.Single(run.OutputLines);
        Assert.True(line.Length <= 2048, "Intune keeps 2,048 characters of output; this line has " + line.Length);
        if (run.ExitCode == 0)
        {
            Assert.Empty(run.Errors);
        }
    }

    /// <summary>ConfigMgr discovery: exactly Compliant or NonCompliant; exit 0; nothing on stderr.</summary>
    public static void ConfigMgrDiscovery(ScriptRun run)
    {
        Assert.False(run.Threw, "a discovery script must not throw: " + run);
        Assert.False(run.Killed, "the script must finish inside the host's time limit: " + run);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(Assert.Single(run.OutputLines), DiscoveryValues);
        Assert.Empty(run.Errors);
    }

    /// <summary>ConfigMgr remediation: throws on failure (the host's only failure signal); on success, no error.</summary>
    public static void ConfigMgrRemediation(ScriptRun run, bool succeeds)
    {
        Assert.Equal(!succeeds, run.Threw || run.Killed);
        if (succeeds)
        {
            Assert.Empty(run.Errors);
        }
    }

    /// <summary>No run ever calls the tripwire a hostile value would call if it became code.</summary>
    public static void NoInjectedCode(ScriptRun run) => Assert.Empty(run.World.CallsTo("Invoke-Pwned"));
}
