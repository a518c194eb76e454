namespace RemediationGen.Templates;

/// <summary>The kind of file a template produces; each has exactly one helper that may write a value into it.</summary>
internal enum TemplateOutput
{
    PowerShell,
    Markdown,
    Inf,
}

internal static class TemplateOutputs
{
    public static TemplateOutput Of(string templateName) =>
        templateName.EndsWith(".ps1", StringComparison.Ordinal) ? TemplateOutput.PowerShell
        : templateName.EndsWith(".md", StringComparison.Ordinal) ? TemplateOutput.Markdown
        : templateName.EndsWith(".inf", StringComparison.Ordinal) ? TemplateOutput.Inf
        : throw new InvalidOperationException($"Template '{templateName}' has no known output type; this is a bug in RemediationGen.");

    /// <summary>The helper's name in templates: <c>{{ ps value }}</c>, <c>{{ md value }}</c>, <c>{{ inf value }}</c>.</summary>
    public static string HelperName(this TemplateOutput output) => output switch
    {
        TemplateOutput.PowerShell => "ps",
        TemplateOutput.Markdown => "md",
        _ => "inf",
    };

    public static string FileKind(this TemplateOutput output) => output switch
    {
        TemplateOutput.PowerShell => ".ps1",
        TemplateOutput.Markdown => ".md",
        _ => ".inf",
    };
}
