namespace RemediationGen.Tests.Fuzz;

/// <summary>The fuzz suites run alone: one measures the process's peak memory, and all are timed per run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzRunsAlone
{
    public const string Name = "Fuzz";
}
