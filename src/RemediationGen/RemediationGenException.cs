namespace RemediationGen;

/// <summary>What kind of expected failure occurred; the CLI maps each kind to a documented exit code.</summary>
internal enum ErrorKind
{
    /// <summary>An argument, facts file, log path, template or data value is invalid.</summary>
    InvalidInput,

    /// <summary>The site database could not be reached, refused the login or timed out.</summary>
    DataSourceUnavailable,

    /// <summary>The output location holds something the tool will not replace.</summary>
    OutputConflict,

    /// <summary>The output could not be written (permissions, disk full); nothing partial was left behind.</summary>
    OutputFailed,
}

/// <summary>
/// An expected failure with a message an admin can act on: it names the file, line, field or value at fault.
/// Anything else that escapes the core is a bug.
/// </summary>
internal sealed class RemediationGenException : Exception
{
    public RemediationGenException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ErrorKind Kind { get; }
}
