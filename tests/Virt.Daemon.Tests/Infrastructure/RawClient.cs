using System.IO.Pipelines;
using System.Net.Sockets;
using Virt.Rpc.Framing;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;

namespace Virt.Daemon.Tests.Infrastructure;

/// <summary>
/// A client speaking the wire protocol directly with Virt.Rpc's codec — for what the real clients
/// never do: garbage, oversize packets, unknown procedures and programs, vanishing mid-call.
/// </summary>
public sealed class RawClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private uint _serial;

    private RawClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream);
    }

    public static async Task<RawClient> ConnectAsync(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        return new RawClient(socket);
    }

    /// <summary>AUTH_LIST, CONNECT_OPEN(name): what python's libvirt.open does first.</summary>
    public static async Task<RawClient> OpenAsync(string socketPath, string name = "qemu:///system")
    {
        var client = await ConnectAsync(socketPath);
        await client.CallAsync(ProcedureTable.AuthList, XdrVoid.Value);
        await client.CallAsync(ProcedureTable.ConnectOpen, new ConnectOpenArgs(name, Virt.Api.Drivers.ConnectFlags.None));
        return client;
    }

    public uint NextSerial() => _serial++;

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes);

    public async Task SendAsync(OutgoingMessage message)
    {
        using (message) await _stream.WriteAsync(message.Memory);
    }

    /// <summary>The next message from the server (null at EOF).</summary>
    public async Task<IncomingMessage?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await MessageFramer.ReadMessageAsync(_reader, cts.Token);
    }

    /// <summary>A call and its reply: the ret on OK, <see cref="RemoteCallException"/> on ERROR.</summary>
    public async Task<TRet> CallAsync<TArgs, TRet>(CallEntry<TArgs, TRet> entry, TArgs args)
        where TArgs : IXdrStruct<TArgs>
        where TRet : IXdrStruct<TRet>
    {
        var serial = NextSerial();
        await SendAsync(entry.Call(serial, args));
        while (true)
        {
            using var reply = await ReceiveAsync() ?? throw new EndOfStreamException("the server closed the connection");
            if (reply.Header.Type != MessageType.Reply || reply.Header.Serial != serial) continue; // events, keepalive
            if (reply.Header.Status == MessageStatus.Error) throw new RemoteCallException(reply.Decode<RemoteError>());
            return reply.Decode<TRet>();
        }
    }

    /// <summary>True when the server has closed the connection (EOF or reset) within <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan timeout)
    {
        try
        {
            while (true)
            {
                using var message = await ReceiveAsync(timeout);
                if (message is null) return true;
            }
        }
        catch (Exception ex) when (ex is RpcProtocolException or IOException or SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Closes the socket without CONNECT_CLOSE, as a killed client does.</summary>
    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}

/// <summary>An ERROR reply, with the server's <c>remote_error</c>.</summary>
public sealed class RemoteCallException(RemoteError error) : Exception(error.Message)
{
    public RemoteError Error { get; } = error;
}
