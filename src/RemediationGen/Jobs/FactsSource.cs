namespace RemediationGen.Jobs;

/// <summary>Where facts come from: exactly one of the built-in demo, a facts file, or a site database.</summary>
internal abstract record FactsSource
{
    private FactsSource()
    {
    }

    public sealed record Demo : FactsSource;

    public sealed record File(string Path) : FactsSource;

    /// <param name="ConnectionString">As the user gave it, or <c>env:NAME</c> to read it from an environment variable.</param>
    /// <param name="IssuingCertificateListComponents">Site code -> component name, when a site holds several distinct values.</param>
    public sealed record Sql(
        string ConnectionString,
        int CommandTimeoutSeconds,
        IReadOnlyDictionary<string, string> IssuingCertificateListComponents) : FactsSource
    {
        /// <summary>Never the connection string: it may hold a password, and records print every member by default.</summary>
        public override string ToString() => "FactsSource.Sql (connection string not shown)";
    }
}
