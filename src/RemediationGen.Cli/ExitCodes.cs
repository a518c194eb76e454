namespace RemediationGen.Cli;

/// <summary>The documented exit codes (README "Exit codes"). Never let a framework default leak out.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for diagnose: no findings.</summary>
    public const int Success = 0;

    /// <summary>diagnose only: the logs show at least one problem that no later record resolved.</summary>
    public const int FindingsPresent = 1;

    /// <summary>Bad arguments, or invalid input: facts file, log path, template, data value.</summary>
    public const int InvalidInput = 2;

    /// <summary>The site database is unreachable, refused the login, or timed out.</summary>
    public const int DataSourceUnavailable = 3;

    /// <summary>The output exists and may not be replaced (add --force for an earlier package of ours).</summary>
    public const int OutputConflict = 4;

    /// <summary>The output could not be written (permissions, disk); no half-written package is left.</summary>
    public const int OutputFailed = 5;

    /// <summary>verify only: the package does not match its manifest, or a signature is missing, invalid or not the expected signer's.</summary>
    public const int VerificationFailed = 6;

    /// <summary>A bug: an unexpected error. --verbose shows the stack trace.</summary>
    public const int UnexpectedError = 70;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Canceled = 130;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => InvalidInput,
        ErrorKind.DataSourceUnavailable => DataSourceUnavailable,
        ErrorKind.OutputConflict => OutputConflict,
        ErrorKind.OutputFailed => OutputFailed,
        _ => UnexpectedError,
    };
}
