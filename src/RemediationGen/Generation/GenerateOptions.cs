using RemediationGen.Fixes;
using RemediationGen.Problems.AmtProvisioningCertificate;

namespace RemediationGen.Generation;

/// <param name="Sites">Site codes to generate for; empty means every site in the facts.</param>
public sealed record GenerateOptions(TargetSelection Targets, IReadOnlyList<string> Sites)
{
    public AmtOptions Amt { get; init; } = AmtOptions.Default;

    /// <summary><c>--icl-overwrite-different</c>: see <see cref="FixContext.IclOverwriteDifferent"/>.</summary>
    public bool IclOverwriteDifferent { get; init; }
}

/// <param name="Packages">One per site that has something to fix, ordered by site code.</param>
/// <param name="Notes">Why a site got no package, servers to check, and facts warnings: for the admin's summary.</param>
public sealed record GenerationResult(IReadOnlyList<Packaging.RenderedPackage> Packages, IReadOnlyList<string> Notes);
