using Virt.Engine.Host;

namespace Virt.Engine.Qemu;

/// <summary>
/// The driver's one lock: a semaphore for this process's threads plus an flock on the root's lock
/// file for other processes. Held only around short read-modify-write steps, never across a wait
/// for the guest. <paramref name="afterRelease"/> runs after each release: events are delivered
/// then, once the change they report is visible and no lock is held.
/// </summary>
internal sealed class DriverLock(string lockFile, Action afterRelease) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> AcquireAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var fileLock = await FileLock.AcquireAsync(lockFile, ct).ConfigureAwait(false);
            return new Releaser(this, fileLock);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    private void AfterRelease() => afterRelease();

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(DriverLock owner, FileLock fileLock) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            fileLock.Dispose();
            owner._gate.Release();
            owner.AfterRelease();
        }
    }
}
