using RemediationGen.Cli;

namespace RemediationGen.Tests.Cli;

/// <summary>
/// Start-up: when the first argument names a command only that command is built. What an admin sees must not depend on
/// it: the same help and the same errors as with the whole tree (built when the first argument is an option).
/// </summary>
public sealed class CommandTreeTests
{
    public static TheoryData<string> Commands => [.. CliApplication.CommandNames];

    [Fact]
    public void RootHelp_ListsEveryCommandInOrder()
    {
        var run = CliRun.Of("--help");

        var listed = run.Output[run.Output.IndexOf("Commands:", StringComparison.Ordinal)..]
            .Split('\n')
            .Skip(1)
            .Where(line => line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ')[0]);
        Assert.Equal(CliApplication.CommandNames, listed);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void CommandHelp_IsTheSameAsWithTheWholeTree(string command)
    {
        var alone = CliRun.Of(command, "--help");
        var inTree = CliRun.Of("--verbose", command, "--help");

        Assert.Equal(ExitCodes.Success, alone.ExitCode);
        Assert.Contains($" {command} ", alone.Output, StringComparison.Ordinal);
        Assert.Equal(inTree.Output, alone.Output);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void UnknownOption_TheSameErrorAsWithTheWholeTree(string command)
    {
        var alone = CliRun.Of(command, "--no-such-option");
        var inTree = CliRun.Of("--verbose", command, "--no-such-option");

        // sign, verify and status take a folder argument first, so for them the option is that argument: still an error.
        Assert.Equal(ExitCodes.InvalidInput, alone.ExitCode);
        Assert.Equal(inTree.ExitCode, alone.ExitCode);
        Assert.StartsWith("remediationgen: ", alone.Error, StringComparison.Ordinal);
        Assert.Equal(inTree.Error, alone.Error);
    }
}
