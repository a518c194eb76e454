using RemediationGen.Demo;
using RemediationGen.Facts;

namespace RemediationGen.Jobs;

internal static class FactsLoader
{
    public static HierarchyFacts Load(FactsSource source, TimeProvider timeProvider, CancellationToken cancellationToken) => source switch
    {
        FactsSource.Demo => DemoHierarchy.Facts(),
        FactsSource.File file => FactsFile.Read(file.Path),
        FactsSource.Sql sql => SqlSiteFactsSource.Collect(
            SqlConnectionSettings.Parse(sql.ConnectionString),
            new SiteFactsReadOptions(sql.CommandTimeoutSeconds, sql.IssuingCertificateListComponents),
            timeProvider,
            cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
