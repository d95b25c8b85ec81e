using System.Runtime.InteropServices;

namespace Virt.Engine.Host;

/// <summary>
/// The few libc calls the engine needs that .NET does not expose: spawning QEMU detached in its
/// own session with its output in a log file, and watching a process we may not be the parent of.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Libc = "libc";

    public const int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0x40, O_APPEND = 0x400, O_CLOEXEC = 0x80000;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;
    public const int WNOHANG = 1;
    public const int EINTR = 4, ECHILD = 10, ESRCH = 3;
    public const short POLLIN = 0x001;
    private const long SYS_pidfd_open = 434;

    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on x86_64/arm64;
    // callers allocate this much so a different libc layout can never overrun the buffer.
    public const int SpawnStructSize = 1024;

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int posix_spawn_file_actions_addopen(void* actions, int fd, string path, int oflag, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int sigemptyset(void* set);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int sigfillset(void* set);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int posix_spawn(out int pid, string path, void* fileActions, void* attr, nint* argv, nint* envp);

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall2(long number, long arg1, long arg2);

    public static int PidfdOpen(int pid) => (int)syscall2(SYS_pidfd_open, pid, 0);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeout);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int waitpid(int pid, out int status, int options);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int flock(int fd, int operation);

    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    public const int O_RDWR = 2, EWOULDBLOCK = 11;

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int tcsetattr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Libc)]
    public static partial void cfmakeraw(byte* termios);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
