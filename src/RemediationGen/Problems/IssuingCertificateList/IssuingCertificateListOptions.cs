using System.Text.Json;
using RemediationGen.Fixes;

namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>Options of the IssuingCertificateList fix.</summary>
/// <param name="OverwriteDifferent">
/// Also overwrite a present, well-formed value that differs from the captured site value. Off by default: the site
/// manages the value, and a frozen copy would roll back every later change of it.
/// </param>
internal sealed record IssuingCertificateListOptions(bool OverwriteDifferent) : IFixOptions
{
    public static FixOption OverwriteDifferentOption { get; } = FixOption.Switch(
        "--icl-overwrite-different",
        "IssuingCertificateList: also overwrite a present, well-formed value that differs from the site value captured now. Default: report it and leave it, as the site manages it.");

    /// <summary>The options <c>generate</c> offers for this fix, in help order.</summary>
    public static IReadOnlyList<FixOption> Declared { get; } = [OverwriteDifferentOption];

    /// <summary>A boolean, not an object: the digest has held <c>"iclOverwriteDifferent": false</c> since the option came.</summary>
    public string DigestSection => "iclOverwriteDifferent";

    public static IssuingCertificateListOptions Bind(FixOptionValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(values.Switch(OverwriteDifferentOption));
    }

    public void WriteDigest(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBooleanValue(OverwriteDifferent);
    }
}
