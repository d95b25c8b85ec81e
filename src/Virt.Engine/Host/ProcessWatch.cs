using System.Runtime.InteropServices;
using Virt.Api.Errors;
using static Virt.Engine.Host.NativeMethods;

namespace Virt.Engine.Host;

/// <summary>
/// Watches one process through a pidfd, which becomes readable the moment the process exits —
/// zombie or not, child or not. This is why destroy here does not wait for PID 1 to reap QEMU
/// (1.2–2 s on these machines), and why a recycled PID can never be mistaken for our QEMU.
/// </summary>
public sealed class ProcessWatch : IDisposable
{
    private int _pidfd;

    private ProcessWatch(int pid, int pidfd)
    {
        Pid = pid;
        _pidfd = pidfd;
    }

    public int Pid { get; }

    /// <summary>Opens a watch, or returns null when the process is already gone.</summary>
    public static ProcessWatch? Open(int pid)
    {
        var fd = PidfdOpen(pid);
        if (fd >= 0) return new ProcessWatch(pid, fd);
        var errno = Marshal.GetLastPInvokeError();
        if (errno == ESRCH) return null;
        throw VirtErrors.SystemError($"Unable to watch process {pid}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    public bool HasExited => WaitCore(0);

    /// <summary>Waits for the exit without blocking a thread-pool thread for long: polls in short slices.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var slice = (int)Math.Clamp(deadline - Environment.TickCount64, 0, 50);
            var exited = await Task.Run(() => WaitCore(slice), ct).ConfigureAwait(false);
            if (exited) return true;
            if (Environment.TickCount64 >= deadline) return false;
        }
    }

    /// <summary>Reaps the process if it is our child; harmless (ECHILD) when it is not.</summary>
    public void ReapIfChild() => waitpid(Pid, out _, WNOHANG);

    private unsafe bool WaitCore(int timeoutMs)
    {
        var pfd = new PollFd { Fd = _pidfd, Events = POLLIN };
        while (true)
        {
            var n = poll(&pfd, 1, timeoutMs);
            if (n >= 0) return n > 0;
            if (Marshal.GetLastPInvokeError() != EINTR) return false;
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _pidfd, -1);
        if (fd >= 0) close(fd);
    }
}
