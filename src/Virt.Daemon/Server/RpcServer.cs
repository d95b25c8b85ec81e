using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Virt.Daemon.Config;
using Virt.Daemon.Drivers;
using Virt.Daemon.Handlers;
using Virt.Daemon.Hosting;

namespace Virt.Daemon.Server;

/// <summary>
/// The RPC server: accepts clients on the listeners it is given, owns the two worker pools and the
/// dispatcher, and knows how many clients are connected (for the idle timeout).
/// </summary>
internal sealed class RpcServer : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (ClientConnection Client, Task Task)> _clients = new();
    private readonly List<Task> _acceptLoops = [];
    private long _nextClientId;
    private long _lastActivityTicks = Environment.TickCount64;

    public RpcServer(DaemonSettings settings, DriverHub drivers, ILoggerFactory loggers)
    {
        Settings = settings;
        Drivers = drivers;
        _loggers = loggers;
        _logger = loggers.CreateLogger("virtd.server");
        Dispatcher = new RemoteDispatcher(loggers.CreateLogger("virtd.dispatch"));
        RemoteHandlers.Register(Dispatcher);
        Pool = new DispatchPool(settings.MaxWorkers, _logger);
        PrioPool = new DispatchPool(settings.PrioWorkers, _logger);
    }

    public DaemonSettings Settings { get; }
    public DriverHub Drivers { get; }
    public RemoteDispatcher Dispatcher { get; }

    /// <summary>Normal-priority calls.</summary>
    public DispatchPool Pool { get; }

    /// <summary>High-priority calls: never starved by calls stuck on a domain.</summary>
    public DispatchPool PrioPool { get; }

    /// <summary>Cancelled when the daemon stops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public ILoggerFactory Loggers => _loggers;

    public int ClientCount => _clients.Count;

    /// <summary>Time since a client last connected or disconnected.</summary>
    public TimeSpan IdleFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastActivityTicks));

    /// <summary>Accepts clients on <paramref name="listener"/> until the server stops.</summary>
    public void Serve(UnixListener listener) => _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(listener)));

    private async Task AcceptLoopAsync(UnixListener listener)
    {
        var clientLogger = _loggers.CreateLogger("virtd.client");
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.Interrupted
                                             or SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
            {
                // One failed accept (a client that gave up, a short fd shortage) is not the listener's end.
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (!_stopping.IsCancellationRequested) Log.ListenerFailed(_logger, listener.Path, ex);
                return;
            }

            if (_clients.Count >= Settings.MaxClients)
            {
                Log.TooManyClients(_logger, _clients.Count);
                socket.Dispose();
                continue;
            }

            var id = Interlocked.Increment(ref _nextClientId);
            var client = new ClientConnection(this, socket, id, listener.ReadOnly, clientLogger);
            Touch();
            Log.ClientConnected(_logger, id, listener.Path);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = Task.Run(async () =>
            {
                await gate.Task.ConfigureAwait(false);
                try
                {
                    await client.RunAsync().ConfigureAwait(false);
                }
                finally
                {
                    _clients.TryRemove(id, out _);
                    Touch();
                }
            });
            _clients[id] = (client, task);
            gate.SetResult();
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, Environment.TickCount64);

    /// <summary>Stops accepting new clients (and tells running calls the daemon is stopping).</summary>
    public async Task StopAcceptingAsync()
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
    }

    /// <summary>Stops accepting, disconnects every client and waits (up to <paramref name="grace"/>) for them and the workers.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await StopAcceptingAsync().ConfigureAwait(false);
        foreach (var (client, _) in _clients.Values) client.Abort();
        var clients = _clients.Values.Select(c => c.Task).ToArray();
        await Task.WhenAny(Task.WhenAll(clients), Task.Delay(grace)).ConfigureAwait(false);
        await Pool.StopAsync(grace).ConfigureAwait(false);
        await PrioPool.StopAsync(grace).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
