using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RemediationGen.Packaging;

namespace RemediationGen.Tests.Packaging;

/// <summary>
/// Rendering a template with another model does not compile: a call is compiled against the core with Roslyn (which
/// the PowerShell SDK already brings), under the test assembly's name so that the core's internals are visible.
/// </summary>
public sealed class TemplateRefCompileTests
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(PackageTemplates).Assembly.Location),
    ]);

    private static List<string> Errors(string template, string model)
    {
        var source = $$"""
            using RemediationGen.Packaging;
            using RemediationGen.Templates;

            internal static class Probe
            {
                public static string Render(TemplateRenderer renderer, PairScriptModel pair, IntuneScriptsModel intune, ReadmeDeployModel deploy) =>
                    renderer.Render(PackageTemplates.{{template}}, {{model}});
            }
            """;
        var compilation = CSharpCompilation.Create(
            typeof(TemplateRefCompileTests).Assembly.GetName().Name,
            [CSharpSyntaxTree.ParseText(source)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id)];
    }

    [Theory]
    [InlineData("IntunePublish", "intune")]
    [InlineData("ScriptHeader", "pair")]
    [InlineData("ReadmeDeploy", "deploy")]
    [InlineData("ConfigMgrConnect", "pair")]
    [InlineData("ConfigMgrConnect", "intune")]
    public void Render_TheTemplatesOwnModel_Compiles(string template, string model)
    {
        Assert.Empty(Errors(template, model));
    }

    [Theory]
    [InlineData("IntunePublish", "pair")]
    [InlineData("ScriptHeader", "intune")]
    [InlineData("ReadmeDeploy", "pair")]
    [InlineData("ReadmeIntro", "deploy")]
    public void Render_AnotherModel_DoesNotCompile(string template, string model)
    {
        Assert.Equal(["CS0411"], Errors(template, model));
    }
}
