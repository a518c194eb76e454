using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RemediationGen.Facts;

/// <summary>
/// Reads a facts file only when it is a regular file, and at most <see cref="FactsFile.MaxBytes"/> of it. On Unix the file
/// is opened non-blocking: opening a FIFO for reading otherwise waits for a writer forever. A pipe or socket cannot seek,
/// which is how it is told apart; a device that can (<c>/dev/zero</c>) stops at the size cap.
/// </summary>
internal static partial class FactsFileOpener
{
    private const int LinuxReadOnlyNonBlocking = 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC
    private const int MacReadOnlyNonBlocking = 0x4 | 0x1000000;

    public static byte[] ReadAllBytes(string path)
    {
        if (Directory.Exists(path))
        {
            throw Invalid($"Facts file '{path}' is a folder; give a facts file.");
        }

        using var stream = Open(path);
        if (!stream.CanSeek)
        {
            throw Invalid($"Facts file '{path}' is not a regular file (a pipe, device or socket); give a facts file.");
        }

        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (content.Length + read > FactsFile.MaxBytes)
            {
                throw Invalid($"Facts file '{path}' is larger than {FactsFile.MaxBytes / (1024 * 1024)} MiB, far more than a hierarchy's facts; is it the right file?");
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    private static FileStream Open(string path)
    {
        var flags = OperatingSystem.IsLinux() ? LinuxReadOnlyNonBlocking : OperatingSystem.IsMacOS() ? MacReadOnlyNonBlocking : 0;
        if (flags == 0)
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        }

        // The path as NUL-terminated UTF-8, which is what open(2) takes.
        // open(2) returns a C int: declared as a native int, its -1 arrived as 0xFFFFFFFF, a "valid" bad handle.
        var descriptor = OpenNative([.. System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(path)), 0], flags);
        if (descriptor < 0)
        {
            // The ordinary open reports the reason (missing, denied) in .NET's own words; a FIFO never gets here.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        }

        return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize: 1);
    }

    private static RemediationGenException Invalid(string message) => new(ErrorKind.InvalidInput, message);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int OpenNative(byte[] path, int flags);
}
