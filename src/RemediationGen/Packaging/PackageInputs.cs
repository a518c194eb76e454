using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;

namespace RemediationGen.Packaging;

/// <summary>
/// Everything one site's package is made from. The manifest's input digest covers all of it that decides the
/// package's bytes (the facts of this site and the facts warnings, the site's findings and rejected values, every
/// option, whether logs were read, the templates); <see cref="Plans"/> and <see cref="Notes"/> follow from those.
/// The facts' origin and collection time are recorded in the manifest as they are.
/// </summary>
/// <param name="FixOptions">Every fix's checked options: they reach its scripts, kit and README.</param>
internal sealed record PackageInputs(
    SiteFacts Site,
    HierarchyFacts Facts,
    DiagnosisResult Diagnosis,
    TargetSelection Targets,
    FixOptionSet FixOptions,
    bool LogsRead,
    IReadOnlyList<FixPlan> Plans,
    IReadOnlyList<string> Notes)
{
    /// <summary>The findings of this site.</summary>
    public IEnumerable<Finding> SiteFindings =>
        Diagnosis.Findings.Where(f => string.Equals(f.SiteCode, Site.SiteCode, StringComparison.Ordinal));

    /// <summary>Values rejected in this site's logs, and those from logs not tied to any site (every site may own them).</summary>
    public IEnumerable<RejectedEvidence> SiteRejected =>
        Diagnosis.Rejected.Where(r => r.SiteCode is null || string.Equals(r.SiteCode, Site.SiteCode, StringComparison.Ordinal));
}
