namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>
/// Reads Value1 the way <c>REG.exe ADD … /t REG_MULTI_SZ /d Value1</c> does: the two characters <c>\0</c> separate
/// entries. Empty pieces (a trailing <c>\0</c>, or two in a row) are dropped, because a REG_MULTI_SZ entry cannot be
/// empty: Windows would read it as the end of the list.
/// </summary>
internal static class IssuingCertificateListValue
{
    public const string Separator = @"\0";

    public static IReadOnlyList<string> Entries(string value) =>
        value.Split(Separator, StringSplitOptions.None).Where(e => e.Length > 0).ToArray();
}
