using RemediationGen.Diagnosis;
using RemediationGen.Logs;

namespace RemediationGen.Tests.Problems.ExampleCertificate;

/// <summary>One signature: every record that holds it is a finding for the server whose log it is.</summary>
internal sealed class ExampleCertificateRule : IDiagnosticRule
{
    public const string Expired = "Example certificate has expired";

    public ProblemDescriptor Problem => ExampleCertificateProblem.Descriptor;

    public IReadOnlyList<string> Signatures => [Expired];

    public IRuleScan BeginScan(DiagnosisContext context) => new Scan(context);

    private sealed class Scan(DiagnosisContext context) : IRuleScan
    {
        private readonly Dictionary<string, List<LogEntry>> _byServer = new(StringComparer.Ordinal);

        public void Observe(LogEntry entry)
        {
            if (entry.Message.Contains(Expired, StringComparison.OrdinalIgnoreCase) && entry.File.Server is { } server)
            {
                (_byServer.TryGetValue(server, out var entries) ? entries : _byServer[server] = []).Add(entry);
            }
        }

        public RuleScanResult Complete() => new(
            [.. _byServer.Select(pair => new Finding(
                ExampleCertificateProblem.Id,
                ExampleCertificateProblem.Descriptor.Severity,
                context.SiteOf(pair.Key),
                context.ServerOf(pair.Key),
                context.Servers.Match(pair.Key) is not null,
                "the example certificate has expired",
                [.. pair.Value.Take(Finding.MaxEvidence).Select(Evidence.From)],
                pair.Value.Count))],
            []);
    }
}
