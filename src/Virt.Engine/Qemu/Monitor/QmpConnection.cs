using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// The transport half of the QMP client: one unix socket, line framing, the greeting and
/// <c>qmp_capabilities</c> handshake, <c>virt-N</c> command ids matched to waiting callers, and
/// one background read loop that also delivers events.
/// <para>
/// Failure model: the first EOF, I/O or protocol error is kept as one
/// <see cref="QmpDisconnectedException"/> that fails every pending and every later command, and
/// the loop reports it once through <see cref="IMonitorEvents.OnEof"/> or
/// <see cref="IMonitorEvents.OnError"/>. Closing the connection ourselves via
/// <see cref="DisposeAsync"/> fails commands the same way but reports nothing: the owner already knows.
/// </para>
/// </summary>
public sealed class QmpConnection : IAsyncDisposable
{
    /// <summary>Largest message accepted from QEMU; more than this is a fatal protocol error.</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    private const int RetainedWriteBufferBytes = 64 * 1024;

    private static readonly JsonSerializerOptions ArgumentOptions = new(JsonSerializerDefaults.General);
    private static readonly JsonElement EmptyObject = CreateEmptyObject();

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly QmpMessageReader _reader;
    private readonly IMonitorEvents _events;

    // Values are the whole reply (cloned): the caller, not the read loop, turns an error reply into
    // an exception, so it carries the command name and the caller's stack.
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ArrayBufferWriter<byte> _writeBuffer = new(256);
    private Utf8JsonWriter _jsonWriter;
    private long _lastId;
    private QmpDisconnectedException? _fatal;
    private Exception? _writeFailure;
    private int _disposed;
    // Set before the loop starts, so a callback that disposes us never sees "no loop".
    private volatile bool _readLoopStarted;

