using System.Text.Json;

namespace RemediationGen.Fixes;

/// <summary>
/// One fix's options, checked and typed (for example the AMT options). They reach the fix through
/// <see cref="FixContext.Options"/>, and the manifest's input digest through <see cref="WriteDigest"/>.
/// </summary>
internal interface IFixOptions
{
    /// <summary>The property name of these options in the input digest's canonical JSON, e.g. <c>amt</c>; unique among fixes.</summary>
    string DigestSection { get; }

    /// <summary>Writes the section's value: every field that can change a generated file, in a fixed order.</summary>
    void WriteDigest(Utf8JsonWriter writer);
}
