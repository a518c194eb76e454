using RemediationGen.Fixes;
using RemediationGen.Problems.AmtProvisioningCertificate;

namespace RemediationGen.Tests.Problems.AmtProvisioningCertificate;

/// <summary>AMT options as the command line gives them, for tests that state them as an <see cref="AmtOptions"/>.</summary>
internal static class AmtOptionValues
{
    public static FixOptionValues Of(AmtOptions amt)
    {
        var values = FixOptionValues.None
            .With(AmtOptions.ThresholdDaysOption.Name, amt.ThresholdDays)
            .With(AmtOptions.TrustedRootOption.Name, amt.TrustedRootHashes);
        foreach (var (option, value) in new[]
        {
            (AmtOptions.OrganizationOption, amt.Organization),
            (AmtOptions.LocalityOption, amt.Locality),
            (AmtOptions.StateOption, amt.State),
            (AmtOptions.CountryOption, amt.Country),
        })
        {
            values = value is null ? values : values.With(option.Name, value);
        }

        return values;
    }
}
