using RemediationGen.Cli;

namespace RemediationGen.Tests.Fuzz;

/// <summary>One in-process run of the real command tree under a timeout, and the invariants every run must keep.</summary>
internal static class FuzzCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly int[] Documented =
        [ExitCodes.Success, ExitCodes.FindingsPresent, ExitCodes.InvalidInput, ExitCodes.DataSourceUnavailable, ExitCodes.OutputConflict, ExitCodes.OutputFailed];

    /// <summary>Runs <paramref name="args"/>; a hang, exit 70, an undocumented code or a stack trace fails with <paramref name="replay"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> Run(string[] args, string replay)
    {
        using var cancel = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = Task.Run(() => CliApplication.Run(args, output, error, TimeProvider.System, cancel.Token), CancellationToken.None);
        int code;
        try
        {
            code = await run.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            await cancel.CancelAsync();
            Assert.Fail($"hang: no exit within {Timeout.TotalSeconds} s: {Describe(args)}\n{replay}");
            throw;
        }

        var err = error.ToString();
        Assert.True(
            Documented.Contains(code),
            $"exit {code} (documented: {string.Join(", ", Documented)}): {Describe(args)}\nstderr: {err}\n{replay}");
        // --verbose asks for the stack trace of an error's cause: only without it must there be none.
        Assert.False(
            !args.Contains("--verbose", StringComparer.Ordinal) && err.Contains("   at ", StringComparison.Ordinal),
            $"a stack trace was printed: {err}\n{replay}");
        return (code, output.ToString(), err);
    }

    private static string Describe(string[] args) => string.Join(" ", args.Select(a => $"[{a.Replace("\0", "\\0", StringComparison.Ordinal)}]"));
}
