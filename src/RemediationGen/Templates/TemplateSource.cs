using Scriban;

namespace RemediationGen.Templates;

/// <summary>A template's text, its checked parse tree, and where it came from: <c>embedded</c> or the user's file path.</summary>
/// <param name="Name">The template's name without <c>.scriban</c>, e.g. <c>issuing-certificate-list/check.ps1</c>.</param>
internal sealed record TemplateSource(string Name, string Text, string Origin, string Sha256, Template Parsed)
{
    public bool IsUserOverride => Origin != TemplateCatalog.EmbeddedOrigin;

    /// <summary>What the template produces, from its name: the one helper its values may be written with.</summary>
    public TemplateOutput Output => TemplateOutputs.Of(Name);

    /// <summary>How messages name the template: the user's path, or the built-in file name.</summary>
    public string DisplayName => IsUserOverride ? Origin : Name + TemplateCatalog.Extension;
}
