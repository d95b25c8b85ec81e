using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Daemon.Drivers;
using Virt.Rpc.Framing;
using Virt.Rpc.Protocol;

namespace Virt.Daemon.Server;

/// <summary>
/// One client socket. A single reader loop takes messages off the socket: keepalive PINGs are
/// answered at once, stream packets go to their console relay in order, and CALLs are handed to the
/// server's worker pools so they run concurrently (at most <c>max_client_requests</c> at a time; past
/// that the socket is not read). Everything going out — replies, events, stream data, PONGs — goes
/// through one queue and one writer loop, so messages never interleave. A client that breaks the
/// framing, or vanishes, is dropped; only its own calls and streams are affected.
/// </summary>
internal sealed class ClientConnection
{
    private const int OutboxCapacity = 1024;

    private readonly RpcServer _server;
    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly Channel<OutgoingMessage> _outbox =
        Channel.CreateBounded<OutgoingMessage>(new BoundedChannelOptions(OutboxCapacity) { SingleReader = true });
    private readonly SemaphoreSlim _requestSlots;
    private readonly Dictionary<uint, ConsoleRelay> _streams = [];
    private readonly Lock _streamsGate = new();
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DriverLease? _lease;
    private volatile DriverLease? _openLease;
    private bool _openedReadOnly;
    private int _inflight;
    private volatile bool _closing;
    private string? _dropReason;

    public ClientConnection(RpcServer server, Socket socket, long id, bool readOnlySocket, ILogger logger)
    {
        _server = server;
        _socket = socket;
        Id = id;
        ReadOnlySocket = readOnlySocket;
        _logger = logger;
        _requestSlots = new SemaphoreSlim(server.Settings.MaxClientRequests, server.Settings.MaxClientRequests);
        Events = new EventRelay(this);
    }

    public long Id { get; }

    /// <summary>Accepted on the read-only socket: read-only whatever CONNECT_OPEN asks.</summary>
    public bool ReadOnlySocket { get; }

    public bool ReadOnly => ReadOnlySocket || _openedReadOnly;

    /// <summary>The open driver; null before CONNECT_OPEN and after CONNECT_CLOSE.</summary>
    public DriverLease? Driver => _openLease;

    public EventRelay Events { get; }

    public RpcServer Server => _server;

    public ILogger Logger => _logger;

    /// <summary>Serves the socket until the client goes, breaks the protocol, or the daemon stops.</summary>
    public async Task RunAsync()
    {
        var stream = new NetworkStream(_socket, ownsSocket: false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        var writer = PipeWriter.Create(stream);
        var writeLoop = Task.Run(() => WriteLoopAsync(writer));
        try
        {
            await ReadLoopAsync(reader).ConfigureAwait(false);
        }
        catch (RpcProtocolException ex)
        {
            _dropReason ??= ex.Message;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _dropReason ??= _server.Stopping.IsCancellationRequested ? null : ex.Message;
        }
        finally
        {
            _closing = true;
            if (_dropReason is not null) Log.ClientDropped(_logger, Id, _dropReason);
            _outbox.Writer.TryComplete();
            Abort();
            await writeLoop.ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);
            await CloseSessionAsync("the client disconnected").ConfigureAwait(false);
            // Calls still running use the driver: it is released once the last one is done.
            if (Volatile.Read(ref _inflight) == 0) _drained.TrySetResult();
            await _drained.Task.ConfigureAwait(false);
            if (_lease is not null) await _lease.DisposeAsync().ConfigureAwait(false);
            _socket.Dispose();
            await stream.DisposeAsync().ConfigureAwait(false);
            Log.ClientDisconnected(_logger, Id);
        }
    }

    /// <summary>Queues a message for the writer, waiting while the queue is full. False (and disposed) once the connection is gone.</summary>
    public async ValueTask<bool> SendAsync(OutgoingMessage message)
    {
        try
        {
            await _outbox.Writer.WriteAsync(message).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            message.Dispose();
            return false;
        }
    }

    /// <summary>
    /// Queues a message without waiting (events, from the driver's threads). A client that lets a
    /// thousand messages pile up is not reading: it is dropped rather than allowed to grow the queue.
    /// </summary>
    public void Post(OutgoingMessage message)
    {
        if (_outbox.Writer.TryWrite(message)) return;
        message.Dispose();
        if (_closing) return;
        _dropReason ??= "it does not read what it is sent";
        Abort();
    }

