namespace RemediationGen.Fixes;

/// <summary>
/// A template a plan asks for by its file name, without the template's folder: one of its own problem's templates or
/// a shared one. Packaging turns it into the template's name and model (PackageTemplates), so a fix never builds one:
/// a part renders with the pair's model (names, guard, and the fix's own model as <c>Fix</c>).
/// </summary>
/// <param name="Name">The file name under the folder, without <c>.scriban</c>, e.g. <c>runbook.ps1</c>.</param>
internal sealed record TemplatePart(string Name, bool IsShared)
{
    /// <summary>The pair's check body, every problem has one: the detection, and the start of the remediation.</summary>
    public static TemplatePart Check { get; } = Own("check.ps1");

    /// <summary>The pair's remediation body; a detection-only problem has none.</summary>
    public static TemplatePart Remediate { get; } = Own("remediate.ps1");

    /// <summary>A template of the plan's own problem (templates/&lt;problem folder&gt;/).</summary>
    public static TemplatePart Own(string name) => new(name, false);

    /// <summary>A template under templates/shared/.</summary>
    public static TemplatePart Shared(string name) => new(name, true);
}
