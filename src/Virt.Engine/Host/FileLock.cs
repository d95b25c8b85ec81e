using System.Runtime.InteropServices;
using Virt.Api.Errors;

namespace Virt.Engine.Host;

/// <summary>
/// An exclusive advisory lock (flock) on a file, held across processes: two CLI runs on the same
/// root take turns instead of interleaving their writes. The kernel drops it if the holder dies.
/// The descriptor is opened with libc directly: .NET's FileStream takes flocks of its own to
/// emulate FileShare, which would collide with ours.
/// </summary>
public sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    public static async Task<FileLock> AcquireAsync(string path, CancellationToken ct)
    {
        var fd = NativeMethods.open(path, NativeMethods.O_RDWR | NativeMethods.O_CREAT | NativeMethods.O_CLOEXEC, 0x180);
        if (fd < 0)
            throw VirtErrors.SystemError($"Unable to open lock file '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        try
        {
            // Non-blocking attempts with a short back-off keep the wait cancellable.
            var delay = 1;
            while (NativeMethods.flock(fd, NativeMethods.LOCK_EX | NativeMethods.LOCK_NB) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != NativeMethods.EWOULDBLOCK && errno != NativeMethods.EINTR)
                    throw VirtErrors.SystemError($"Unable to lock '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 20);
            }
            return new FileLock(fd);
        }
        catch
        {
            NativeMethods.close(fd);
            throw;
        }
    }

    /// <summary>Closing the descriptor releases the flock.</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) NativeMethods.close(fd);
    }
}
