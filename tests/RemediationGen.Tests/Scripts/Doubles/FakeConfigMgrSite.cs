using System.Management.Automation;
using System.Security;

namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>The ConfigMgr site the console cmdlets and the SMS Provider (WMI) doubles answer for.</summary>
public sealed class FakeConfigMgrSite
{
    private int _nextId = 16777500;

    public bool ModuleLoaded { get; set; } = true;

    public bool SiteDriveExists { get; set; } = true;

    /// <summary>The site code, the package's: its drive is <c>PS1:\</c> for site PS1.</summary>
    public string SiteCode { get; set; } = "PS1";

    /// <summary>Names of configuration items, baselines and collections that exist, as "Kind:Name" (e.g. "Baseline:x").</summary>
    public HashSet<string> Existing { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Devices by the name Get-CMDevice -Name is given: several when that name is ambiguous.</summary>
    public Dictionary<string, List<(string Name, int ResourceId, string Domain)>> Devices { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Distribution points by server name: PXE-enabled or not, whether a PXE password is set, and its site control role.</summary>
    public Dictionary<string, FakeDistributionPoint> DistributionPoints { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// DNS names of a device record (SMS_R_System.ResourceNames), by ResourceID, for Get-CMResource. A record not listed
    /// has its name + "." + its domain when the domain is a DNS name, else its name alone.
    /// </summary>
    public Dictionary<int, string[]> ResourceNames { get; } = [];

    /// <summary>ConfigMgr cmdlets that fail when called (a provider error half-way through an import).</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Baselines that are deployed, by name, with what ConfigMgr reports per device (issue 14 status script).</summary>
    public Dictionary<string, List<FakeComplianceReport>> BaselineReports { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many deployments Get-CMBaselineDeployment returns for a deployed baseline (each reports the same devices).</summary>
    public int DeploymentsPerBaseline { get; set; } = 1;

    public int NextId() => _nextId++;

    internal static PSObject Object(params (string Name, object? Value)[] properties)
    {
        var result = new PSObject();
        foreach (var (name, value) in properties)
        {
            result.Properties.Add(new PSNoteProperty(name, value));
        }

        return result;
    }
}

public sealed class FakeDistributionPoint(string serverName, bool isPxe, bool pxePasswordSet)
{
    public string ServerName { get; } = serverName;

    public bool IsPxe { get; set; } = isPxe;

    /// <summary>The password the site holds (never written anywhere by the doubles).</summary>
    public SecureString? PxePassword { get; set; } = pxePasswordSet ? Secret("old-pxe-password") : null;

    /// <summary>False: the SMS Provider has no SMS_SCI_SysResUse for this DP.</summary>
    public bool HasSiteControlRole { get; set; } = true;

    public bool RoleHasPxePasswordProperty { get; set; } = true;

    /// <summary>What Set-CMDistributionPoint -PxePassword does: false when the site does not record it.</summary>
    public bool SetPasswordSticks { get; set; } = true;

    public static SecureString Secret(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }
}

/// <summary>An embedded property of SMS_SCI_SysResUse, as Get-WmiObject returns it.</summary>
public sealed class FakeEmbeddedProperty(string propertyName, string value1)
{
    public string PropertyName { get; set; } = propertyName;

    public string Value1 { get; set; } = value1;
}

/// <summary>The DP's site control role (SMS_SCI_SysResUse); Put() writes its Props back to the fake site.</summary>
public sealed class FakeSiteControlRole(FakeDistributionPoint distributionPoint, ScriptWorld world)
{
    public object[] Props { get; set; } = distributionPoint.RoleHasPxePasswordProperty
        ? [new FakeEmbeddedProperty("PXEPassword", "encrypted"), new FakeEmbeddedProperty("IsPXE", "1")]
        : [new FakeEmbeddedProperty("IsPXE", "1")];

    public object Put()
    {
        world.ThrowIfKilled();
        var cleared = Props.OfType<FakeEmbeddedProperty>().Any(p => p.PropertyName == "PXEPassword" && p.Value1.Length == 0);
        world.Record("SMS_SCI_SysResUse.Put", new Dictionary<string, object?> { ["DistributionPoint"] = distributionPoint.ServerName, ["PXEPasswordCleared"] = cleared }, whatIf: false);
        if (cleared)
        {
            distributionPoint.PxePassword = null;
        }

        return new object();
    }
}

/// <summary>One device's state in a baseline deployment: StatusType Compliant, NonCompliant, Error or Unknown.</summary>
public sealed record FakeComplianceReport(string DeviceName, string StatusType, string LastComplianceMessageTime, string ErrorDescription = "");
