using System.Diagnostics;

namespace RemediationGen.Tests.OutputFaults;

/// <summary>
/// A small tmpfs mounted for one test (Linux, as root): a full or read-only target that is real, not simulated.
/// <see cref="TmpfsFactAttribute"/> skips, with the reason, where mounting is not possible.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Lazy<string?> WhyNot { get; } = new(Probe);

    public static Tmpfs Mount(string options)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "remediationgen-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        MountAt(path, options);
        return new Tmpfs(path);
    }

    /// <summary>Mounts a tmpfs over an existing folder (a mount point inside OUT, for EBUSY).</summary>
    public static Tmpfs MountOver(string path, string options)
    {
        MountAt(path, options);
        return new Tmpfs(path);
    }

    public void Dispose()
    {
        Run("umount", ["-l", Path]);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A mount point inside a test folder goes with that folder.
        }
    }

    private static void MountAt(string path, string options)
    {
        var (code, error) = Run("mount", ["-t", "tmpfs", "-o", options, "tmpfs", path]);
        if (code != 0)
        {
            throw new InvalidOperationException($"mount tmpfs at {path} failed: {error}");
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs mounts need Linux";
        }

        try
        {
            using var probe = Mount("size=64k");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + ex.Message;
        }
    }

    private static (int Code, string Error) Run(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Trim());
    }
}

/// <summary>A fact that needs a tmpfs it can mount: skipped, with the reason, where it cannot.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.WhyNot.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
