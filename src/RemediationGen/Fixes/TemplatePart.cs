namespace RemediationGen.Fixes;

/// <summary>
/// A template a plan asks for by its file name, without the template's folder: one of its own problem's templates or
/// a shared one. Packaging turns it into the template's name (PackageLayout), so a fix never builds one.
/// </summary>
/// <param name="Name">The file name under the folder, without <c>.scriban</c>, e.g. <c>runbook.ps1</c>.</param>
internal sealed record TemplatePart(string Name, bool IsShared)
{
    /// <summary>A template of the plan's own problem (templates/&lt;problem folder&gt;/).</summary>
    public static TemplatePart Own(string name) => new(name, false);

    /// <summary>A template under templates/shared/.</summary>
    public static TemplatePart Shared(string name) => new(name, true);
}
