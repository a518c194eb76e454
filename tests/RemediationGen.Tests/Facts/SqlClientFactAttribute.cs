namespace RemediationGen.Tests.Facts;

/// <summary>
/// A test that opens real SqlClient connections. Microsoft.Data.SqlClient 2.1 throws "Globalization Invariant Mode is
/// not supported" from every Open(), so under InvariantGlobalization=true these tests are reported as skipped with
/// the reason instead of testing nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqlClientFactAttribute : FactAttribute
{
    public SqlClientFactAttribute()
    {
        if (IsInvariantGlobalization)
        {
            Skip = "Microsoft.Data.SqlClient 2.1 cannot open connections in globalization-invariant mode; run with -p:InvariantGlobalization=false.";
        }
    }

    public static bool IsInvariantGlobalization =>
        AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant;
}
