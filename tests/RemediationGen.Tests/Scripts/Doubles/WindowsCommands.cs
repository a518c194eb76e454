using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.ServiceProcess;
using Microsoft.Win32;

namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>A non-terminating error a double reports with Write-Error, so -ErrorAction decides as for the real cmdlet.</summary>
public sealed record DoubleError(string Message);

/// <summary>What each double does with its bound parameters; the PowerShell side is in <see cref="DoubleDefinitions"/>.</summary>
internal static class WindowsCommands
{
    public static object? Answer(ScriptWorld world, string command, IReadOnlyDictionary<string, object?> p, bool whatIf)
    {
        var site = world.ConfigMgr;
        if (site.Failing.Contains(command))
        {
            return new DoubleError(command + " failed: the SMS Provider returned an error.");
        }

        switch (command)
        {
            case "Start-Sleep":
                world.Advance(p.TryGetValue("Milliseconds", out var ms) && ms is not null ? TimeSpan.FromMilliseconds(Convert.ToDouble(ms, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(Convert.ToDouble(p["Seconds"], System.Globalization.CultureInfo.InvariantCulture)));
                return null;
            case "Get-Service":
                return GetService(world, p);
            case "Restart-Service":
                RestartService(world, p);
                return null;
            case "Read-Host":
                var answer = world.ReadHostAnswers.Count > 0 ? world.ReadHostAnswers.Dequeue() : throw new InvalidOperationException("Read-Host was called, but the scenario gave no answer.");
                return p.ContainsKey("AsSecureString") && answer is string text ? FakeDistributionPoint.Secret(text) : answer;
            case "Get-Item":
                return CertificateItem(world, Path(p));
            case "Export-PfxCertificate":
                if (p.GetValueOrDefault("Password") is not SecureString)
                {
                    throw new ArgumentException("Export-PfxCertificate -Password takes a SecureString.");
                }

                if (!whatIf)
                {
                    world.WriteFile((string)p["FilePath"]!, "PFX of " + ((X509Certificate2)p["Cert"]!).Thumbprint);
                }

                return null;
            case "Get-Module":
                return site.ModuleLoaded && First(p.GetValueOrDefault("Name")) == "ConfigurationManager" ? FakeConfigMgrSite.Object(("Name", "ConfigurationManager")) : null;
            case "Import-Module":
                site.ModuleLoaded = true;
                return null;
            case "Get-PSDrive":
                return site.SiteDriveExists ? FakeConfigMgrSite.Object(("Name", First(p.GetValueOrDefault("Name"))), ("Provider", "CMSite")) : new DoubleError("Cannot find drive. A drive with the name '" + First(p.GetValueOrDefault("Name")) + "' does not exist.");
            case "New-PSDrive":
                site.SiteDriveExists = true;
                return FakeConfigMgrSite.Object(("Name", p.GetValueOrDefault("Name")));
            case "Push-Location" or "Pop-Location" or "Stop-Transcript" or "Set-CMBaseline" or "Add-CMDeviceCollectionDirectMembershipRule":
                return null;
            case "New-CMBaselineDeployment":
                if (!whatIf)
                {
                    site.Existing.Add("Deployment:" + p["Name"]);
                }

                return null;
            case "Start-Transcript":
                world.TranscriptPath = (string?)(p.GetValueOrDefault("Path") ?? p.GetValueOrDefault("LiteralPath"));
                return null;
            case "Get-CMConfigurationItem":
                return Existing(site, "ConfigurationItem", p);
            case "Get-CMBaseline":
                return Existing(site, "Baseline", p);
            case "Get-CMDeviceCollection":
                return Existing(site, "Collection", p);
            case "New-CMConfigurationItem":
                return Create(site, "ConfigurationItem", p, whatIf);
            case "New-CMBaseline":
                return Create(site, "Baseline", p, whatIf);
            case "New-CMDeviceCollection":
                return Create(site, "Collection", p, whatIf);
            case "Add-CMComplianceSettingScript":
                return p["InputObject"];
            case "New-CMSchedule":
                return FakeConfigMgrSite.Object(("DaySpan", p.GetValueOrDefault("RecurCount")));
            case "Get-CMDevice":
                return site.Devices.TryGetValue((string)p["Name"]!, out var devices)
                    ? devices.Select(d => (object)FakeConfigMgrSite.Object(("Name", d.Name), ("ResourceID", d.ResourceId), ("Domain", d.Domain))).ToArray()
                    : null;
            case "Get-CMResource":
                return Resource(site, Convert.ToInt32(p["ResourceId"], System.Globalization.CultureInfo.InvariantCulture));
            case "Get-CMBaselineDeployment":
                // A deployment the import made (Existing), or one whose compliance the status rows report (BaselineReports).
                var baselineName = (string)p["BaselineName"]!;
                if (!site.Existing.Contains("Deployment:" + baselineName) && !site.BaselineReports.ContainsKey(baselineName))
                {
                    return null;
                }

                return site.DeploymentsPerBaseline == 1
                    ? FakeConfigMgrSite.Object(("AssignmentName", baselineName), ("BaselineName", baselineName), ("AssignmentID", site.NextId()))
                    : Enumerable.Range(0, site.DeploymentsPerBaseline).Select(_ => (object)FakeConfigMgrSite.Object(("AssignmentName", baselineName), ("BaselineName", baselineName), ("AssignmentID", site.NextId()))).ToArray();
            case "Remove-CMBaselineDeployment":
                return Delete(site, "Deployment", p["BaselineName"], whatIf);
            case "Remove-CMBaseline":
                return Delete(site, "Baseline", p["Name"], whatIf);
            case "Remove-CMConfigurationItem":
                return Delete(site, "ConfigurationItem", p["Name"], whatIf);
            case "Remove-CMCollection":
                return Delete(site, "Collection", p["Name"], whatIf);
            case "Get-CMDistributionPoint":
                return site.DistributionPoints.ContainsKey((string)p["SiteSystemServerName"]!) ? FakeConfigMgrSite.Object(("NetworkOSPath", @"\\" + p["SiteSystemServerName"])) : null;
            case "Get-CMDistributionPointInfo":
                return site.DistributionPoints.TryGetValue((string)p["SiteSystemServerName"]!, out var info)
                    ? FakeConfigMgrSite.Object(("IsPXE", info.IsPxe), ("PxePassword", info.PxePassword is null ? string.Empty : "encrypted-blob"))
                    : null;
            case "Set-CMDistributionPoint":
                if (p.GetValueOrDefault("PxePassword") is not SecureString password)
                {
                    throw new ArgumentException("Set-CMDistributionPoint -PxePassword takes a SecureString.");
                }

                var point = site.DistributionPoints[(string)p["SiteSystemServerName"]!];
                if (!whatIf && point.SetPasswordSticks)
                {
                    point.PxePassword = password;
                }

                return null;
            case "Get-CMBaselineDeploymentStatus":
                var deployed = (string)((System.Management.Automation.PSObject)p["InputObject"]!).Properties["BaselineName"].Value;
                var statusType = (string)p["StatusType"]!;
                return site.BaselineReports[deployed].Any(r => r.StatusType == statusType)
                    ? FakeConfigMgrSite.Object(("BLName", deployed), ("StatusType", statusType), ("Assets", site.BaselineReports[deployed].Count(r => r.StatusType == statusType)))
                    : null;
            case "Get-CMDeploymentStatusDetails":
                var status = (System.Management.Automation.PSObject)p["InputObject"]!;
                var (name, type) = ((string)status.Properties["BLName"].Value, (string)status.Properties["StatusType"].Value);
                return site.BaselineReports[name].Where(r => r.StatusType == type)
                    .Select(r => (object)FakeConfigMgrSite.Object(("DeviceName", r.DeviceName), ("LastComplianceMessageTime", r.LastComplianceMessageTime), ("ErrorDescription", r.ErrorDescription)))
                    .ToArray();
            case "Connect-MgGraph":
                world.Graph.Connect(p);
                return null;
            case "Invoke-MgGraphRequest":
                return world.Graph.Request(p);
            case "Get-WmiObject":
                var server = site.DistributionPoints.Values.FirstOrDefault(d => ((string?)p.GetValueOrDefault("Filter") ?? string.Empty).Contains(@"\\\\" + d.ServerName + "'", StringComparison.OrdinalIgnoreCase));
                return server is { HasSiteControlRole: true } ? new FakeSiteControlRole(server, world) : null;
            default:
                return null;
        }
    }

    /// <summary>REG.exe with its argument vector: ADD and DELETE change the fake registry (the 64-bit view with /reg:64).</summary>
    public static (int ExitCode, string? Error) RegExe(ScriptWorld world, IReadOnlyList<string> argv)
    {
        world.Record("REG.exe", new Dictionary<string, object?> { ["argv"] = argv.ToArray() }, whatIf: false);
        if (world.RegExeExitCode != 0)
        {
            return (world.RegExeExitCode, world.RegExeError);
        }

        if (world.RegExeWritesNothing)
        {
            return (0, null);
        }

        var view = argv.Any(a => a.Equals("/reg:64", StringComparison.OrdinalIgnoreCase)) ? RegistryView.Registry64 : RegistryView.Default;
        var key = argv[1].StartsWith(@"HKLM\", StringComparison.OrdinalIgnoreCase) ? argv[1][5..] : throw new ArgumentException("REG.exe double: only HKLM keys, not " + argv[1]);
        var name = ValueAfter(argv, "/v");
        switch (argv[0].ToUpperInvariant())
        {
            case "ADD":
                var type = ValueAfter(argv, "/t") ?? "REG_SZ";
                var data = ValueAfter(argv, "/d") ?? string.Empty;
                if (type == "REG_MULTI_SZ")
                {
                    world.Registry.SetValue(view, key, name ?? string.Empty, data.Split(@"\0"), RegistryValueKind.MultiString);
                }
                else
                {
                    world.Registry.SetValue(view, key, name ?? string.Empty, data, RegistryValueKind.String);
                }

                return (0, null);
            case "DELETE":
                world.Registry.EnsureKey(view, key).Remove(name ?? string.Empty);
                return (0, null);
            default:
                return (1, "ERROR: Invalid syntax.");
        }
    }

    private static string? ValueAfter(IReadOnlyList<string> argv, string option)
    {
        for (var index = 0; index < argv.Count - 1; index++)
        {
            if (argv[index].Equals(option, StringComparison.OrdinalIgnoreCase))
            {
                return argv[index + 1];
            }
        }

        return null;
    }

    private static object? GetService(ScriptWorld world, IReadOnlyDictionary<string, object?> p)
    {
        var computer = First(p.GetValueOrDefault("ComputerName"));
        var name = First(p.GetValueOrDefault("Name")) ?? throw new ArgumentException("The Get-Service double needs -Name.");
        return world.Services.TryGetValue(FakeService.Keyed(computer, name), out var service)
            ? new FakeServiceController(service, world)
            : new DoubleError("Cannot find any service with service name '" + name + "'.");
    }

    private static void RestartService(ScriptWorld world, IReadOnlyDictionary<string, object?> p)
    {
        var name = First(p["Name"])!;
        var service = world.Services.TryGetValue(name, out var found) ? found : throw new InvalidOperationException("Cannot find any service with service name '" + name + "'.");
        var controller = new FakeServiceController(service, world);
        if (service.Status != ServiceControllerStatus.Stopped)
        {
            controller.Stop();
            // Restart-Service waits without a limit: a stop that hangs holds the script until the host kills it.
            controller.WaitForStatus(ServiceControllerStatus.Stopped, TimeSpan.FromDays(1));
        }

        controller.Start();
        controller.WaitForStatus(ServiceControllerStatus.Running, FakeService.TransitionTime);
    }

    private static object? CertificateItem(ScriptWorld world, string? path)
    {
        const string Store = @"Cert:\LocalMachine\My\";
        if (path is null || !path.StartsWith(Store, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The Get-Item double only answers for " + Store + ", not " + path);
        }

        var thumbprint = path[Store.Length..];
        return world.MachineCertificates.FirstOrDefault(c => c.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase))
            ?? (object)new DoubleError("Cannot find path '" + path + "' because it does not exist.");
    }

    private static string? Path(IReadOnlyDictionary<string, object?> p) => First(p.GetValueOrDefault("Path") ?? p.GetValueOrDefault("LiteralPath"));

    private static string? First(object? value) => value switch
    {
        null => null,
        string text => text,
        System.Collections.IEnumerable items => items.Cast<object?>().Select(i => i?.ToString()).FirstOrDefault(),
        _ => value.ToString(),
    };

    private static System.Management.Automation.PSObject? Existing(FakeConfigMgrSite site, string kind, IReadOnlyDictionary<string, object?> p) =>
        site.Existing.Contains(kind + ":" + p["Name"]) ? FakeConfigMgrSite.Object(("LocalizedDisplayName", p["Name"]), ("CI_ID", site.NextId())) : null;

    private static System.Management.Automation.PSObject? Resource(FakeConfigMgrSite site, int resourceId)
    {
        var device = site.Devices.Values.SelectMany(d => d).Where(d => d.ResourceId == resourceId).Select(d => ((string Name, int ResourceId, string Domain)?)d).FirstOrDefault();
        if (device is not { } found)
        {
            return null;
        }

        var names = site.ResourceNames.GetValueOrDefault(resourceId)
            ?? (found.Domain.Contains('.', StringComparison.Ordinal) ? [found.Name + "." + found.Domain] : [found.Name]);
        return FakeConfigMgrSite.Object(("ResourceId", resourceId), ("Name", found.Name), ("ResourceNames", names));
    }

    private static object? Delete(FakeConfigMgrSite site, string kind, object? name, bool whatIf)
    {
        if (!whatIf)
        {
            site.Existing.Remove(kind + ":" + name);
        }

        return null;
    }

    private static System.Management.Automation.PSObject Create(FakeConfigMgrSite site, string kind, IReadOnlyDictionary<string, object?> p, bool whatIf)
    {
        if (!whatIf)
        {
            site.Existing.Add(kind + ":" + p["Name"]);
        }

        return FakeConfigMgrSite.Object(("LocalizedDisplayName", p["Name"]), ("Name", p["Name"]), ("CI_ID", site.NextId()));
    }
}
