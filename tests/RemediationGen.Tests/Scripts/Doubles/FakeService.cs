using System.ServiceProcess;

namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>A Windows service of the fake machine (or of a remote DP when <see cref="ComputerName"/> is set).</summary>
public sealed class FakeService(string name, ServiceControllerStatus status, ServiceStartMode startType = ServiceStartMode.Automatic)
{
    /// <summary>How long a stop or a start takes when it does not hang.</summary>
    public static readonly TimeSpan TransitionTime = TimeSpan.FromSeconds(2);

    public string Name { get; } = name;

    public string ComputerName { get; init; } = string.Empty;

    public ServiceControllerStatus Status { get; set; } = status;

    public ServiceStartMode StartType { get; set; } = startType;

    /// <summary>A stop that never completes: the service stays StopPending.</summary>
    public bool StopHangs { get; init; }

    public bool StartFails { get; init; }

    /// <summary>How long a stop takes (when it does not hang); the service is StopPending until then.</summary>
    public TimeSpan StopTime { get; init; } = TransitionTime;

    /// <summary>When a stop in progress completes.</summary>
    internal DateTime? StoppedAt { get; set; }

    /// <summary>A stop the service refuses (access denied, a dependent service): it keeps running.</summary>
    public bool StopFails { get; init; }

    public static FakeService Running(string name) => new(name, ServiceControllerStatus.Running);

    public static FakeService Stopped(string name) => new(name, ServiceControllerStatus.Stopped, ServiceStartMode.Manual);

    public static FakeService Disabled(string name) => new(name, ServiceControllerStatus.Stopped, ServiceStartMode.Disabled);

    public static FakeService Hanging(string name) => new(name, ServiceControllerStatus.Running) { StopHangs = true };

    public string Key => Keyed(ComputerName, Name);

    public static string Keyed(string? computerName, string name) => string.IsNullOrEmpty(computerName) ? name : computerName + @"\" + name;

    internal string Where => ComputerName.Length == 0 ? Name : Name + " on " + ComputerName;
}

/// <summary>What Get-Service returns here: the members of ServiceController that the scripts use.</summary>
public sealed class FakeServiceController(FakeService service, ScriptWorld world)
{
    public string Name => service.Name;

    public string ServiceName => service.Name;

    public string MachineName => service.ComputerName.Length == 0 ? "." : service.ComputerName;

    public ServiceControllerStatus Status { get; private set; } = service.Status;

    public ServiceStartMode StartType => service.StartType;

    public void Refresh()
    {
        Settle(service, world);
        Status = service.Status;
    }

    public void Stop()
    {
        world.ThrowIfKilled();
        Settle(service, world);
        world.ServiceEvents.Add("Stop " + service.Where);
        if (service.Status == ServiceControllerStatus.Stopped || service.StopFails)
        {
            throw new InvalidOperationException("Cannot stop " + service.Name + " service on computer '" + MachineName + "'.");
        }

        service.Status = ServiceControllerStatus.StopPending;
        service.StoppedAt = service.StopHangs ? null : world.Now + service.StopTime;
        Refresh();
    }

    public void Start()
    {
        world.ThrowIfKilled();
        Settle(service, world);
        world.ServiceEvents.Add("Start " + service.Where);
        if (service.StartFails || service.StartType == ServiceStartMode.Disabled || service.Status != ServiceControllerStatus.Stopped)
        {
            throw new InvalidOperationException("Cannot start service " + service.Name + " on computer '" + MachineName + "'.");
        }

        service.Status = ServiceControllerStatus.StartPending;
        Refresh();
    }

    public void WaitForStatus(ServiceControllerStatus desiredStatus) => WaitForStatus(desiredStatus, TimeSpan.FromDays(1));

    public void WaitForStatus(ServiceControllerStatus desiredStatus, TimeSpan timeout)
    {
        var wait = TimeToReach(desiredStatus);
        if (wait is { } needed && needed <= timeout)
        {
            world.Advance(needed);
            service.Status = desiredStatus;
            Refresh();
            return;
        }

        world.Advance(timeout);
        Settle(service, world);
        Refresh();
        throw new ServiceTimeoutException();
    }

    /// <summary>Completes a stop whose time has come (a wait that timed out still lets the service finish stopping).</summary>
    internal static void Settle(FakeService service, ScriptWorld world)
    {
        if (service.Status == ServiceControllerStatus.StopPending && service.StoppedAt is { } at && world.Now >= at)
        {
            service.Status = ServiceControllerStatus.Stopped;
        }
    }

    private TimeSpan? TimeToReach(ServiceControllerStatus desired)
    {
        if (service.Status == desired)
        {
            return TimeSpan.Zero;
        }

        if (service.Status == ServiceControllerStatus.StopPending && desired == ServiceControllerStatus.Stopped && service.StoppedAt is { } at)
        {
            return at > world.Now ? at - world.Now : TimeSpan.Zero;
        }

        return service.Status == ServiceControllerStatus.StartPending && desired == ServiceControllerStatus.Running ? FakeService.TransitionTime : null;
    }
}

/// <summary>
/// What ServiceController.WaitForStatus throws at its timeout, with the same message (the real
/// System.ServiceProcess.TimeoutException cannot be created off Windows).
/// </summary>
public sealed class ServiceTimeoutException() : System.TimeoutException("Time out has expired and the operation has not been completed.");
