using RemediationGen.Cli;

namespace RemediationGen.Tests.Cli;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApplication.Run(args, output, error, TimeProvider.System);
        return new CliRun(code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }
}
