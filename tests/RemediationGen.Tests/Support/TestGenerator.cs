using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems;
using RemediationGen.Templates;

namespace RemediationGen.Tests.Support;

/// <summary>
/// The package generator every fix and packaging test uses: every fix, the embedded templates, version
/// <see cref="ToolVersion"/>. One renderer for the whole test run, so each template compiles once (the renderer
/// compiles and renders safely on several threads), not once per test.
/// </summary>
internal static class TestGenerator
{
    public const string ToolVersion = "0.0.0-test";

    public static PackageGenerator Generator { get; } = new(ProblemSet.Core.Fixes, new TemplateRenderer(TemplateCatalog.Embedded()), ToolVersion);

    /// <summary>Every fix's options at their defaults, for a test that plans one fix directly.</summary>
    public static FixOptionSet DefaultFixOptions { get; } = FixOptionSet.Bind(ProblemSet.Core.Fixes, FixOptionValues.None);

    public static GenerationResult Generate(HierarchyFacts facts, DiagnosisResult diagnosis, bool logsRead, GenerateOptions options) =>
        Generator.Generate(facts, diagnosis, logsRead, options);

    /// <summary>A file of a rendered package as text (scripts keep their CRLF line endings).</summary>
    public static string Text(RenderedPackage package, string path) =>
        Encoding.UTF8.GetString(package.Files.Single(f => f.RelativePath == path).Content);

    /// <summary>The input digest a package's manifest records.</summary>
    public static string InputDigest(RenderedPackage package)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(Text(package, PackageLayout.ManifestFileName));
        return manifest.RootElement.GetProperty("inputs").GetProperty("digestSha256").GetString()!;
    }
}
