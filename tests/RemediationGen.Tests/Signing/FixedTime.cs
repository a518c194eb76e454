namespace RemediationGen.Tests.Signing;

/// <summary>A clock stopped at <paramref name="now"/>: checks "valid now" at a chosen time.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
