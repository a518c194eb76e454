namespace RemediationGen.Templates;

/// <summary>A template's text and where it came from: <c>embedded</c> or the user's file path.</summary>
/// <param name="Name">The template's name without <c>.hbs</c>, e.g. <c>issuing-certificate-list/check.ps1</c>.</param>
public sealed record TemplateSource(string Name, string Text, string Origin, string Sha256)
{
    public bool IsUserOverride => Origin != TemplateCatalog.EmbeddedOrigin;
}
