namespace RemediationGen.Tests.Scripts;

/// <summary>The harness itself: the doubles bite where the tables rely on them (a tripwire that never fires proves nothing).</summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class ScriptHarnessTests
{
    [Fact]
    public void Tripwire_RecordsACallToInvokePwned()
    {
        var run = RunSnippet("Invoke-Pwned 'from a value'");

        Assert.Equal(["Invoke-Pwned -args @('from a value')"], run.World.CallsTo("Invoke-Pwned"));
    }

    [Fact]
    public void Double_RejectsAParameterTheReferenceDoesNotList()
    {
        var run = RunSnippet("Get-Service -ServiceNames 'WDSServer'");

        Assert.Equal("A parameter cannot be found that matches parameter name 'ServiceNames'.", run.Thrown);
    }

    [Fact]
    public void Double_AcceptsTheReferencesAliases()
    {
        var run = RunSnippet("(Get-Service -ServiceName 'WDSServer').Status");

        Assert.Equal(["Running"], run.OutputLines);
    }

    [Fact]
    public void RegistryKey_FullTypeNameResolvesToTheFakeWithItsTwoViews()
    {
        var run = RunSnippet(
            "$k = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)\n" +
            "$k.CreateSubKey('SOFTWARE\\X').SetValue('V', [string[]]@('a'), [Microsoft.Win32.RegistryValueKind]::MultiString)\n" +
            "$d = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Default)\n" +
            "$null -eq $d.OpenSubKey('SOFTWARE\\X')");

        Assert.Equal(["True"], run.OutputLines);
        Assert.Equal(["a"], (string[])run.World.Registry.GetValue(Microsoft.Win32.RegistryView.Registry64, @"SOFTWARE\X", "V")!.Value.Data);
    }

    [Fact]
    public void HostTimeLimit_KillsTheScriptWhateverItsCatchBlocks()
    {
        var run = RunSnippet("try { Start-Sleep -Seconds 120 } catch { 'caught' }\n'after'", TimeSpan.FromSeconds(60));

        Assert.True(run.Killed);
        Assert.Empty(run.Output);
        Assert.Equal(ScriptWorld.DefaultStart.AddSeconds(60), run.World.Now);
    }

    [Fact]
    public void ExitCode_IsTheScriptsExplicitExit()
    {
        var run = RunSnippet("Write-Output 'one line'\nexit 3");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(["one line"], run.OutputLines);
    }

    [Fact]
    public void SitePrompt_OnlyFileSystemOrDriveLetterPathsFindAFile()
    {
        const string Probe = "(Get-Location).Provider.Name\n" +
            "Test-Path -LiteralPath 'FileSystem::\\\\cm01\\SMS_PS1\\Logs\\distmgr.log'\n" +
            "Test-Path -LiteralPath 'C:\\Logs\\distmgr.log'\n" +
            "Test-Path -LiteralPath '\\\\cm01\\SMS_PS1\\Logs\\distmgr.log'\n" +
            "Test-Path -LiteralPath 'distmgr.log'";

        var fromFolder = RunSnippet(Probe, arrange: Logs);
        var fromSitePrompt = RunSnippet(Probe + "\nPush-Location -Path 'PS1:\\'\n(Get-Location).Path\nPop-Location\n(Get-Location).Path", arrange: w => { Logs(w); w.StartAtSitePrompt(); });

        Assert.Equal(["FileSystem", "True", "True", "True", "False"], fromFolder.OutputLines);
        Assert.Equal(["Variable", "True", "True", "False", "False", "PS1:/", "PS1:/"], fromSitePrompt.OutputLines);

        static void Logs(ScriptWorld world)
        {
            world.WriteFile(@"\\cm01\SMS_PS1\Logs\distmgr.log", "x");
            world.WriteFile(@"C:\Logs\distmgr.log", "x");
        }
    }

    private static ScriptRun RunSnippet(string text, TimeSpan? limit = null, Action<ScriptWorld>? arrange = null)
    {
        var world = new ScriptWorld(Path.Combine(Path.GetTempPath(), "remediationgen-script-harness-" + Guid.NewGuid().ToString("N"))) { HostTimeLimit = limit };
        try
        {
            arrange?.Invoke(world);
            world.Services["WDSServer"] = Doubles.FakeService.Running("WDSServer");
            var path = world.WriteFile(@"C:\snippet.ps1", "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n" + text + "\n");
            return ScriptHost.Run(world, path);
        }
        finally
        {
            Directory.Delete(world.Root, recursive: true);
        }
    }
}
