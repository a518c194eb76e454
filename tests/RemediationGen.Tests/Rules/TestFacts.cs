using RemediationGen.Facts;

namespace RemediationGen.Tests.Rules;

/// <summary>A small two-site hierarchy matching the fixtures: dp01 and dp03 in PS1, dp02 in PS2.</summary>
internal static class TestFacts
{
    public static HierarchyFacts TwoSites { get; } = new(
        [
            new SiteFacts(
                "PS1",
                "cm01.contoso.com",
                "value",
                ["mp01.contoso.com"],
                [new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: false), new DistributionPointFacts("dp03.contoso.com", IsPxe: false, PxePasswordSet: false)]),
            new SiteFacts(
                "PS2",
                "cm02.contoso.com",
                "value",
                ["mp02.contoso.com"],
                [new DistributionPointFacts("dp02.contoso.com", IsPxe: true, PxePasswordSet: true)]),
        ],
        "test",
        null,
        []);

    public static HierarchyFacts OneSite { get; } = new(
        [new SiteFacts("PS1", "cm01.contoso.com", "value", ["mp01.contoso.com"], [new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: false)])],
        "test",
        null,
        []);
}
