using RemediationGen.Packaging;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Packaging;

public sealed class PackageWriterTests
{
    private static RenderedPackage Package(string site, string marker) => TestPackages.Owned(site, marker);

    [Fact]
    public void Write_NewFolder_WritesEverySiteAndNoStagingIsLeft()
    {
        using var output = new TempDirectory();

        var written = PackageWriter.Write(output.Path, [Package("PS1", "a"), Package("PS2", "b")], force: false);

        Assert.Equal([output.Combine("PS1"), output.Combine("PS2")], written);
        Assert.Equal("exit 0\r\na", File.ReadAllText(output.Combine("PS1", "intune", "x", "detect.ps1")));
        Assert.Equal(["PS1", "PS2"], Directory.GetFileSystemEntries(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_ExistingPackageWithoutForce_ConflictAndNothingChanges()
    {
        using var output = new TempDirectory();
        PackageWriter.Write(output.Path, [Package("PS1", "old")], force: false);

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [Package("PS2", "new"), Package("PS1", "new")], force: false));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Equal($"'{output.Combine("PS1")}' already holds a package; add --force to replace it, or choose another --out.", ex.Message);
        Assert.EndsWith("old", File.ReadAllText(output.Combine("PS1", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output.Combine("PS2")), "no site may be written when another conflicts");
    }

    [Fact]
    public void Write_ExistingPackageWithForce_ReplacesItWhole()
    {
        using var output = new TempDirectory();
        PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "old", "intune/old/detect.ps1")], force: false);

        PackageWriter.Write(output.Path, [Package("PS1", "new")], force: true);

        Assert.EndsWith("new", File.ReadAllText(output.Combine("PS1", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output.Combine("PS1", "intune", "old")));
        Assert.Single(Directory.GetFileSystemEntries(output.Path));
    }

    [Fact]
    public void Write_FolderThatIsNotOurs_NeverReplacedEvenWithForce()
    {
        using var output = new TempDirectory();
        output.WriteFile("PS1/notes.txt", "the admin's own notes");

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [Package("PS1", "new")], force: true));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Equal(
            $"'{output.Combine("PS1")}' is not a RemediationGen package as written (its manifest must list exactly the files present): no manifest.json, notes.txt (not written by RemediationGen). It is never replaced, even with --force; move those away or choose another --out.",
            ex.Message);
        Assert.Equal("the admin's own notes", File.ReadAllText(output.Combine("PS1", "notes.txt")));
    }

    [Fact]
    public void Write_EmptyExistingFolder_IsUsed()
    {
        using var output = new TempDirectory();
        Directory.CreateDirectory(output.Combine("PS1"));

        PackageWriter.Write(output.Path, [Package("PS1", "new")], force: false);

        Assert.True(File.Exists(output.Combine("PS1", "manifest.json")));
    }

    [Fact]
    public void Write_OutputIsAFile_Conflict()
    {
        using var output = new TempDirectory();
        var file = output.WriteFile("out", "x");

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(file, [Package("PS1", "new")], force: true));

        Assert.Equal($"Output path '{file}' is a file, not a folder.", ex.Message);
    }

    [Fact]
    public void Write_UnwritableLocation_OutputFailedAndNothingWritten()
    {
        // A folder below a file cannot be created on any platform, whoever runs the test (root ignores permission bits).
        using var output = new TempDirectory();
        var file = output.WriteFile("blocker", "x");

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(Path.Combine(file, "sub"), [Package("PS1", "new")], force: false));

        Assert.Equal(ErrorKind.OutputFailed, ex.Kind);
        Assert.StartsWith($"Cannot write to '{Path.Combine(file, "sub")}': ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was written.", ex.Message, StringComparison.Ordinal);
    }
}
