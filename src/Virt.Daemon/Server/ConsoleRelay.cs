using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Virt.Api.Errors;
using Virt.Rpc.Protocol;

namespace Virt.Daemon.Server;

/// <summary>
/// A console stream (SPEC a.11): what the guest prints goes to the client as STREAM/CONTINUE packets on
/// the serial of the DOMAIN_OPEN_CONSOLE call, and the client's packets go to the guest. The guest's
/// EOF is a STREAM/OK from us; the client's STREAM/OK (Ctrl+] in virsh) is answered with STREAM/OK —
/// also after our own EOF, because the client waits for that answer — and STREAM/ERROR aborts.
/// </summary>
internal sealed class ConsoleRelay : IAsyncDisposable
{
    private const RemoteProcedure Procedure = RemoteProcedure.DomainOpenConsole;
    private const int ReadSize = 64 * 1024;

    private readonly ClientConnection _client;
    private readonly Stream _console;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _toGuest = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();

    // Held while a packet goes out, so nothing follows the STREAM/OK that answers the client's finish.
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private bool _closing;
    private Task _fromGuest = Task.CompletedTask;
    private Task _toGuestPump = Task.CompletedTask;
    private int _disposed;

    public ConsoleRelay(ClientConnection client, uint serial, Stream console, ILogger logger)
    {
        _client = client;
        Serial = serial;
        _console = console;
        _logger = logger;
    }

    public uint Serial { get; }

    /// <summary>Starts both directions; called once the OPEN_CONSOLE reply is queued.</summary>
    public Task StartAsync()
    {
        _fromGuest = Task.Run(PumpFromGuestAsync);
        _toGuestPump = Task.Run(PumpToGuestAsync);
        return Task.CompletedTask;
    }

    /// <summary>STREAM/CONTINUE from the client: keystrokes for the guest (waits when the guest is slow).</summary>
    public async ValueTask FromClientAsync(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty) return;
        try
        {
            await _toGuest.Writer.WriteAsync(data.ToArray(), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            // the stream is ending; late keystrokes go nowhere
        }
    }

    /// <summary>STREAM/OK from the client: flush what it typed, stop, answer STREAM/OK.</summary>
    public async Task FinishAsync()
    {
        _toGuest.Writer.TryComplete();
        await Task.WhenAny(_toGuestPump, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closing = true;
            await _client.SendAsync(StreamPackets.Finish(Procedure, Serial)).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
        Log.StreamEnded(_logger, _client.Id, Serial, "finished by the client");
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>STREAM/ERROR from the client (virStreamAbort), or the connection went away.</summary>
    public async Task AbortAsync(string how)
    {
        _closing = true;
        Log.StreamEnded(_logger, _client.Id, Serial, how);
        await DisposeAsync().ConfigureAwait(false);
    }

    private async Task PumpFromGuestAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            while (true)
            {
                var n = await _console.ReadAsync(buffer.AsMemory(0, Math.Min(ReadSize, StreamPackets.MaxData)), _stop.Token).ConfigureAwait(false);
                if (!await SendUnlessClosingAsync(n == 0
                        ? StreamPackets.Finish(Procedure, Serial)
                        : StreamPackets.Data(Procedure, Serial, buffer.AsSpan(0, n))).ConfigureAwait(false) || n == 0)
                {
                    if (n == 0) Log.StreamEnded(_logger, _client.Id, Serial, "the guest console closed");
                    return;
                }
            }
        }
        catch (Exception ex) when (_stop.IsCancellationRequested || _closing)
        {
            _ = ex; // we are closing the console ourselves
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Log.StreamFailed(_logger, _client.Id, Serial, ex);
            var error = VirtErrors.SystemError($"Unable to read from the console: {ex.Message}");
            await SendUnlessClosingAsync(StreamPackets.Error(Procedure, Serial, RemoteError.FromException(error))).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PumpToGuestAsync()
    {
        try
        {
            await foreach (var chunk in _toGuest.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await _console.WriteAsync(chunk, _stop.Token).ConfigureAwait(false);
                await _console.FlushAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The console went away (the read side reports it) or we are closing.
        }
        finally
        {
            // Nobody takes keystrokes any more: later ones are dropped instead of filling the queue.
            _toGuest.Writer.TryComplete();
        }
    }

    private async Task<bool> SendUnlessClosingAsync(OutgoingMessage message)
    {
        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closing)
            {
                message.Dispose();
                return false;
            }
            return await _client.SendAsync(message).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _closing = true;
        _toGuest.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _console.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_fromGuest, _toGuestPump), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }
}
