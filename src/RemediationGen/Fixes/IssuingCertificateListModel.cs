namespace RemediationGen.Fixes;

/// <summary>Template model of the IssuingCertificateList pair (templates/issuing-certificate-list/).</summary>
/// <param name="ExpectedEntries">The REG_MULTI_SZ entries the value must hold, in order.</param>
/// <param name="UseRegExe">True: write with REG.exe ADD as the KB does; false: the .NET registry API (see <paramref name="WriteMethodReason"/>).</param>
/// <param name="ValueSha256">SHA-256 of Value1 as stored, so an admin can match scripts to the database without reading the value.</param>
public sealed record IssuingCertificateListModel(
    IReadOnlyList<string> ExpectedEntries,
    bool UseRegExe,
    string WriteMethodReason,
    string ValueSha256,
    int ValueLength)
{
    public int EntryCount => ExpectedEntries.Count;
}
