using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;

namespace RemediationGen.Packaging;

/// <summary>Everything one site's package is made from; the manifest's input digest covers all of it.</summary>
public sealed record PackageInputs(
    SiteFacts Site,
    HierarchyFacts Facts,
    DiagnosisResult Diagnosis,
    TargetSelection Targets,
    bool LogsRead,
    IReadOnlyList<FixPlan> Plans,
    IReadOnlyList<string> Notes);
