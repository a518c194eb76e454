namespace RemediationGen.Tests.Support;

/// <summary>A fact about Unix file types (FIFOs, devices, links as root): skipped, with this reason, elsewhere.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs Unix (FIFOs, /dev/zero, mkfifo)";
        }
    }
}
