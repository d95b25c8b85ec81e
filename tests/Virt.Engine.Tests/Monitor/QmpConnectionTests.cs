using System.Text;
using System.Text.Json;
using Virt.Engine.Qemu.Monitor;

namespace Virt.Engine.Tests.Monitor;

public sealed class QmpConnectionTests
{
    [Fact]
    public async Task Handshake_SendsCapabilitiesAsVirt1_ThenNumbersCommandsOnward()
    {
        await using var server = new FakeQmpServer();
        server.Script("query-status", """{"return": {"status": "prelaunch", "singlestep": false, "running": false}}""");
        var events = new RecordingMonitorEvents();

        await using var connection = await Connect(server, events);
        await connection.ExecuteAsync("query-status");

        var sent = server.Received.ToArray();
        Assert.Equal(2, sent.Length);
        Assert.Equal("qmp_capabilities", sent[0].GetProperty("execute").GetString());
        Assert.Equal("virt-1", sent[0].GetProperty("id").GetString());
        Assert.False(sent[0].TryGetProperty("arguments", out _));
        Assert.Equal("virt-2", sent[1].GetProperty("id").GetString());
        Assert.False(connection.Completion.IsCompleted);
    }

    [Fact]
    public async Task Handshake_RejectsSomethingThatIsNotAGreeting()
    {
        await using var server = new FakeQmpServer(greeting: """{"hello": "world"}""");

        await Assert.ThrowsAsync<QmpProtocolException>(() => Connect(server, new RecordingMonitorEvents()));
    }

    [Fact]
    public async Task Handshake_FailedCapabilities_ThrowsCommandException()
    {
        await using var server = new FakeQmpServer();
        server.Script("qmp_capabilities", """{"error": {"class": "CommandNotFound", "desc": "Capabilities negotiation is already complete, command ignored"}}""");

        var ex = await Assert.ThrowsAsync<QmpCommandException>(() => Connect(server, new RecordingMonitorEvents()));
        Assert.Equal("qmp_capabilities", ex.Command);
    }

    [Fact]
    public async Task Handshake_EofBeforeGreeting_ThrowsDisconnectedAndReportsNothing()
    {
        await using var server = new FakeQmpServer(greeting: null);
        var events = new RecordingMonitorEvents();
        var connecting = Connect(server, events);
        await server.CloseClientAsync();

        await Assert.ThrowsAsync<QmpDisconnectedException>(() => connecting);
        Assert.Equal(0, events.EofCount + events.ErrorCount);
    }

    [Fact]
    public async Task Execute_SerializesArguments()
    {
        await using var server = new FakeQmpServer();
        server.Script("device_del", """{"return": {}}""");
        await using var connection = await Connect(server, new RecordingMonitorEvents());

        await connection.ExecuteAsync("device_del", new Dictionary<string, object> { ["id"] = "net0" });

        var sent = server.Received.Last();
        Assert.Equal("net0", sent.GetProperty("arguments").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Execute_MatchesRepliesById_EvenOutOfOrder()
    {
        await using var server = new FakeQmpServer();
        await using var connection = await Connect(server, new RecordingMonitorEvents());

        var first = connection.ExecuteAsync("first");
        var second = connection.ExecuteAsync("second");
        var third = connection.ExecuteAsync("third");
        var commands = new Dictionary<string, JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            var command = await server.NextCommandAsync();
            commands[command.GetProperty("execute").GetString()!] = command;
        }

        await server.ReplyAsync(commands["third"], """{"return": 3}""");
        await server.ReplyAsync(commands["first"], """{"return": 1}""");
        Assert.Equal(3, (await third.WaitAsync(TestTimeouts.Step)).GetInt32());
        Assert.Equal(1, (await first.WaitAsync(TestTimeouts.Step)).GetInt32());
        Assert.False(second.IsCompleted);

        await server.ReplyAsync(commands["second"], """{"return": {"answer": 2}}""");
        Assert.Equal(2, (await second.WaitAsync(TestTimeouts.Step)).GetProperty("answer").GetInt32());
    }

    [Fact]
    public async Task Execute_ManyConcurrentCommands_EachGetsItsOwnReply()
    {
        await using var server = new FakeQmpServer();
        await using var connection = await Connect(server, new RecordingMonitorEvents());
        const int count = 200;

        var calls = Enumerable.Range(0, count)
            .Select(i => Task.Run(() => connection.ExecuteAsync("echo", new { value = i })))
            .ToArray();
        var received = new List<JsonElement>();
        for (var i = 0; i < count; i++)
        {
            received.Add(await server.NextCommandAsync());
        }

        // Answer in reverse arrival order, echoing each argument back.
        received.Reverse();
        foreach (var command in received)
        {
            var value = command.GetProperty("arguments").GetProperty("value").GetInt32();
            await server.ReplyAsync(command, $$$"""{"return": {"value": {{{value}}}}}""");
        }

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, (await calls[i].WaitAsync(TestTimeouts.Step)).GetProperty("value").GetInt32());
        }

        var ids = received.Select(c => c.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(count, ids.Count);
    }

