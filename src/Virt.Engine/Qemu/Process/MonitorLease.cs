using System.Collections.Concurrent;
using Virt.Api.Errors;
using Virt.Engine.Qemu.Monitor;

namespace Virt.Engine.Qemu.Process;

/// <summary>
/// A monitor connection held for the length of one operation. QEMU serves one QMP client at a
/// time and the VM outlives any one engine instance, so each operation connects, works and lets
/// go; events that arrive meanwhile are queued for the operation to look at.
/// </summary>
public sealed class MonitorLease : IAsyncDisposable, IMonitorEvents
{
    private readonly ConcurrentQueue<QmpEvent> _events = new();
    private readonly SemaphoreSlim _eventSignal = new(0);
    private QmpConnection? _connection;

    private MonitorLease() { }

    public QmpClient Client { get; private set; } = null!;

    public static async Task<MonitorLease> AcquireAsync(string socketPath, Func<bool> processAlive, TimeSpan timeout,
        CancellationToken ct)
    {
        var lease = new MonitorLease();
        try
        {
            lease._connection = await QmpClient.ConnectWithRetryAsync(socketPath, lease, processAlive, timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw VirtErrors.OperationTimeout($"cannot connect to the QEMU monitor at '{socketPath}' (another client may hold it)");
        }
        catch (QmpException ex)
        {
            throw VirtErrors.OperationFailed($"cannot connect to the QEMU monitor: {ex.Message}");
        }
        lease.Client = new QmpClient(lease._connection);
        return lease;
    }

    /// <summary>Waits for an event by name; false on timeout or when the monitor closes first.</summary>
    public async Task<bool> WaitForEventAsync(string name, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            while (_events.TryDequeue(out var e))
                if (e.Name == name) return true;
            if (_connection!.Completion.IsCompleted) return false;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return false;
            await _eventSignal.WaitAsync(left, ct).ConfigureAwait(false);
        }
    }

    void IMonitorEvents.OnEvent(QmpEvent e)
    {
        _events.Enqueue(e);
        _eventSignal.Release();
    }

    void IMonitorEvents.OnEof() => _eventSignal.Release();
    void IMonitorEvents.OnError(Exception error) => _eventSignal.Release();

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
        _eventSignal.Dispose();
    }
}
