using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Virt.Engine.Tests.Monitor;

/// <summary>
/// A scripted stand-in for QEMU's monitor on a temporary unix socket. It greets like QEMU 7.2,
/// answers scripted commands automatically (<c>qmp_capabilities</c> by default) and queues the
/// rest for the test to answer by hand, in any order. The canned texts are copied from real
/// QEMU 7.2 output so the fake cannot drift into a protocol QEMU does not speak.
/// </summary>
internal sealed class FakeQmpServer : IAsyncDisposable
{
    public const string Qemu72Greeting =
        """{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2+dfsg-7+deb12u18+b3"}, "capabilities": ["oob"]}}""";

    private readonly Socket _listener;
    private readonly string? _greeting;
    private readonly ConcurrentDictionary<string, string> _script = new(StringComparer.Ordinal);
    private readonly Channel<JsonElement> _commands = Channel.CreateUnbounded<JsonElement>();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource<NetworkStream> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serve;

    /// <param name="greeting">Sent on accept; null sends nothing (the test writes its own first line).</param>
    /// <param name="socketPath">Where to listen; a fresh temporary path when null.</param>
    public FakeQmpServer(string? greeting = Qemu72Greeting, string? socketPath = null)
    {
        _greeting = greeting;
        SocketPath = socketPath ?? NewSocketPath();
        _script["qmp_capabilities"] = """{"return": {}}""";
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(1);
        _serve = Task.Run(ServeAsync);
    }

    public string SocketPath { get; }

    /// <summary>Every command the client sent, scripted or not, in arrival order.</summary>
    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public static string NewSocketPath() => Path.Combine(Path.GetTempPath(), $"virt-qmp-{Guid.NewGuid():N}.sock");

    /// <summary>Answer <paramref name="command"/> automatically with <paramref name="reply"/> (a <c>return</c> or <c>error</c> object; the id is added).</summary>
    public void Script(string command, string reply) => _script[command] = reply;

    /// <summary>The next command that had no script, for the test to answer.</summary>
    public async Task<JsonElement> NextCommandAsync() =>
        await _commands.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Step);

    public Task ReplyAsync(JsonElement command, string reply) => SendAsync(WithId(reply, command));

    public Task SendEventAsync(string name, string? data, long seconds, long microseconds)
    {
        var dataPart = data is null ? string.Empty : $", \"data\": {data}";
        return SendAsync($$"""{"timestamp": {"seconds": {{seconds}}, "microseconds": {{microseconds}}}, "event": "{{name}}"{{dataPart}}}""");
    }

    /// <summary>Sends one message followed by QEMU's "\r\n".</summary>
    public Task SendAsync(string json) => SendRawAsync(Encoding.UTF8.GetBytes(json + "\r\n"));

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        var stream = await _client.Task.WaitAsync(TestTimeouts.Step);
        await _writeLock.WaitAsync();
        try
        {
            await stream.WriteAsync(bytes);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Hangs up on the client, like QEMU exiting.</summary>
    public async Task CloseClientAsync()
    {
        var stream = await _client.Task.WaitAsync(TestTimeouts.Step);
        stream.Socket.Shutdown(SocketShutdown.Both);
        stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        if (_client.Task.IsCompletedSuccessfully)
        {
            _client.Task.Result.Dispose();
        }

        _client.TrySetCanceled();
        await _serve.ConfigureAwait(false);
        File.Delete(SocketPath);
    }

    private async Task ServeAsync()
    {
        try
        {
            var socket = await _listener.AcceptAsync();
            var stream = new NetworkStream(socket, ownsSocket: true);

            // Made before the stream is published: once it is, DisposeAsync may close it at any time.
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            _client.TrySetResult(stream);
            if (_greeting is not null)
            {
                await SendAsync(_greeting);
            }

            while (await reader.ReadLineAsync() is { } line)
            {
                var command = JsonDocument.Parse(line).RootElement.Clone();
                Received.Enqueue(command);
                var name = command.GetProperty("execute").GetString()!;
                if (_script.TryGetValue(name, out var reply))
                {
                    await ReplyAsync(command, reply);
                }
                else
                {
                    await _commands.Writer.WriteAsync(command);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The test or the client hung up; the fake just stops.
        }
        finally
        {
            _commands.Writer.TryComplete();
        }
    }

    private static string WithId(string reply, JsonElement command)
    {
        var node = JsonNode.Parse(reply)!.AsObject();
        node["id"] = JsonNode.Parse(command.GetProperty("id").GetRawText());
        return node.ToJsonString();
    }
}
