using RemediationGen.Signing;

namespace RemediationGen.Verification;

/// <summary>One thing about a package that is not as generated (and signed): the file it concerns and what is wrong.</summary>
internal sealed record VerificationProblem(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <param name="FileCount">Files the manifest lists (the manifest itself not counted).</param>
/// <param name="ScriptCount">The package's .ps1 files.</param>
/// <param name="Signer">The signer the manifest records; null for an unsigned package.</param>
/// <param name="SignerValidNow">Whether the signer's certificate is valid at the time of the check.</param>
internal sealed record VerificationReport(
    string Folder,
    int FileCount,
    int ScriptCount,
    SignerRecord? Signer,
    bool SignerValidNow,
    IReadOnlyList<VerificationProblem> Problems)
{
    public bool Verified => Problems.Count == 0;

    /// <summary>Every script carries a valid RFC 3161 timestamp from within the signer's validity.</summary>
    public bool Timestamped { get; init; }
}
