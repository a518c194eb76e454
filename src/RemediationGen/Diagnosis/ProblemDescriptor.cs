namespace RemediationGen.Diagnosis;

/// <summary>
/// The one place a problem is named: what diagnosis reports about it and what every other name is derived from (its
/// template folder, pair name and doc page). Each problem declares one, in its folder under <c>Problems/</c>.
/// </summary>
/// <param name="Id">The problem's one name, e.g. <c>IssuingCertificateList</c>: rule and fix id, pair name, doc page name.</param>
/// <param name="KnowledgeBase">The Microsoft article that documents the problem, e.g. <c>KB 4469580</c>; null when there is none.</param>
/// <param name="FixDescription">What <c>generate</c> emits for this problem, in one line: every finding of the problem carries it.</param>
/// <param name="Order">Where the problem stands among all problems: its pair comes in this order in each package (1, 2, 3 today; a new problem takes the next number).</param>
internal sealed record ProblemDescriptor(
    string Id,
    string Title,
    string? KnowledgeBase,
    Severity Severity,
    string Description,
    string FixDescription,
    int Order)
{
    /// <summary>The folder under <c>templates/</c>: the id in kebab case, e.g. <c>issuing-certificate-list</c>.</summary>
    public string TemplateFolder { get; } = KebabCase(Id);

    /// <summary>File and object name of the problem's detection/remediation pair.</summary>
    public string PairName => Id;

    /// <summary>The problem's page, relative to the repository root.</summary>
    public string DocPage => $"docs/rules/{Id}.md";

    /// <summary>
    /// An id in kebab case (<c>IssuingCertificateList</c> to <c>issuing-certificate-list</c>): the template folder's
    /// name, which the fixtures folder under <c>tests/fixtures/logs/</c> shares.
    /// </summary>
    public static string KebabCase(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var kebab = new System.Text.StringBuilder(id.Length + 8);
        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsUpper(id[i]) && i > 0)
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(id[i]));
        }

        return kebab.ToString();
    }
}
