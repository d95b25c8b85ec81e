using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Virt.Cli.Shell;

/// <summary>
/// The controlling terminal through libc: whether a descriptor is a tty, raw mode and back (virsh's
/// <c>vshTTYMakeRaw</c>/<c>vshTTYRestore</c>), and reads that can be abandoned, so a console session
/// never leaves a reader behind that would eat the shell's next keystroke.
/// </summary>
public static partial class Terminal
{
    public const int StdinFd = 0;
    public const int StdoutFd = 1;
    public const int StderrFd = 2;

    /// <summary>Large enough for <c>struct termios</c> on every Linux ABI (60 bytes on x86_64).</summary>
    private const int TermiosSize = 256;

    private const int TcsaNow = 0;
    private const short PollIn = 0x001;

    public static bool IsTty(int fd)
    {
        try
        {
            return isatty(fd) == 1;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Which standard streams are terminals, through the runtime's own check: loading libc by name
    /// for isatty costs a noticeable part of a short run's start-up.
    /// </summary>
    public static TerminalInfo Detect() => new(!Console.IsInputRedirected, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>Puts <paramref name="fd"/> in raw mode; dispose the result to restore the saved settings.</summary>
    public static IDisposable MakeRaw(int fd)
    {
        var saved = new byte[TermiosSize];
        if (tcgetattr(fd, saved) != 0) throw new Win32Exception(Marshal.GetLastPInvokeError());
        var raw = (byte[])saved.Clone();
        cfmakeraw(raw);
        if (tcsetattr(fd, TcsaNow, raw) != 0) throw new Win32Exception(Marshal.GetLastPInvokeError());
        return new Restorer(fd, saved);
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for input on <paramref name="fd"/>.</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var fds = new PollFd { Fd = fd, Events = PollIn };
        var n = poll(ref fds, 1, timeoutMs);
        return n > 0;
    }

    /// <summary>One read(2); 0 at end of file.</summary>
    public static int Read(int fd, byte[] buffer)
    {
        while (true)
        {
            var n = read(fd, buffer, buffer.Length);
            if (n >= 0) return (int)n;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != 4) throw new Win32Exception(errno); // EINTR: try again
        }
    }

    /// <summary>Writes all of <paramref name="buffer"/> with write(2), past any terminal buffering of .NET's Console.</summary>
    public static void Write(int fd, ReadOnlySpan<byte> buffer)
    {
        var array = buffer.ToArray();
        var done = 0;
        while (done < array.Length)
        {
            var n = write(fd, array[done..], array.Length - done);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == 4) continue;
                throw new Win32Exception(errno);
            }
            done += (int)n;
        }
    }

    /// <summary>The terminal's width in columns (TIOCGWINSZ), or <paramref name="fallback"/>.</summary>
    public static int Columns(int fd, int fallback = 80)
    {
        var ws = new WinSize();
        return ioctl(fd, TiocGwinsz, ref ws) == 0 && ws.Cols > 0 ? ws.Cols : fallback;
    }

    private const nuint TiocGwinsz = 0x5413;

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows;
        public ushort Cols;
        public ushort XPixel;
        public ushort YPixel;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, ref WinSize ws);

    private sealed class Restorer(int fd, byte[] saved) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) _ = tcsetattr(fd, TcsaNow, saved);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int isatty(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcgetattr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, byte[] termios);

    [LibraryImport("libc")]
    private static partial void cfmakeraw([In, Out] byte[] termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int poll(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, byte[] buffer, nint count);
}
