namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>Stands in for <c>System.IO.DriveInfo</c>: the fixed drives of the fake machine, each a real folder.</summary>
#pragma warning disable CA1822 // Instance members, as on the DriveInfo a script reads them from.
public sealed class FakeDriveInfo(char letter, DirectoryInfo root)
{
    public string Name => letter + @":\";

    public DriveType DriveType => DriveType.Fixed;

    public bool IsReady => true;

    public DirectoryInfo RootDirectory { get; } = root;

    public static FakeDriveInfo[] GetDrives()
    {
        var world = ScriptWorld.Running;
        return [.. world.FixedDrives.Select(letter => new FakeDriveInfo(letter, Directory.CreateDirectory(world.DrivePath(letter))))];
    }
}
