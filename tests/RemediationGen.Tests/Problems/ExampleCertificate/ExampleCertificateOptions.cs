using System.Text.Json;
using RemediationGen.Fixes;

namespace RemediationGen.Tests.Problems.ExampleCertificate;

/// <summary>The made-up problem's one option: it reaches the check script, and the input digest through its own section.</summary>
internal sealed record ExampleCertificateOptions(string? Subject) : IFixOptions
{
    public static FixOption SubjectOption { get; } = FixOption.Text("--example-subject", "Example certificate: the subject to look for (default CN=example.<site>.contoso.com).", "DN");

    public string DigestSection => "example";

    public static ExampleCertificateOptions Bind(FixOptionValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var subject = values.Text(SubjectOption);
        return subject is { Length: 0 }
            ? throw new RemediationGenException(ErrorKind.InvalidInput, $"{SubjectOption.Name}: the subject is empty.")
            : new ExampleCertificateOptions(subject);
    }

    public void WriteDigest(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("subject", Subject);
        writer.WriteEndObject();
    }
}
