using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Cli;

/// <summary>The diagnose output is a contract for people (text), scripts (json) and tickets (markdown): any change shows up in review.</summary>
public sealed class DiagnoseOutputSnapshotTests
{
    [Fact]
    public void DiagnoseDemo_Text()
    {
        Snapshot.Verify(CliRun.Of("diagnose", "--demo").Output, "DiagnoseDemo_Text");
    }

    [Fact]
    public void DiagnoseDemo_Json()
    {
        Snapshot.Verify(CliRun.Of("diagnose", "--demo", "--format", "json").Output, "DiagnoseDemo_Json", "json");
    }

    [Fact]
    public void DiagnoseDemo_Markdown()
    {
        Snapshot.Verify(CliRun.Of("diagnose", "--demo", "--format", "markdown").Output, "DiagnoseDemo_Markdown", "md");
    }
}
