using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RemediationGen;

/// <summary>
/// Opens a log or a facts file only if it is a regular file. A FIFO named <c>*.log</c> would block the open until some
/// writer came, and a link to <c>/dev/zero</c> would read forever. On Linux the file is opened without blocking and its
/// type is read from the open descriptor (so it cannot change in between); on macOS it is opened without blocking and a
/// stream that cannot seek (a pipe or socket) is refused; elsewhere there are no FIFOs and the ordinary open is used.
/// </summary>
internal static class RegularFile
{
    // Linux flags, the same on x64 and arm64.
    private const int ReadOnlyNonBlocking = 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC
    private const int MacReadOnlyNonBlocking = 0x4 | 0x1000000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC on macOS
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH: statx on the descriptor itself
    private const uint TypeMask = 0x1; // STATX_TYPE
    private const int StatxSize = 256;
    private const int ModeOffset = 28; // stx_mode, a u16 at the same offset on every architecture
    private const int FileTypeBits = 0xF000;
    private const int Regular = 0x8000;

    /// <summary>Opens <paramref name="path"/> for sequential reading with shared access; throws <see cref="NotRegularFileException"/> for anything else.</summary>
    public static Stream OpenShared(string path, int bufferSize)
    {
        if (OperatingSystem.IsLinux() && TryOpenChecked(path, bufferSize) is { } stream)
        {
            return stream;
        }

        if (OperatingSystem.IsMacOS() && TryOpenSeekable(path, bufferSize) is { } seekable)
        {
            return seekable;
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, FileOptions.SequentialScan);
    }

    /// <summary>The stream of a regular file; null when the native calls are missing or fail (the ordinary open then reports why).</summary>
    private static FileStream? TryOpenChecked(string path, int bufferSize)
    {
        int descriptor;
        try
        {
            descriptor = NativeMethods.Open(NullTerminated(path), ReadOnlyNonBlocking);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        if (descriptor < 0)
        {
            return null;
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            var status = new byte[StatxSize];
            if (NativeMethods.Statx(descriptor, [0], EmptyPath, TypeMask, status) != 0)
            {
                handle.Dispose();
                return null;
            }

            var type = BitConverter.ToUInt16(status, ModeOffset) & FileTypeBits;
            if (type != Regular)
            {
                throw new NotRegularFileException(Describe(type));
            }

            return new FileStream(handle, FileAccess.Read, bufferSize);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The stream of a file that can seek; null when the open fails (the ordinary open then reports why).</summary>
    private static FileStream? TryOpenSeekable(string path, int bufferSize)
    {
        var descriptor = NativeMethods.OpenMac(NullTerminated(path), MacReadOnlyNonBlocking);
        if (descriptor < 0)
        {
            return null;
        }

        var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize);
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new NotRegularFileException("a pipe or socket");
        }

        return stream;
    }

    // Paths go to libc as NUL-terminated UTF-8 bytes, as .NET passes them itself.
    private static byte[] NullTerminated(string path) => [.. System.Text.Encoding.UTF8.GetBytes(path), 0];

    private static string Describe(int type) => type switch
    {
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0x4000 => "a folder",
        0xC000 => "a socket",
        _ => "not a file",
    };

    private static class NativeMethods
    {
        [DllImport("libc.so.6", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] path, int flags);

        // open(2) returns a C int: declared as a native int, its -1 would arrive as 0xFFFFFFFF, a "valid" bad handle.
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int OpenMac(byte[] path, int flags);

        [DllImport("libc.so.6", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] status);
    }
}

/// <summary>A path that is a FIFO, a device or a socket: it is reported (a log is skipped), never read.</summary>
internal sealed class NotRegularFileException : IOException
{
    public NotRegularFileException()
    {
    }

    public NotRegularFileException(string message)
        : base(message)
    {
    }

    public NotRegularFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
