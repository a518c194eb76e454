using RemediationGen.Packaging;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.OutputFaults;

/// <summary>
/// Issue 10 items 1, 10 and 14: what is at a site's place is judged when the package moves there; a multi-site write is
/// all or nothing; a dead run's staging is cleaned; a failed run leaves no empty OUT it created.
/// </summary>
public sealed class PackageWriterRaceTests
{
    [Fact]
    public void FolderCreatedAfterTheCheck_IsKept_Exit4_NothingWritten()
    {
        using var output = new TempDirectory();
        var late = HookedFiles.Around(TestPackages.Owned("PS2", "new"), () => output.WriteFile("PS2/report.docx", "the admin's report"));

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new"), late], force: false));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Equal("the admin's report", File.ReadAllText(output.Combine("PS2", "report.docx")));
        Assert.False(Directory.Exists(output.Combine("PS1")), "all or nothing: PS1 must be put back");
        Assert.Equal(["PS2"], Directory.GetFileSystemEntries(output.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void FolderCreatedAfterTheCheck_EvenWithForce_IsKept()
    {
        using var output = new TempDirectory();
        var late = HookedFiles.Around(TestPackages.Owned("PS1", "new"), () => output.WriteFile("PS1/report.docx", "the admin's report"));

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [late], force: true));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Contains("report.docx (not written by RemediationGen)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("the admin's report", File.ReadAllText(output.Combine("PS1", "report.docx")));
    }

    [Fact]
    public void SecondSiteCannotMove_FirstIsPutBack_AndTheEarlierPackageRestored()
    {
        using var output = new TempDirectory();
        PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "old")], force: false);
        var blocked = HookedFiles.Around(TestPackages.Owned("PS2", "new"), () => output.WriteFile("PS2", "a file where the site goes"));

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new"), blocked], force: true));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Equal(
            $"'{output.Combine("PS2")}' appeared while the packages were being written (another run, or someone else); it was left as it is. Nothing was written.",
            ex.Message);
        Assert.EndsWith("old", File.ReadAllText(output.Combine("PS1", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
        Assert.Equal("a file where the site goes", File.ReadAllText(output.Combine("PS2")));
        Assert.Equal(["PS1", "PS2"], Directory.GetFileSystemEntries(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TwoRunsAtOnceWithoutForce_ExactlyOneWins_TheOtherExit4AndWritesNothing()
    {
        using var output = new TempDirectory();
        using var bothStaged = new Barrier(2);
        RenderedPackage[] Run(string marker) =>
        [
            TestPackages.Owned("PS1", marker),
            HookedFiles.Around(TestPackages.Owned("PS2", marker), () => bothStaged.SignalAndWait(TimeSpan.FromSeconds(10))),
        ];

        var results = await Task.WhenAll(
            Task.Run(() => Outcome("a", () => PackageWriter.Write(output.Path, Run("a"), force: false))),
            Task.Run(() => Outcome("b", () => PackageWriter.Write(output.Path, Run("b"), force: false))));

        Assert.Equal(["conflict", "ok"], results.Select(r => r.Outcome).Order(StringComparer.Ordinal));
        var winner = results.Single(r => r.Outcome == "ok").Marker;
        Assert.EndsWith(winner, File.ReadAllText(output.Combine("PS1", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
        Assert.EndsWith(winner, File.ReadAllText(output.Combine("PS2", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
        Assert.Equal(["PS1", "PS2"], Directory.GetFileSystemEntries(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        static (string Outcome, string Marker) Outcome(string marker, Func<IReadOnlyList<string>> write)
        {
            try
            {
                write();
                return ("ok", marker);
            }
            catch (RemediationGenException ex) when (ex.Kind == ErrorKind.OutputConflict)
            {
                return ("conflict", marker);
            }
        }
    }

    [Fact]
    public void StagingOfADeadRun_IsCleaned_AndTheEarlierPackageItHadMovedAsideGoesBack()
    {
        using var output = new TempDirectory();
        var dead = output.Combine(".remediationgen-staging-0123456789abcdef0123456789abcdef");
        output.WriteFile(".remediationgen-staging-0123456789abcdef0123456789abcdef/.lock", string.Empty);
        PackageWriter.Write(Path.Combine(dead, "tmp"), [TestPackages.Owned("PS1", "half-new")], force: false);
        Directory.Move(Path.Combine(dead, "tmp", "PS1"), Path.Combine(dead, "PS1"));
        Directory.Delete(Path.Combine(dead, "tmp"));
        PackageWriter.Write(Path.Combine(dead, "tmp"), [TestPackages.Owned("PS2", "old")], force: false);
        Directory.Move(Path.Combine(dead, "tmp", "PS2"), Path.Combine(dead, ".previous-PS2"));
        Directory.Delete(Path.Combine(dead, "tmp"));

        PackageWriter.Write(output.Path, [TestPackages.Owned("PS3", "new")], force: false);

        Assert.False(Directory.Exists(dead));
        Assert.EndsWith("old", File.ReadAllText(output.Combine("PS2", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
        Assert.Equal(["PS2", "PS3"], Directory.GetFileSystemEntries(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StagingOfADeadRun_AFolderNotOursItHadTakenAside_IsKeptBesideItsTakenPlace()
    {
        using var output = new TempDirectory();
        PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new")], force: false);
        output.WriteFile(".remediationgen-staging-dead/.lock", string.Empty);
        output.WriteFile(".remediationgen-staging-dead/.previous-PS1/report.docx", "the admin's report");

        PackageWriter.Write(output.Path, [TestPackages.Owned("PS2", "new")], force: false);

        var kept = Assert.Single(Directory.GetDirectories(output.Path, "PS1.kept-*"));
        Assert.Equal("the admin's report", File.ReadAllText(Path.Combine(kept, "report.docx")));
        Assert.False(Directory.Exists(output.Combine(".remediationgen-staging-dead")));
    }

    [Fact]
    public void StagingOfALiveRun_IsLeftAlone()
    {
        using var output = new TempDirectory();
        var live = output.Combine(".remediationgen-staging-live");
        Directory.CreateDirectory(live);
        using (new FileStream(Path.Combine(live, ".lock"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new")], force: false);

            Assert.True(Directory.Exists(live));
        }
    }

    [Fact]
    public void FailureWhileStaging_LeavesNoEmptyOutputFolderItCreated()
    {
        using var parent = new TempDirectory();
        var output = parent.Combine("out");
        var broken = new RenderedPackage("PS1", [new RenderedFile("x", [1]), new RenderedFile("x/y", [2])]);

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output, [broken], force: false));

        Assert.Equal(ErrorKind.OutputFailed, ex.Kind);
        Assert.EndsWith("Nothing was written.", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "a failed run must not leave the empty --out it created");
    }
}