    private QmpConnection(Socket socket, IMonitorEvents events)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new QmpMessageReader(_stream, MaxMessageBytes);
        _events = events;
        _jsonWriter = new Utf8JsonWriter(_writeBuffer);
    }

    /// <summary>Completes (never faults) once the read loop has stopped and any EOF/error callback has returned.</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Makes one connection attempt (retrying is the caller's business, see
    /// <see cref="QmpClient.ConnectWithRetryAsync"/>) and completes after the greeting and the
    /// <c>qmp_capabilities</c> handshake. Callbacks on <paramref name="events"/> start only after that.
    /// </summary>
    public static async Task<QmpConnection> ConnectAsync(string socketPath, IMonitorEvents events, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentNullException.ThrowIfNull(events);

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new QmpConnection(socket, events);
        try
        {
            await connection.HandshakeAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Task.Run keeps event callbacks for messages that are already buffered off the caller's thread.
        connection._readLoopStarted = true;
        _ = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>
    /// Runs one command and returns its <c>return</c> member (an owned copy).
    /// Throws <see cref="QmpCommandException"/> for an <c>error</c> reply and
    /// <see cref="QmpDisconnectedException"/> once the connection is gone. Cancelling stops the
    /// wait, not QEMU: the command may still take effect, and its late reply is discarded.
    /// </summary>
    public async Task<JsonElement> ExecuteAsync(string command, object? arguments = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ThrowIfFatal();

        var id = NextId();
        var waiter = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        try
        {
            // Pairs with TrySetFatal, which publishes _fatal before draining _pending: either the
            // drain sees this waiter or this check sees _fatal, so no waiter is ever stranded.
            ThrowIfFatal();
            await SendAsync(id, command, arguments, ct).ConfigureAwait(false);
            var reply = await waiter.Task.WaitAsync(ct).ConfigureAwait(false);
            return UnwrapReply(command, reply);
        }
        finally
        {
            // A no-op when the read loop already took the waiter; after a cancellation it makes the
            // loop drop the late reply instead of completing an abandoned task.
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Winning this means the read loop will stay silent: a close we asked for is not an event.
            TrySetFatal(new QmpDisconnectedException("the QEMU monitor connection was closed"));
            Abort();
            if (!_readLoopStarted)
            {
                // Handshake failure: no loop exists to release the socket and finish Completion.
                await _reader.CompleteAsync().ConfigureAwait(false);
                _stream.Dispose();
                _completion.TrySetResult();
            }
        }

        await _completion.Task.ConfigureAwait(false);
    }

    private async Task HandshakeAsync(CancellationToken ct)
    {
        using (var greeting = await _reader.ReadAsync(ct).ConfigureAwait(false)
            ?? throw new QmpDisconnectedException("QEMU closed the monitor connection before sending its greeting"))
        {
            if (greeting.RootElement.ValueKind != JsonValueKind.Object
                || !greeting.RootElement.TryGetProperty("QMP"u8, out var qmp)
                || qmp.ValueKind != JsonValueKind.Object)
            {
                throw new QmpProtocolException($"expected a QMP greeting, got: {Truncate(greeting.RootElement.GetRawText())}");
            }
        }

        // The read loop is not running yet, so the reply is read inline; nothing else can be in flight.
        const string command = "qmp_capabilities";
        var id = NextId();
        await SendAsync(id, command, null, ct).ConfigureAwait(false);
        while (true)
        {
            using var message = await _reader.ReadAsync(ct).ConfigureAwait(false)
                ?? throw new QmpDisconnectedException("QEMU closed the monitor connection during the QMP handshake");
            var root = message.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event"u8, out _))
            {
                // QEMU emits no events before negotiation; if one ever does, it predates our callbacks.
                continue;
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id"u8, out var replyId)
                || replyId.ValueKind != JsonValueKind.String
                || !replyId.ValueEquals(id))
            {
                throw new QmpProtocolException($"unexpected reply to {command}: {Truncate(root.GetRawText())}");
            }

            UnwrapReply(command, root);
            return;
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (await _reader.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } message)
            {
                using (message)
                {
                    Dispatch(message.RootElement);
                }
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }

        // A failed write aborts the socket to get us here; report that cause, not the EOF it produced.
        error = Volatile.Read(ref _writeFailure) ?? error;
        var fatal = error is null
            ? new QmpDisconnectedException("QEMU closed the monitor connection")
            : new QmpDisconnectedException($"the QEMU monitor connection failed: {error.Message}", error);
        var report = TrySetFatal(fatal);
        try
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
            _stream.Dispose();
            if (report)
            {
                if (error is null)
                {
                    _events.OnEof();
                }
                else
                {
                    _events.OnError(error);
                }
            }
        }
        catch (Exception)
        {
            // The connection is already gone and the report was the last thing to do; there is no
            // one left to tell, and Completion must still complete.
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new QmpProtocolException($"expected a JSON object from QEMU, got {message.ValueKind}");
        }

        if (message.TryGetProperty("event"u8, out var name))
        {
            _events.OnEvent(ParseEvent(name, message));
            return;
        }

        var isReply = message.TryGetProperty("return"u8, out _) || message.TryGetProperty("error"u8, out _);
        if (!isReply)
        {
            throw new QmpProtocolException($"unrecognized QMP message: {Truncate(message.GetRawText())}");
        }

        // Every command we send has an id, so a reply without one (QEMU's answer to input it could
        // not parse) means the stream is out of step with us.
        if (!message.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new QmpProtocolException($"QEMU sent a reply without a command id: {Truncate(message.GetRawText())}");
        }

        // No waiter: its caller cancelled. The reply is dropped on purpose.
        if (_pending.TryRemove(id.GetString()!, out var waiter))
        {
            waiter.TrySetResult(message.Clone());
        }
    }

    private async Task SendAsync(string id, string command, object? arguments, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var payload = Serialize(id, command, arguments);
            ct.ThrowIfCancellationRequested();
            try
            {
                await _stream.WriteAsync(payload, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A partial write leaves half a command in QEMU's parser, which would garble every
                // later command, so any failed write ends the connection (the read loop reports it).
                Interlocked.CompareExchange(ref _writeFailure, ex, null);
                Abort();
                if (ex is OperationCanceledException)
                {
                    throw;
                }

                ThrowIfFatal();
                throw new QmpDisconnectedException($"failed to write to the QEMU monitor: {ex.Message}", ex);
            }
        }
        finally
        {
            if (_writeBuffer.Capacity > RetainedWriteBufferBytes)
            {
                // One huge argument should not pin a huge buffer for the life of the VM.
                _writeBuffer = new ArrayBufferWriter<byte>(256);
                _jsonWriter = new Utf8JsonWriter(_writeBuffer);
            }

            _writeLock.Release();
        }
    }

    /// <summary>Builds <c>{"execute":…,"arguments":…,"id":…}\n</c> in the reused write buffer. Call under the write lock.</summary>
    private ReadOnlyMemory<byte> Serialize(string id, string command, object? arguments)
    {
        _writeBuffer.ResetWrittenCount();
        _jsonWriter.Reset(_writeBuffer);
        _jsonWriter.WriteStartObject();
        _jsonWriter.WriteString("execute"u8, command);
        if (arguments is not null)
        {
            _jsonWriter.WritePropertyName("arguments"u8);
            JsonSerializer.Serialize(_jsonWriter, arguments, arguments.GetType(), ArgumentOptions);
        }

        _jsonWriter.WriteString("id"u8, id);
        _jsonWriter.WriteEndObject();
        _jsonWriter.Flush();
        _writeBuffer.Write("\n"u8);
        return _writeBuffer.WrittenMemory;
    }

    /// <summary>Publishes the one fatal error and fails every waiter. Only the first call wins.</summary>
    private bool TrySetFatal(QmpDisconnectedException fatal)
    {
        if (Interlocked.CompareExchange(ref _fatal, fatal, null) is not null)
        {
            return false;
        }

        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(fatal);
            }
        }

        return true;
    }

    /// <summary>Forces the read loop out: shutdown makes a blocked receive return, the cancel covers the pipe.</summary>
    private void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed or never connected: nothing left to wake.
        }

        _reader.CancelPendingRead();
    }

    private void ThrowIfFatal()
    {
        if (Volatile.Read(ref _fatal) is { } fatal)
        {
            ExceptionDispatchInfo.Throw(fatal);
        }
    }

    private string NextId() =>
        "virt-" + Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    private static JsonElement UnwrapReply(string command, JsonElement reply)
    {
        if (reply.TryGetProperty("return"u8, out var result))
        {
            return result;
        }

        if (reply.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var errorClass = error.TryGetProperty("class"u8, out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!
                : "GenericError";
            var description = error.TryGetProperty("desc"u8, out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()!
                : "unknown error";
            throw new QmpCommandException(command, errorClass, description);
        }

        throw new QmpProtocolException($"malformed reply to {command}: {Truncate(reply.GetRawText())}");
    }

    private static QmpEvent ParseEvent(JsonElement name, JsonElement message)
    {
        if (name.ValueKind != JsonValueKind.String)
        {
            throw new QmpProtocolException($"QMP event name is not a string: {Truncate(message.GetRawText())}");
        }

        var data = message.TryGetProperty("data"u8, out var d) ? d.Clone() : EmptyObject;
        return new QmpEvent(name.GetString()!, data, ParseTimestamp(message));
    }

    /// <summary>
    /// QEMU always stamps events; a missing or odd stamp is not worth killing the connection over,
    /// so it becomes the Unix epoch.
    /// </summary>
    private static DateTimeOffset ParseTimestamp(JsonElement message)
    {
        const long maxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z, DateTimeOffset's ceiling
        if (message.TryGetProperty("timestamp"u8, out var stamp)
            && stamp.ValueKind == JsonValueKind.Object
            && stamp.TryGetProperty("seconds"u8, out var s) && s.TryGetInt64(out var seconds)
            && stamp.TryGetProperty("microseconds"u8, out var us) && us.TryGetInt64(out var micros)
            && seconds is >= 0 and < maxSeconds
            && micros is >= 0 and < 1_000_000)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micros * TimeSpan.TicksPerMicrosecond);
        }

        return DateTimeOffset.UnixEpoch;
    }

    private static JsonElement CreateEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