    [Fact]
    public async Task Execute_ErrorReply_ThrowsCommandExceptionWithQemuClassAndDesc_AndConnectionSurvives()
    {
        await using var server = new FakeQmpServer();
        server.Script("device_del", """{"error": {"class": "DeviceNotFound", "desc": "Device 'net9' not found"}}""");
        server.Script("stop", """{"return": {}}""");
        var events = new RecordingMonitorEvents();
        await using var connection = await Connect(server, events);

        var ex = await Assert.ThrowsAsync<QmpCommandException>(() => connection.ExecuteAsync("device_del"));

        Assert.Equal("DeviceNotFound", ex.ErrorClass);
        Assert.Equal("Device 'net9' not found", ex.Description);
        Assert.Equal("device_del", ex.Command);
        Assert.Contains("Device 'net9' not found", ex.Message);
        await connection.ExecuteAsync("stop");
        Assert.Equal(0, events.EofCount + events.ErrorCount);
    }

    [Fact]
    public async Task Execute_Cancelled_ThrowsAndDropsTheLateReply()
    {
        await using var server = new FakeQmpServer();
        server.Script("stop", """{"return": {}}""");
        await using var connection = await Connect(server, new RecordingMonitorEvents());
        using var cts = new CancellationTokenSource();

        var slow = connection.ExecuteAsync("slow", null, cts.Token);
        var command = await server.NextCommandAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        await server.ReplyAsync(command, """{"return": {}}""");
        await connection.ExecuteAsync("stop").WaitAsync(TestTimeouts.Step);
        Assert.False(connection.Completion.IsCompleted);
    }

    [Fact]
    public async Task Events_AreDeliveredInOrder_OneAtATime_BetweenReplies()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents
        {
            // A handler that takes a moment widens any window in which two calls could overlap.
            OnEventHook = e => Thread.SpinWait(1000),
        };
        await using var connection = await Connect(server, events);
        const int count = 500;

