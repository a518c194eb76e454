using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The Windows machine one script run sees: a fake clock, registry, services, fixed drives (real folders under
/// <see cref="Root"/>), LocalMachine\My, REG.exe and a ConfigMgr site. The doubles read and change it; every call
/// they receive is recorded in <see cref="Calls"/>. One world per run; <see cref="Current"/> is the running one.
/// </summary>
public sealed class ScriptWorld
{
    public static readonly DateTime DefaultStart = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private readonly List<(DateTime At, Action<ScriptWorld> Change)> _timeline = [];

    public ScriptWorld(string root)
    {
        Root = root;
        Directory.CreateDirectory(DrivePath('C'));
    }

    /// <summary>The world of the script that runs now (runs are one at a time, see <see cref="ScriptHost"/>).</summary>
    public static ScriptWorld? Current { get; internal set; }

    public static ScriptWorld Running => Current ?? throw new InvalidOperationException("A script double was called outside a script run.");

    public string Root { get; }

    public DateTime Start { get; private set; } = DefaultStart;

    public DateTime Now { get; private set; } = DefaultStart;

    /// <summary>The host's script time limit (ConfigMgr: 60 s): a run whose fake clock passes it is killed, as the host would.</summary>
    public TimeSpan? HostTimeLimit { get; set; }

    public FakeRegistry Registry { get; } = new();

    public Dictionary<string, FakeService> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Drive letters of the fixed drives; drive X is the folder <c>Root/X</c>.</summary>
    public List<char> FixedDrives { get; } = ['C'];

    public List<X509Certificate2> MachineCertificates { get; } = [];

    public FakeConfigMgrSite ConfigMgr { get; } = new();

    /// <summary>The Intune tenant the Graph doubles (Connect-MgGraph, Invoke-MgGraphRequest) answer for.</summary>
    public FakeGraph Graph { get; } = new();

    /// <summary>What REG.exe does: its exit code, and the text it prints on stderr when that is not 0.</summary>
    public int RegExeExitCode { get; set; }

    public string RegExeError { get; set; } = "ERROR: Access is denied.";

    /// <summary>REG.exe reports success (exit code 0) but leaves the registry as it was.</summary>
    public bool RegExeWritesNothing { get; set; }

    /// <summary>Answers for Read-Host, in order.</summary>
    public Queue<object> ReadHostAnswers { get; } = new();

    public List<RecordedCall> Calls { get; } = [];

    /// <summary>
    /// The prompt the script is started from: null, a FileSystem folder (the world's root); a site drive such as
    /// <c>PS1:\</c>, where the admin is after Set-Location to the site (a drive of a provider that holds no files).
    /// </summary>
    public string? StartLocation { get; set; }

    /// <summary>Starts the script at the site's <c>PS1:\&gt;</c> prompt, where an admin who uses the console's cmdlets often is.</summary>
    public void StartAtSitePrompt() => StartLocation = ConfigMgr.SiteCode + @":\";

    /// <summary>Where Start-Transcript was asked to write; the host writes everything the run printed there.</summary>
    public string? TranscriptPath { get; set; }

    /// <summary>A command with plain arguments (e.g. the <c>Invoke-Pwned</c> tripwire), recorded as called.</summary>
    public void RecordCommand(string command, object?[] arguments) =>
        Record(command, new Dictionary<string, object?> { ["args"] = arguments }, whatIf: false);

    /// <summary>The REG.exe double: see <see cref="WindowsCommands.RegExe"/>.</summary>
    public RegExeResult RegExe(string[] argv)
    {
        ThrowIfKilled();
        var (exitCode, error) = WindowsCommands.RegExe(this, argv);
        return new RegExeResult(exitCode, error);
    }

    /// <summary>Service control events in order, e.g. "Stop WDSServer", "Start SccmPxe on dp02.contoso.com".</summary>
    public List<string> ServiceEvents { get; } = [];

    public string DrivePath(char letter) => Path.Combine(Root, letter.ToString());

    /// <summary>The real file behind a Windows path such as <c>C:\SMS_DP$\sms\logs\SMSPXE.log</c> or <c>\\dp02\C$\x</c>.</summary>
    public string MapWindowsPath(string windowsPath)
    {
        // A provider-qualified path (FileSystem::\\server\share) names the same file.
        foreach (var provider in (string[])[@"Microsoft.PowerShell.Core\FileSystem::", "FileSystem::"])
        {
            if (windowsPath.StartsWith(provider, StringComparison.OrdinalIgnoreCase))
            {
                windowsPath = windowsPath[provider.Length..];
                break;
            }
        }

        var parts = windowsPath.Replace('/', '\\').Split('\\', StringSplitOptions.RemoveEmptyEntries);
        if (windowsPath.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return Path.Combine([Root, "unc", .. parts]);
        }

        if (parts.Length > 0 && parts[0].Length == 2 && parts[0][1] == ':')
        {
            return Path.Combine([DrivePath(char.ToUpperInvariant(parts[0][0])), .. parts[1..]]);
        }

        return windowsPath;
    }

    /// <summary>
    /// A path a file cmdlet (Test-Path, Get-Item) was given, as PowerShell resolves it from <paramref name="currentProvider"/>,
    /// the provider of the current location: a drive letter or <c>FileSystem::</c> names the file wherever the prompt
    /// is; a bare <c>\\server</c> path is handed to the current provider (at a <c>PS1:\&gt;</c> prompt, CMSite, which
    /// finds no file there), and a relative path is resolved from the current location.
    /// </summary>
    public string MapCmdletPath(string path, string currentProvider) =>
        path.StartsWith(@"\\", StringComparison.Ordinal) && !string.Equals(currentProvider, "FileSystem", StringComparison.Ordinal) ? path : MapWindowsPath(path);

    /// <summary>Writes (or appends to) a file at a Windows path of this machine, creating its folders.</summary>
    public string WriteFile(string windowsPath, string text, bool append = false, System.Text.Encoding? encoding = null)
    {
        var path = MapWindowsPath(windowsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        encoding ??= new System.Text.UTF8Encoding(false);
        if (append)
        {
            File.AppendAllText(path, text, encoding);
        }
        else
        {
            File.WriteAllText(path, text, encoding);
        }

        return path;
    }

    public void SetClock(DateTime start)
    {
        Start = start;
        Now = start;
    }

    /// <summary>A change that happens while the script waits, <paramref name="after"/> the start of the run.</summary>
    public void At(TimeSpan after, Action<ScriptWorld> change) => _timeline.Add((Start + after, change));

    /// <summary>Moves the fake clock on (Start-Sleep, a wait for a service) and applies what happened meanwhile.</summary>
    public void Advance(TimeSpan by)
    {
        var until = Now + by;
        foreach (var due in _timeline.Where(e => e.At <= until).OrderBy(e => e.At).ToList())
        {
            _timeline.Remove(due);
            Now = due.At > Now ? due.At : Now;
            due.Change(this);
        }

        Now = until;
        ThrowIfKilled();
    }

    /// <summary>True once the fake clock passed <see cref="HostTimeLimit"/>: the host killed the script there.</summary>
    public bool Killed { get; private set; }

    /// <summary>
    /// Stops the run once the host's time limit has passed. A pipeline stop, not an error: a script's catch cannot
    /// take it, as it cannot stop a host killing its process.
    /// </summary>
    public void ThrowIfKilled()
    {
        if (Killed || (HostTimeLimit is { } limit && Now - Start > limit))
        {
            if (!Killed)
            {
                Now = Start + HostTimeLimit!.Value;
            }

            Killed = true;
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Texts that calls show by a label instead of their content, e.g. a package file by its path.</summary>
    public Dictionary<string, string> TextLabels { get; } = new(StringComparer.Ordinal);

    public void Record(string command, IDictionary<string, object?> parameters, bool whatIf) =>
        Calls.Add(new RecordedCall(command, RecordedCall.Canonical(parameters, text => TextLabels.GetValueOrDefault(text)), whatIf));

    /// <summary>The calls of <paramref name="command"/> as "Name -Param value" lines, for exact assertions.</summary>
    public IReadOnlyList<string> CallsTo(string command) =>
        [.. Calls.Where(c => string.Equals(c.Command, command, StringComparison.OrdinalIgnoreCase)).Select(c => c.ToString())];

    /// <summary>Called by the doubles with their bound parameters; answers for the ConfigMgr site and the other stand-ins.</summary>
    public object? Invoke(string command, System.Collections.IDictionary boundParameters, bool whatIf)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in boundParameters)
        {
            parameters[((string)entry.Key).StartsWith("__", StringComparison.Ordinal) ? ((string)entry.Key)[2..] : (string)entry.Key] = entry.Value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : entry.Value;
        }

        ThrowIfKilled();
        Record(command, parameters, whatIf);
        return WindowsCommands.Answer(this, command, parameters, whatIf);
    }
}

public sealed record RegExeResult(int ExitCode, string? Error);
