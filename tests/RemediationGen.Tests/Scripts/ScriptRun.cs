namespace RemediationGen.Tests.Scripts;

/// <summary>What one run of a shipped script did, as its host would see it.</summary>
public sealed record ScriptRun(
    string Script,
    int? ExitCode,
    IReadOnlyList<string> Output,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> HostLines,
    IReadOnlyList<string> Warnings,
    string? Thrown,
    bool Killed,
    ScriptWorld World)
{
    public bool Threw => Thrown is not null;

    /// <summary>Output lines (an output object that holds line breaks counts as several lines).</summary>
    public IReadOnlyList<string> OutputLines => [.. Output.SelectMany(o => o.Split('\n')).Select(l => l.TrimEnd('\r'))];

    /// <summary>Everything the run printed on any stream, as a transcript would hold it.</summary>
    public string AllText => string.Join("\n", Output.Concat(HostLines).Concat(Warnings).Concat(Errors).Append(Thrown ?? string.Empty));

    public override string ToString() =>
        Script + ": exit " + (ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none") + (Threw ? ", threw '" + Thrown + "'" : string.Empty) + (Killed ? ", killed" : string.Empty) +
        "\n  output: " + string.Join(" | ", Output) + "\n  host: " + string.Join(" | ", HostLines) + "\n  errors: " + string.Join(" | ", Errors) +
        "\n  calls: " + string.Join("; ", World.Calls) + "\n  services: " + string.Join("; ", World.ServiceEvents);
}
