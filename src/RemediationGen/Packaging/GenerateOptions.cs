using RemediationGen.Fixes;

namespace RemediationGen.Packaging;

/// <param name="Sites">Site codes to generate for; empty means every site in the facts.</param>
internal sealed record GenerateOptions(TargetSelection Targets, IReadOnlyList<string> Sites)
{
    /// <summary>The fix options as given: each fix checks and reads its own.</summary>
    public FixOptionValues FixOptions { get; init; } = FixOptionValues.None;
}

/// <param name="Packages">One per site that has something to fix, ordered by site code.</param>
/// <param name="Notes">Why a site got no package, servers to check, and facts warnings: for the admin's summary.</param>
internal sealed record GenerationResult(IReadOnlyList<RenderedPackage> Packages, IReadOnlyList<string> Notes);
