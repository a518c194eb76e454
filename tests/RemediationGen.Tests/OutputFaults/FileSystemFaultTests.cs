using RemediationGen.Cli;
using RemediationGen.Packaging;
using RemediationGen.Tests.Cli;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.OutputFaults;

/// <summary>Real full, read-only and busy targets (a small tmpfs), and links where the packages go.</summary>
public sealed class FileSystemFaultTests
{
    [TmpfsFact]
    public void FullDisk_AtEverySize_Exit5AndNothingLeft_OrEverySiteWhole()
    {
        foreach (var kilobytes in new[] { 16, 48, 96, 160, 256, 400 })
        {
            using var disk = Tmpfs.Mount($"size={kilobytes}k");

            var run = CliRun.Of("generate", "--demo", "--out", disk.Path);

            if (run.ExitCode == ExitCodes.Success)
            {
                Assert.All(Directory.GetDirectories(disk.Path), site => Assert.Empty(PackageOwnership.Problems(site)));
                continue;
            }

            Assert.True(run.ExitCode == ExitCodes.OutputFailed, $"{kilobytes} KiB: exit {run.ExitCode}: {run.Error}");
            Assert.StartsWith($"remediationgen: Cannot write to '{disk.Path}': ", run.Error, StringComparison.Ordinal);
            Assert.EndsWith(" Nothing was written.\n", run.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
        }
    }

    [TmpfsFact]
    public void FullDisk_BelowANewOut_LeavesNoEmptyOut()
    {
        using var disk = Tmpfs.Mount("size=16k");
        var output = Path.Combine(disk.Path, "new-out");

        var run = CliRun.Of("generate", "--demo", "--out", output);

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.False(Directory.Exists(output));
    }

    [TmpfsFact]
    public void ReadOnlyTarget_Exit5AndNothingWritten()
    {
        using var disk = Tmpfs.Mount("size=1m,ro");

        var run = CliRun.Of("generate", "--demo", "--out", Path.Combine(disk.Path, "out"));

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.EndsWith(" Nothing was written.\n", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }

    /// <summary>Issue 10 item 10: the second site's move fails (EBUSY: its place is a mount point); the first is put back.</summary>
    [TmpfsFact]
    public void SecondSiteCannotMove_Exit5_AndTheFirstIsPutBack()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("PS2"));
        using var busy = Tmpfs.MountOver(folder.Combine("PS2"), "size=64k");

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(folder.Path, [TestPackages.Owned("PS1", "new"), TestPackages.Owned("PS2", "new")], force: false));

        Assert.Equal(ErrorKind.OutputFailed, ex.Kind);
        Assert.EndsWith(" Nothing was written.", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("PS1")), "the first site must be put back when the second cannot move");
        Assert.Equal(["PS2"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [UnixFact]
    public void OutIsALinkToAFolder_PackagesGoIntoTheTarget()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("real"));
        Directory.CreateSymbolicLink(folder.Combine("link"), folder.Combine("real"));

        var run = CliRun.Of("generate", "--demo", "--out", folder.Combine("link"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["PS1", "PS2"], Directory.GetDirectories(folder.Combine("real")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [UnixFact]
    public void DanglingLinkWhereASiteGoes_Exit4AndTheLinkIsKept()
    {
        using var folder = new TempDirectory();
        File.CreateSymbolicLink(folder.Combine("PS1"), "/nonexistent/target");

        var run = CliRun.Of("generate", "--demo", "--out", folder.Path, "--force");

        Assert.Equal(ExitCodes.OutputConflict, run.ExitCode);
        Assert.Equal($"remediationgen: '{folder.Combine("PS1")}' is a file or a link; remove it or choose another --out.\n", run.Error);
        Assert.Equal("/nonexistent/target", new FileInfo(folder.Combine("PS1")).LinkTarget);
        Assert.False(Directory.Exists(folder.Combine("PS2")));
    }
}
