using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Virt.Daemon.Server;

/// <summary>
/// A fixed number of workers running queued calls, one at a time each (libvirtd's worker pool). virtd
/// has two: a large one for normal calls and a small one for high-priority calls (the procedure
/// table's <c>DispatchPriority.High</c>), so calls stuck on a domain can fill the first without
/// holding up lookups, lists or destroy in the second.
/// </summary>
internal sealed class DispatchPool : IAsyncDisposable
{
    private readonly Channel<Func<Task>> _queue = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _workers;
    private readonly ILogger _logger;

    public DispatchPool(int workers, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _logger = logger;
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++) _workers[i] = Task.Run(WorkAsync);
    }

    public int Workers => _workers.Length;

    /// <summary>Queues a call; false once the pool is shutting down.</summary>
    public bool Post(Func<Task> work) => _queue.Writer.TryWrite(work);

    private async Task WorkAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Calls report their own errors; anything reaching here is a daemon bug, not a reason to lose a worker.
                Log.WorkerCrashed(_logger, ex);
            }
        }
    }

    /// <summary>Stops taking work and waits (up to <paramref name="grace"/>) for queued calls to finish.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(_workers), Task.Delay(grace)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
}
