using System.Collections.Concurrent;
using Virt.Engine.Host;
using Virt.Engine.Qemu.Store;

namespace Virt.Engine.Qemu;

/// <summary>
/// While this engine instance lives, notices at once when a QEMU it started or touched exits
/// (through a pidfd), so state, reasons and on_poweroff actions apply without waiting for the next
/// call. Nothing depends on it: any later call reconciles a dead QEMU too.
/// </summary>
internal sealed class ExitWatcher(Func<DomainStatus, Task> onExit) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(int, ulong), Task> _watches = new();
    private readonly CancellationTokenSource _stop = new();

    public void Watch(DomainStatus status)
    {
        var key = (status.Pid, status.StartTime);
        _watches.GetOrAdd(key, _ => Task.Run(async () =>
        {
            try
            {
                using var watch = ProcessWatch.Open(status.Pid);
                if (watch is not null)
                {
                    while (!await watch.WaitForExitAsync(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false)) { }
                    watch.ReapIfChild();
                }
                // Still listed while reconciling, so DisposeAsync waits for it: an engine that
                // exits halfway through recording a stop would lose the stop's reason.
                await onExit(status).ConfigureAwait(false);
            }
            finally
            {
                _watches.TryRemove(key, out Task? _);
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_watches.Values).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // expected: the watches end with the engine; the VMs keep running
        }
        _stop.Dispose();
    }
}
