using RemediationGen.Packaging;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.OutputFaults;

/// <summary>Issue 10 item 8: --force replaces a package only when its manifest lists exactly the files present.</summary>
public sealed class ForceOwnershipTests
{
    [Fact]
    public void Force_UserFileInsidePackage_Exit4NamingItAndNothingDeleted()
    {
        using var output = new TempDirectory();
        PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "old")], force: false);
        output.WriteFile("PS1/my-notes.txt", "mine");
        output.WriteFile("PS1/evidence/capture.txt", "mine too");

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new")], force: true));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Equal(
            $"'{output.Combine("PS1")}' is not a RemediationGen package as written (its manifest must list exactly the files present): evidence/capture.txt (not written by RemediationGen), my-notes.txt (not written by RemediationGen). It is never replaced, even with --force; move those away or choose another --out.",
            ex.Message);
        Assert.Equal("mine", File.ReadAllText(output.Combine("PS1", "my-notes.txt")));
        Assert.Equal("mine too", File.ReadAllText(output.Combine("PS1", "evidence", "capture.txt")));
        Assert.EndsWith("old", File.ReadAllText(output.Combine("PS1", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
    }

    [Fact]
    public void Force_OneFieldManifest_IsNotOurs()
    {
        using var output = new TempDirectory();
        output.WriteFile("PS1/manifest.json", "{\"tool\":\"RemediationGen\"}");
        output.WriteFile("PS1/data.csv", "a,b");

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new")], force: true));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Contains("manifest.json is not a RemediationGen manifest with a file list", ex.Message, StringComparison.Ordinal);
        Assert.Equal("a,b", File.ReadAllText(output.Combine("PS1", "data.csv")));
    }

    [Fact]
    public void Force_ChangedOrMissingFile_IsNotOurs()
    {
        using var output = new TempDirectory();
        PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "old")], force: false);
        File.AppendAllText(output.Combine("PS1", "intune", "x", "detect.ps1"), "# edited by hand");

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new")], force: true));

        Assert.Contains("intune/x/detect.ps1 (changed since it was written)", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("# edited by hand", File.ReadAllText(output.Combine("PS1", "intune", "x", "detect.ps1")), StringComparison.Ordinal);
    }

    [Fact]
    public void Force_SymlinkInsidePackage_IsNotOursAndItsTargetSurvives()
    {
        using var output = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var precious = elsewhere.WriteFile("precious.txt", "keep");
        PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "old")], force: false);
        File.CreateSymbolicLink(output.Combine("PS1", "link"), elsewhere.Path);

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new")], force: true));

        Assert.Contains("link (a link; RemediationGen writes none)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(precious));
    }

    [Fact]
    public void Force_SiteFolderIsASymlink_Exit4AndTheTargetSurvives()
    {
        using var output = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var precious = elsewhere.WriteFile("precious.txt", "keep");
        Directory.CreateSymbolicLink(output.Combine("PS1"), elsewhere.Path);

        var ex = Assert.Throws<RemediationGenException>(() => PackageWriter.Write(output.Path, [TestPackages.Owned("PS1", "new")], force: true));

        Assert.Equal(ErrorKind.OutputConflict, ex.Kind);
        Assert.Equal($"'{output.Combine("PS1")}' is a file or a link; remove it or choose another --out.", ex.Message);
        Assert.Equal("keep", File.ReadAllText(precious));
    }
}
