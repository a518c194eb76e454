namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>
/// Stands in for <c>System.IO.FileStream</c> as scripts create it (New-Object with a path): a Windows path such as
/// <c>\\dp02\C$\SMS_DP$\sms\logs\SMSPXE.log</c> opens the world's file (<see cref="ScriptWorld.MapWindowsPath"/>).
/// </summary>
public sealed class FakeFileStream(string path, FileMode mode, FileAccess access, FileShare share)
    : FileStream(ScriptWorld.Current?.MapWindowsPath(path) ?? path, mode, access, share);