        var pending = connection.ExecuteAsync("cont");
        var command = await server.NextCommandAsync();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await server.SendEventAsync(i % 2 == 0 ? QmpEventNames.Stop : QmpEventNames.Resume, $$"""{"n": {{i}}}""", 1795308057, i);
            }
        });
        await server.ReplyAsync(command, """{"return": {}}""");
        await sending.WaitAsync(TestTimeouts.Step);
        await pending.WaitAsync(TestTimeouts.Step);

        for (var i = 0; i < count; i++)
        {
            var e = await events.NextEventAsync();
            Assert.Equal(i, e.Data.GetProperty("n").GetInt32());
            Assert.Equal(i % 2 == 0 ? "STOP" : "RESUME", e.Name);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795308057).AddTicks(i * TimeSpan.TicksPerMicrosecond), e.Timestamp);
        }

        Assert.False(events.Overlapped);
    }

    [Fact]
    public async Task Events_WithoutData_GetAnEmptyObject()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        await using var connection = await Connect(server, events);

        await server.SendAsync("""{"timestamp": {"seconds": 1795308057, "microseconds": 129462}, "event": "RESUME"}""");
        var e = await events.NextEventAsync();

        Assert.Equal(QmpEventNames.Resume, e.Name);
        Assert.Equal(JsonValueKind.Object, e.Data.ValueKind);
        Assert.Empty(e.Data.EnumerateObject());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 40, 57, TimeSpan.Zero).AddTicks(129462 * TimeSpan.TicksPerMicrosecond), e.Timestamp);
    }

    [Fact]
    public async Task Framing_AcceptsBareNewlines_BlankLines_AndMessagesSplitAcrossWrites()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        await using var connection = await Connect(server, events);

        var text = """{"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 2}}""" + "\n\r\n\n"
            + """{"event": "RESUME", "timestamp": {"seconds": 1, "microseconds": 3}}""" + "\r\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            await server.SendRawAsync(new[] { b });
        }

        Assert.Equal("STOP", (await events.NextEventAsync()).Name);
        Assert.Equal("RESUME", (await events.NextEventAsync()).Name);
        Assert.Equal(0, events.ErrorCount);
    }

    [Fact]
    public async Task Eof_FailsPendingAndLaterCommands_AndCallsOnEofExactlyOnce()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        var connection = await Connect(server, events);

        var first = connection.ExecuteAsync("query-status");
        var second = connection.ExecuteAsync("query-chardev");
        await server.NextCommandAsync();
        await server.NextCommandAsync();
        await server.CloseClientAsync();

        var firstError = await Assert.ThrowsAsync<QmpDisconnectedException>(() => first.WaitAsync(TestTimeouts.Step));
        var secondError = await Assert.ThrowsAsync<QmpDisconnectedException>(() => second.WaitAsync(TestTimeouts.Step));
        await connection.Completion.WaitAsync(TestTimeouts.Step);
        var laterError = await Assert.ThrowsAsync<QmpDisconnectedException>(() => connection.ExecuteAsync("cont"));

        // One preserved failure for everyone.
        Assert.Same(firstError, secondError);
        Assert.Same(firstError, laterError);
        Assert.Null(firstError.InnerException);
        await connection.DisposeAsync();
        Assert.Equal(1, events.EofCount);
        Assert.Equal(0, events.ErrorCount);
        Assert.False(events.Overlapped);
    }

    [Fact]
    public async Task OversizedMessage_IsFatal_FailsPending_AndReportsOnErrorOnce()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        await using var connection = await Connect(server, events);
        var pending = connection.ExecuteAsync("query-qmp-schema");
        await server.NextCommandAsync();

        // A reply that never ends: the client must give up at the cap rather than buffer forever.
        var huge = new byte[QmpConnection.MaxMessageBytes + 4096];
        Array.Fill(huge, (byte)'a');
        "{\"return\": \""u8.CopyTo(huge);
        var flood = server.SendRawAsync(huge);

        var ex = await Assert.ThrowsAsync<QmpDisconnectedException>(() => pending.WaitAsync(TestTimeouts.Step));
        Assert.IsType<QmpProtocolException>(ex.InnerException);
        await connection.Completion.WaitAsync(TestTimeouts.Step);
        Assert.Equal(1, events.ErrorCount);
        Assert.Equal(0, events.EofCount);
        Assert.IsType<QmpProtocolException>(events.Error);

        // The flood may or may not fit into socket buffers before the client hangs up; either is fine.
        await Record.ExceptionAsync(() => flood.WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task OversizedLine_InOneWrite_IsFatal()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        await using var connection = await Connect(server, events);

        var huge = "{\"event\": \"X\", \"data\": \"" + new string('a', QmpConnection.MaxMessageBytes) + "\"}";
        _ = server.SendAsync(huge).ContinueWith(static _ => { }, TaskScheduler.Default);

        await events.Ended.WaitAsync(TestTimeouts.Step);
        Assert.IsType<QmpProtocolException>(events.Error);
        Assert.Empty(events.Events);
    }

    [Fact]
    public async Task InvalidJson_IsFatalProtocolError()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        await using var connection = await Connect(server, events);
        var pending = connection.ExecuteAsync("query-status");
        await server.NextCommandAsync();

        await server.SendAsync("""{"return": {"status": """);

        var ex = await Assert.ThrowsAsync<QmpDisconnectedException>(() => pending.WaitAsync(TestTimeouts.Step));
        Assert.IsType<QmpProtocolException>(ex.InnerException);
        await connection.Completion.WaitAsync(TestTimeouts.Step);
        Assert.Equal(1, events.ErrorCount);
    }

    [Fact]
    public async Task ReplyWithoutId_IsFatalProtocolError()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        await using var connection = await Connect(server, events);

        await server.SendAsync("""{"error": {"class": "GenericError", "desc": "JSON parse error, invalid keyword 'x'"}}""");

        await connection.Completion.WaitAsync(TestTimeouts.Step);
        var error = Assert.IsType<QmpProtocolException>(events.Error);
        Assert.Contains("JSON parse error", error.Message);
    }

    [Fact]
    public async Task ThrowingEventHandler_EndsTheConnectionThroughOnError()
    {
        await using var server = new FakeQmpServer();
        var boom = new InvalidOperationException("handler bug");
        var events = new RecordingMonitorEvents { OnEventHook = _ => throw boom };
        await using var connection = await Connect(server, events);

        await server.SendEventAsync(QmpEventNames.Reset, null, 1, 0);

        await connection.Completion.WaitAsync(TestTimeouts.Step);
        Assert.Same(boom, events.Error);
        Assert.Equal(1, events.ErrorCount);
    }

    [Fact]
    public async Task Dispose_FailsPendingCommands_WithoutCallingOnEofOrOnError()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        var connection = await Connect(server, events);
        var pending = connection.ExecuteAsync("query-status");
        await server.NextCommandAsync();

        await connection.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Step);
        await connection.DisposeAsync();

        await Assert.ThrowsAsync<QmpDisconnectedException>(() => pending);
        await Assert.ThrowsAsync<QmpDisconnectedException>(() => connection.ExecuteAsync("cont"));
        Assert.True(connection.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, events.EofCount + events.ErrorCount);
    }

    [Fact]
    public async Task Dispose_FromInsideAnEventHandler_DoesNotDeadlock()
    {
        await using var server = new FakeQmpServer();
        QmpConnection? connection = null;
        var events = new RecordingMonitorEvents { OnEventHook = e => { _ = connection!.DisposeAsync(); } };
        connection = await Connect(server, events);

        await server.SendEventAsync(QmpEventNames.Shutdown, """{"guest": true, "reason": "guest-shutdown"}""", 1, 0);

        await connection.Completion.WaitAsync(TestTimeouts.Step);
        Assert.Equal(0, events.EofCount + events.ErrorCount);
    }

    private static Task<QmpConnection> Connect(FakeQmpServer server, IMonitorEvents events) =>
        QmpConnection.ConnectAsync(server.SocketPath, events, CancellationToken.None).WaitAsync(TestTimeouts.Step);
}
