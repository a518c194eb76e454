namespace RemediationGen.Diagnosis;

/// <summary>A finding's evidence while a scan runs: every record is counted, the first <see cref="Finding.MaxEvidence"/> are kept.</summary>
internal sealed class EvidenceList
{
    private readonly List<Evidence> _kept = [];

    public int Occurrences { get; private set; }

    public void Add(Evidence evidence)
    {
        Occurrences++;
        if (_kept.Count < Finding.MaxEvidence)
        {
            _kept.Add(evidence);
        }
    }

    /// <summary>A copy of the kept records, for a finding.</summary>
    public IReadOnlyList<Evidence> Kept() => [.. _kept];
}
