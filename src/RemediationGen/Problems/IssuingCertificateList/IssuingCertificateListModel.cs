using RemediationGen.Fixes;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>Template model of the IssuingCertificateList pair (templates/issuing-certificate-list/).</summary>
/// <param name="ExpectedEntries">The REG_MULTI_SZ entries the value must hold, in order.</param>
/// <param name="UseRegExe">True: write with REG.exe ADD as the KB does; false: the .NET registry API (see <paramref name="WriteMethodReason"/>).</param>
/// <param name="ValueSha256">SHA-256 of Value1 as stored, so an admin can match scripts to the database without reading the value.</param>
/// <param name="CapturedFrom">Where the value was read (the facts' origin).</param>
/// <param name="CapturedAt">When it was read (UTC), or a sentence saying that the facts do not record it.</param>
/// <param name="OverwriteDifferent">True (<c>--icl-overwrite-different</c>): a present, well-formed value that differs is overwritten too.</param>
/// <param name="RestartWaitSeconds">The remediation's deadline for restarting the PXE service, from its start: within ConfigMgr's 60-second script timeout.</param>
internal sealed record IssuingCertificateListModel(
    IReadOnlyList<string> ExpectedEntries,
    bool UseRegExe,
    string WriteMethodReason,
    string ValueSha256,
    int ValueLength,
    string CapturedFrom,
    string CapturedAt,
    bool OverwriteDifferent,
    int RestartWaitSeconds) : IFixModel
{
    public int EntryCount => ExpectedEntries.Count;

    /// <summary>False when <see cref="CapturedAt"/> is <see cref="UnknownCaptureTime"/>: the README then says so in its own words.</summary>
    public bool CaptureTimeKnown => CapturedAt != UnknownCaptureTime;

    /// <summary>What <see cref="CapturedAt"/> says when the facts carry no collection time.</summary>
    public const string UnknownCaptureTime = "an unknown time (the facts do not record when they were collected)";
}
