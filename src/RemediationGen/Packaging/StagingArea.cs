namespace RemediationGen.Packaging;

/// <summary>
/// A run's staging folder inside OUT (<c>.remediationgen-staging-*</c>), locked for the whole run by an open
/// <c>.lock</c> file: the lock ends with the process however it ends, so a later run can tell a dead run's folder from a
/// live one and clean it up (<see cref="RecoverStale"/>).
/// </summary>
internal sealed class StagingArea : IDisposable
{
    public const string Prefix = ".remediationgen-staging-";
    private const string LockFileName = ".lock";
    private const string PreviousPrefix = ".previous-";

    // A package taken aside and judged ours, being deleted at the end of a run (never judged again).
    private const string DiscardPrefix = ".discard-";

    // A folder without its lock file is either from a run that died before locking it, or one being created right now.
    private static readonly TimeSpan UnlockedGrace = TimeSpan.FromMinutes(1);

    private readonly FileStream _lock;

    private StagingArea(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    public static StagingArea Create(string outputDirectory)
    {
        // Between the mkdir and the lock the folder is empty and unlocked, like that of a run killed right there; another
        // run's recovery removes such a folder (rmdir, which fails once the lock exists), so this run then starts over.
        for (var attempt = 1; ; attempt++)
        {
            var path = System.IO.Path.Combine(outputDirectory, Prefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            try
            {
                return new StagingArea(path, new FileStream(System.IO.Path.Combine(path, LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None));
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
            }
        }
    }

    public string Site(string siteCode) => System.IO.Path.Combine(Path, siteCode);

    /// <summary>Where the package that was at OUT/<paramref name="siteCode"/> waits until the new one is in place.</summary>
    public string Previous(string siteCode) => System.IO.Path.Combine(Path, PreviousPrefix + siteCode);

    /// <summary>
    /// Cleans the staging folders of runs that died (kill -9, power loss): an earlier package a dead run had moved aside
    /// goes back to its place when that place is still empty, and the rest is deleted. A live run's folder is left alone.
    /// Best effort: a folder that cannot be cleaned now is tried again by the next run.
    /// </summary>
    public static void RecoverStale(string outputDirectory, TimeProvider timeProvider)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return;
        }

        foreach (var folder in new DirectoryInfo(outputDirectory).EnumerateDirectories(Prefix + "*"))
        {
            try
            {
                if (folder.LinkTarget is null)
                {
                    RecoverIfDead(folder, outputDirectory, timeProvider);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Locked by a live run, or not ours to clean now.
            }
        }
    }

    private static void RecoverIfDead(DirectoryInfo folder, string outputDirectory, TimeProvider timeProvider)
    {
        var lockPath = System.IO.Path.Combine(folder.FullName, LockFileName);
        if (!File.Exists(lockPath))
        {
            if (!folder.EnumerateFileSystemInfos().Any())
            {
                // Empty and unlocked: a run killed between its mkdir and its lock, or one about to lock it, which starts
                // over (Create). rmdir fails if the lock appeared in between: then it is a live run's, left alone.
                folder.Delete(recursive: false);
                return;
            }

            if (timeProvider.GetUtcNow() - folder.LastWriteTimeUtc < UnlockedGrace)
            {
                return;
            }
        }

        // Throws while the owner lives: its lock is held. When it opens, the owner is gone.
        using (File.Exists(lockPath) ? new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None) : null)
        {
            foreach (var previous in folder.EnumerateDirectories(PreviousPrefix + "*"))
            {
                var destination = System.IO.Path.Combine(outputDirectory, previous.Name[PreviousPrefix.Length..]);
                if (!System.IO.Path.Exists(destination))
                {
                    previous.MoveTo(destination);
                }
                else if (previous.EnumerateFileSystemInfos().Any() && PackageOwnership.Problems(previous.FullName).Count > 0)
                {
                    // Taken aside to be judged and not ours; its place is taken now: keep it beside, never delete it.
                    previous.MoveTo(KeptBeside(destination));
                }
            }

            // The lock file goes last: a run killed while it cleans leaves a folder that still says "dead run", not one
            // that looks like a run being created right now (no lock, recent), which would be spared for a minute.
            DeleteAllButTheLock(folder);
        }

        folder.Delete(recursive: true);
    }

    private static void DeleteAllButTheLock(DirectoryInfo folder)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos().Where(e => e.Name != LockFileName))
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    /// <summary>A free name next to <paramref name="destination"/> for a folder that must be kept but cannot go back.</summary>
    public static string KeptBeside(string destination) => destination + ".kept-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        try
        {
            // What is still taken aside here was judged ours (PackageWriter puts back anything else): marked so before
            // it is deleted, so that a run killed half-way through deleting it never leaves a part of it to be judged
            // again, found "not ours" and kept beside the site. The lock goes last, for the same reason.
            foreach (var previous in new DirectoryInfo(Path).EnumerateDirectories(PreviousPrefix + "*"))
            {
                previous.MoveTo(System.IO.Path.Combine(Path, DiscardPrefix + previous.Name[PreviousPrefix.Length..]));
            }

            DeleteAllButTheLock(new DirectoryInfo(Path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's RecoverStale.
        }

        _lock.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's RecoverStale: the lock is released, so it will see a dead run.
        }
    }
}
