using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// Runs shipped scripts, unmodified, in one in-process PowerShell 7.6 runspace that holds the doubles. Runs are one at a
/// time: the doubles find their world through <see cref="ScriptWorld.Current"/>, and %SystemRoot%, %ProgramData% and
/// the other environment variables a script reads are process-wide. One runspace is opened once (about 2 s) and
/// reused: a script runs in its own script scope, so nothing it defines outlives it.
/// </summary>
public static class ScriptHost
{
    private static readonly Lock Gate = new();
    private static readonly string[] EnvironmentNames = ["SystemRoot", "ProgramData", "ProgramFiles", "ProgramW6432", "SMS_ADMIN_UI_PATH", "COMPUTERNAME"];
    private static Runspace? _runspace;

    /// <summary>Runs <paramref name="scriptPath"/> with <paramref name="parameters"/> (a switch is given as <c>true</c>) in <paramref name="world"/>.</summary>
    public static ScriptRun Run(ScriptWorld world, string scriptPath, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        lock (Gate)
        {
            var runspace = _runspace ??= Open();
            var saved = EnvironmentNames.ToDictionary(n => n, Environment.GetEnvironmentVariable);
            DoubleDefinitions.UseFakeTypes();
            SetEnvironment(world);
            ScriptWorld.Current = world;
            try
            {
                Invoke(runspace, DoubleDefinitions.RunSetup() + StartLocation(world));
                using var shell = System.Management.Automation.PowerShell.Create(runspace);
                shell.AddCommand(scriptPath);
                foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
                {
                    shell.AddParameter(name, value);
                }

                // Output written before a throw is kept, as a host's stdout keeps it.
                using var written = new PSDataCollection<PSObject>();
                string? thrown = null;
                try
                {
                    shell.Invoke(null, written);
                }
                catch (RuntimeException exception)
                {
                    thrown = exception.Message;
                }

                var output = written.Select(o => o?.ToString() ?? string.Empty).ToList();

                var exitCode = runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code ? code : (int?)null;
                var run = new ScriptRun(
                    Path.GetFileName(scriptPath),
                    exitCode,
                    output,
                    [.. shell.Streams.Error.Select(e => e.ToString())],
                    [.. shell.Streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty)],
                    [.. shell.Streams.Warning.Select(w => w.Message)],
                    world.Killed ? null : thrown,
                    world.Killed,
                    world);
                if (world.TranscriptPath is { } transcript)
                {
                    world.WriteFile(transcript, run.AllText);
                }

                return run;
            }
            finally
            {
                ScriptWorld.Current = null;
                foreach (var (name, value) in saved)
                {
                    Environment.SetEnvironmentVariable(name, value);
                }
            }
        }
    }

    /// <summary>
    /// Where the run starts: the world's root, or a site drive (made first, as the admin's console had made it). The
    /// site drives of earlier runs are removed first: a drive exists only when this run's world or script makes it.
    /// </summary>
    private static string StartLocation(ScriptWorld world)
    {
        var start = "Set-Location -LiteralPath '" + world.Root.Replace("'", "''", StringComparison.Ordinal) + "'\n" +
            "Microsoft.PowerShell.Management\\Get-PSDrive -PSProvider Variable | Where-Object { $_.Name -ne 'Variable' } | Microsoft.PowerShell.Management\\Remove-PSDrive -Force\n";
        if (world.StartLocation is not { } location)
        {
            return start;
        }

        return start + "Use-FakeSiteDrive -Name '" + location.Split(':')[0] + "'\nSet-Location -LiteralPath '" + location.Replace("'", "''", StringComparison.Ordinal) + "'\n";
    }

    private static void SetEnvironment(ScriptWorld world)
    {
        var drive = world.DrivePath('C');
        Environment.SetEnvironmentVariable("SystemRoot", Path.Combine(drive, "Windows"));
        Environment.SetEnvironmentVariable("ProgramData", Path.Combine(drive, "ProgramData"));
        Environment.SetEnvironmentVariable("ProgramFiles", Path.Combine(drive, "Program Files"));
        Environment.SetEnvironmentVariable("ProgramW6432", Path.Combine(drive, "Program Files"));
        Environment.SetEnvironmentVariable("SMS_ADMIN_UI_PATH", null);
        Environment.SetEnvironmentVariable("COMPUTERNAME", "SERVER01");
    }

    private static Runspace Open()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
        runspace.Open();
        Invoke(runspace, DoubleDefinitions.Script());
        return runspace;
    }

    private static void Invoke(Runspace runspace, string script)
    {
        using var shell = System.Management.Automation.PowerShell.Create(runspace);
        shell.AddScript(script);
        shell.Invoke();
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The test host's own script failed: " + string.Join("; ", shell.Streams.Error));
        }
    }
}