    /// <summary>CONNECT_OPEN: picks the driver (once per connection) and starts its events.</summary>
    public async Task OpenAsync(string? name, ConnectFlags flags, CancellationToken ct)
    {
        await _openGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_lease is not null)
                throw VirtErrors.Internal("connection already open", ErrorDomain.Rpc);
            var readOnly = ReadOnlySocket || flags.HasFlag(ConnectFlags.ReadOnly);
            var lease = await _server.Drivers.OpenAsync(name, readOnly, ct).ConfigureAwait(false);
            _lease = lease;
            _openedReadOnly = readOnly;
            Events.Attach(lease.Driver);
            _openLease = lease;
            Log.ConnectionOpened(_logger, Id, lease.Uri, readOnly);
        }
        finally
        {
            _openGate.Release();
        }
    }

    /// <summary>CONNECT_CLOSE, or the end of the connection: no more calls, events or streams.</summary>
    public async Task CloseSessionAsync(string why)
    {
        _openLease = null;
        Events.Detach();
        ConsoleRelay[] streams;
        lock (_streamsGate)
        {
            streams = [.. _streams.Values];
            _streams.Clear();
        }
        foreach (var relay in streams) await relay.AbortAsync(why).ConfigureAwait(false);
    }

    /// <summary>Registers a console stream under its OPEN_CONSOLE serial.</summary>
    public void AddStream(ConsoleRelay relay)
    {
        lock (_streamsGate)
        {
            if (_closing || _openLease is null) throw CallContext.NotOpen();
            _streams.Add(relay.Serial, relay);
        }
    }

    private async Task ReadLoopAsync(PipeReader reader)
    {
        while (!_server.Stopping.IsCancellationRequested)
        {
            var message = await MessageFramer.ReadMessageAsync(reader, _server.Stopping).ConfigureAwait(false);
            if (message is null) return; // EOF between messages: a normal close
            await RouteAsync(message).ConfigureAwait(false);
        }
    }

    private async ValueTask RouteAsync(IncomingMessage message)
    {
        var header = message.Header;
        if (Keepalive.IsKeepalive(header))
        {
            message.Dispose();
            if (Keepalive.IsPing(header)) await SendAsync(Keepalive.Pong()).ConfigureAwait(false);
            return;
        }

        if (header.Program != RpcProgram.Remote || header.Version != RpcProgram.Version)
        {
            message.Dispose();
            if (header.Type == MessageType.Call)
                await SendAsync(MessageBuilder.ErrorReply(header, RemoteError.UnknownProgram(header.Program, header.Version))).ConfigureAwait(false);
            else
                Log.Ignored(_logger, Id, $"a {header.Type} message for program 0x{header.Program:x8}");
            return;
        }

        switch (header.Type)
        {
            case MessageType.Call:
                await DispatchAsync(message).ConfigureAwait(false);
                return;
            case MessageType.Stream:
                using (message) await RouteStreamAsync(message).ConfigureAwait(false);
                return;
            default:
                message.Dispose();
                throw new RpcProtocolException($"unexpected message type {(int)header.Type} from a client");
        }
    }

    private async ValueTask DispatchAsync(IncomingMessage message)
    {
        await _requestSlots.WaitAsync(_server.Stopping).ConfigureAwait(false);
        Interlocked.Increment(ref _inflight);
        var high = _server.Dispatcher.TryGetEntry(message.Header.Procedure, out var entry)
            ? entry.Priority == DispatchPriority.High
            : true; // an unknown procedure is answered at once
        var posted = (high ? _server.PrioPool : _server.Pool).Post(async () =>
        {
            try
            {
                var context = new CallContext(this, message.Header, _server.Stopping);
                var reply = await _server.Dispatcher.DispatchAsync(context, message).ConfigureAwait(false);
                message.Dispose();
                if (await SendAsync(reply).ConfigureAwait(false))
                    await context.RunAfterReplyAsync().ConfigureAwait(false);
            }
            finally
            {
                message.Dispose();
                EndCall();
            }
        });
        if (!posted)
        {
            message.Dispose();
            EndCall();
        }
    }

    private void EndCall()
    {
        _requestSlots.Release();
        if (Interlocked.Decrement(ref _inflight) == 0 && _closing) _drained.TrySetResult();
    }

    private async ValueTask RouteStreamAsync(IncomingMessage message)
    {
        var header = message.Header;
        ConsoleRelay? relay;
        lock (_streamsGate)
        {
            _streams.TryGetValue(header.Serial, out relay);
            if (relay is not null && header.Status != MessageStatus.Continue) _streams.Remove(header.Serial);
        }
        if (relay is null || header.Procedure != (int)RemoteProcedure.DomainOpenConsole)
        {
            Log.Ignored(_logger, Id, $"a stream packet for serial {header.Serial}, which has no open stream");
            return;
        }
        switch (header.Status)
        {
            case MessageStatus.Continue:
                await relay.FromClientAsync(message.Payload).ConfigureAwait(false);
                break;
            case MessageStatus.Ok:
                await relay.FinishAsync().ConfigureAwait(false);
                break;
            default:
                await relay.AbortAsync("aborted by the client").ConfigureAwait(false);
                break;
        }
    }

    private async Task WriteLoopAsync(PipeWriter writer)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                using (message)
                {
                    var result = await MessageFramer.WriteAsync(writer, message).ConfigureAwait(false);
                    if (result.IsCompleted) break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            _dropReason ??= _closing ? null : ex.Message;
        }
        finally
        {
            _outbox.Writer.TryComplete();
            while (_outbox.Reader.TryRead(out var left)) left.Dispose();
            Abort();
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the socket under both loops, which then end.</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already closed
        }
    }
}
