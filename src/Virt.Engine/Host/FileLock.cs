using System.Runtime.InteropServices;
using Virt.Api.Errors;

namespace Virt.Engine.Host;

/// <summary>
/// An exclusive advisory lock (flock) on a file, held across processes: two CLI runs on the same
/// root take turns instead of interleaving their writes. The kernel drops it if the holder dies.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, CancellationToken ct)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var fd = (int)stream.SafeFileHandle.DangerousGetHandle();
            // Non-blocking attempts with a short back-off keep the wait cancellable.
            var delay = 1;
            while (NativeMethods.flock(fd, NativeMethods.LOCK_EX | 4 /* LOCK_NB */) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != 11 /* EWOULDBLOCK */ && errno != NativeMethods.EINTR)
                    throw VirtErrors.SystemError($"Unable to lock '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 20);
            }
            return new FileLock(stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        // Closing the descriptor releases the flock.
        _stream.Dispose();
    }

    
}
