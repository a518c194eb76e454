using RemediationGen.Cli;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Cli;

/// <summary>Issue 10 items 9, 11 and 14: parse errors that leaked secrets, an empty --facts, response files.</summary>
public sealed class CliFaultTests
{
    private const string NotShown = "(an argument that looks like a connection string; not shown)";

    [Theory]
    [InlineData("Server=cm;Password=ab'cd;ef")]
    [InlineData("Server=cm;Password=\"pa\"\"ss;word\"")]
    [InlineData("Server=cm;pwd='x''y;z'")]
    [InlineData("Data Source=cm;User ID=u;Password=abcd;ef")]
    public void ForgottenSql_ConnectionStringIsNeverEchoed(string connectionString)
    {
        var run = CliRun.Of("generate", "--demo", "--out", "x", connectionString);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal($"remediationgen: Unrecognized command or argument '{NotShown}'.\nRun 'remediationgen generate --help' for usage.\n", run.Error);
    }

    [Theory]
    [InlineData("unexpected Password=ab'cd;ef here", "unexpected Password=***;ef here")]
    [InlineData("x Password=\"pa\"\"ss;word\" y", "x Password=*** y")]
    [InlineData("x PWD = 'a''b;c' y", "x PWD=*** y")]
    [InlineData("Password=plain;Encrypt=True", "Password=***;Encrypt=True")]
    public void ScrubSecrets_FollowsTheConnectionStringGrammar(string message, string expected)
    {
        Assert.Equal(expected, CliApplication.ScrubSecrets(message));
    }

    [Fact]
    public void EmptyFactsPath_Exit2()
    {
        using var output = new TempDirectory();

        var run = CliRun.Of("generate", "--facts", string.Empty, "--out", output.Combine("out"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("remediationgen: The facts file path is empty; name a facts file.\n", run.Error);
    }

    [Fact]
    public void ResponseFile_IsNotRead()
    {
        using var folder = new TempDirectory();
        var responseFile = folder.WriteFile("args.rsp", "--secret-from-the-file\n");

        var run = CliRun.Of("generate", "--demo", "--out", folder.Combine("out"), "@" + responseFile);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal($"remediationgen: Unrecognized command or argument '@{responseFile}'.\nRun 'remediationgen generate --help' for usage.\n", run.Error);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    /// <summary>Found by CliArgumentFuzzTests: the --sql-timeout validator read a value that did not parse and threw out of Run.</summary>
    [Theory]
    [InlineData("generate", "--sql-timeout")]
    [InlineData("generate", "--amt-threshold-days")]
    [InlineData("diagnose", "--sql-timeout")]
    public void UnparseableNumber_Exit2WithTheParsersMessage(string command, string option)
    {
        using var folder = new TempDirectory();
        string[] args = command == "generate" ? [command, "--demo", "--out", folder.Combine("out"), option, "soon"] : [command, "--demo", option, "soon"];

        var run = CliRun.Of(args);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal($"remediationgen: Cannot parse argument 'soon' for option '{option}' as expected type 'System.Int32'.\nRun 'remediationgen {command} --help' for usage.\n", run.Error);
    }

    /// <summary>Found by bench/fuzz.sh (seed 1734): a connection string given to --facts was echoed in the error.</summary>
    [Fact]
    public void ConnectionStringGivenAsAFactsFile_PasswordNotPrinted()
    {
        using var folder = new TempDirectory();

        var run = CliRun.Of("generate", "--facts", "Server=tcp:127.0.0.1,1;Pwd=\"S3cr\"\"etZq\"", "--out", folder.Combine("out"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.StartsWith("remediationgen: an argument that looks like a connection string with a password is accepted only as the value of --sql;", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("etZq", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Found by bench/fuzz.sh (seed 1837): a validator read an option given without its value and threw (exit 70).</summary>
    [Theory]
    [InlineData("--icl-component")]
    [InlineData("--server")]
    public void OptionWithoutItsValue_Exit2WithTheParsersMessage(string option)
    {
        using var folder = new TempDirectory();

        var run = CliRun.Of("diagnose", "--demo", option);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal($"remediationgen: Required argument missing for option: '{option}'.\nRun 'remediationgen diagnose --help' for usage.\n", run.Error);
    }

    /// <summary>Found by bench/fuzz.sh (seed 2274): a connection string given as --out was printed in "wrote ..." and became a folder.</summary>
    [Theory]
    [InlineData("--out")]
    [InlineData("--templates")]
    public void ConnectionStringAsAnotherOptionsValue_Exit2_NothingWrittenOrPrinted(string option)
    {
        using var folder = new TempDirectory();
        var misplaced = folder.Combine("Server=db;Password=hunter2");
        string[] args = option == "--out" ? ["generate", "--demo", "--out", misplaced] : ["generate", "--demo", "--out", folder.Combine("out"), option, misplaced];

        var run = CliRun.Of(args);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal(
            "remediationgen: an argument that looks like a connection string with a password is accepted only as the value of --sql; it is never used as a path, written to disk or printed.\nRun 'remediationgen generate --help' for usage.\n",
            run.Error);
        Assert.DoesNotContain("hunter2", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
