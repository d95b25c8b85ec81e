using System.Runtime.InteropServices;

namespace Virt.Daemon.Hosting;

/// <summary>The few libc calls the daemon needs that .NET does not offer.</summary>
internal static partial class Native
{
    private const string Libc = "libc";

    private const int F_SETLK = 6;
    private const short F_WRLCK = 1;
    private const short SEEK_SET = 0;

    /// <summary>glibc's <c>struct flock</c> on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FLock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl_lock(int fd, int command, ref FLock lockInfo);

    /// <summary>
    /// Takes a POSIX write lock on the whole file without waiting (libvirt's pid-file lock). Unlike
    /// flock, these locks do not interact with the flocks .NET takes to emulate FileShare, so other
    /// .NET programs can still read the file. Returns false when another process holds it.
    /// </summary>
    public static bool TryLockWholeFile(SafeHandle file, out int errno)
    {
        var info = new FLock { Type = F_WRLCK, Whence = SEEK_SET, Start = 0, Length = 0 };
        var ok = fcntl_lock((int)file.DangerousGetHandle(), F_SETLK, ref info) == 0;
        errno = ok ? 0 : Marshal.GetLastPInvokeError();
        return ok;
    }
}
