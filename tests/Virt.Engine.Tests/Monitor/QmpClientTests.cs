using Virt.Engine.Qemu.Monitor;

namespace Virt.Engine.Tests.Monitor;

/// <summary>Typed replies parsed from replies captured verbatim from QEMU 7.2 (and the QAPI docs for query-cpus-fast).</summary>
public sealed class QmpClientTests
{
    [Fact]
    public async Task QueryStatus_ParsesStatusAndRunning()
    {
        await using var server = new FakeQmpServer();
        server.Script("query-status", """{"return": {"status": "prelaunch", "singlestep": false, "running": false}}""");
        var client = await Connect(server);

        Assert.Equal(new QmpStatus("prelaunch", false), await client.QueryStatusAsync());
    }

    [Fact]
    public async Task QueryVersion_ParsesNumbersAndPackage()
    {
        await using var server = new FakeQmpServer();
        server.Script("query-version", """{"return": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2+dfsg-7+deb12u18+b3"}}""");
        var client = await Connect(server);

        Assert.Equal(new QmpVersion(7, 2, 22, "Debian 1:7.2+dfsg-7+deb12u18+b3"), await client.QueryVersionAsync());
    }

    [Fact]
    public async Task QueryChardev_ParsesLabelsAndFilenames()
    {
        await using var server = new FakeQmpServer();
        server.Script("query-chardev", """{"return": [{"frontend-open": false, "filename": "null", "label": "nul0"}, {"frontend-open": true, "filename": "unix:/tmp/q.sock,server=on", "label": "compat_monitor0"}]}""");
        var client = await Connect(server);

        Assert.Equal(
            new[] { new QmpChardev("nul0", "null"), new QmpChardev("compat_monitor0", "unix:/tmp/q.sock,server=on") },
            await client.QueryChardevAsync());
    }

    [Fact]
    public async Task QueryCpusFast_ParsesIndexAndThread()
    {
        await using var server = new FakeQmpServer();
        server.Script("query-cpus-fast", """
            {"return": [
              {"thread-id": 25627, "props": {"core-id": 0, "thread-id": 0, "socket-id": 0}, "qom-path": "/machine/unattached/device[0]", "cpu-index": 0, "target": "x86_64"},
              {"thread-id": 25628, "props": {"core-id": 0, "thread-id": 0, "socket-id": 1}, "qom-path": "/machine/unattached/device[2]", "cpu-index": 1, "target": "x86_64"}
            ]}
            """.ReplaceLineEndings(string.Empty));
        var client = await Connect(server);

        Assert.Equal(new[] { new QmpCpu(0, 25627), new QmpCpu(1, 25628) }, await client.QueryCpusFastAsync());
    }

    [Fact]
    public async Task MissingMember_IsAProtocolErrorNamingCommandAndMember()
    {
        await using var server = new FakeQmpServer();
        server.Script("query-status", """{"return": {"status": "running"}}""");
        var client = await Connect(server);

        var ex = await Assert.ThrowsAsync<QmpProtocolException>(() => client.QueryStatusAsync());
        Assert.Contains("query-status", ex.Message);
        Assert.Contains("running", ex.Message);
        Assert.False(client.Connection.Completion.IsCompleted);
    }

    [Theory]
    [InlineData("cont")]
    [InlineData("stop")]
    [InlineData("system_powerdown")]
    [InlineData("system_reset")]
    public async Task ActionCommands_SendTheirQmpName(string command)
    {
        await using var server = new FakeQmpServer();
        server.Script(command, """{"return": {}}""");
        var client = await Connect(server);

        Task action = command switch
        {
            "cont" => client.ContAsync(),
            "stop" => client.StopAsync(),
            "system_powerdown" => client.SystemPowerdownAsync(),
            _ => client.SystemResetAsync(),
        };
        await action.WaitAsync(TestTimeouts.Step);

        Assert.Equal(command, server.Received.Last().GetProperty("execute").GetString());
    }

    [Fact]
    public async Task Quit_ToleratesEofInsteadOfReply()
    {
        await using var server = new FakeQmpServer();
        var events = new RecordingMonitorEvents();
        var client = await Connect(server, events);

        var quitting = client.QuitAsync();
        await server.NextCommandAsync();
        await server.CloseClientAsync();

        await quitting.WaitAsync(TestTimeouts.Step);
        await client.Connection.Completion.WaitAsync(TestTimeouts.Step);
        Assert.Equal(1, events.EofCount);
    }

    [Fact]
    public async Task Quit_OnAConnectionAlreadyGone_Throws()
    {
        await using var server = new FakeQmpServer();
        var client = await Connect(server);
        await server.CloseClientAsync();
        await client.Connection.Completion.WaitAsync(TestTimeouts.Step);

        await Assert.ThrowsAsync<QmpDisconnectedException>(() => client.QuitAsync());
    }

    private static async Task<QmpClient> Connect(FakeQmpServer server, IMonitorEvents? events = null) =>
        new(await QmpConnection.ConnectAsync(server.SocketPath, events ?? new RecordingMonitorEvents(), CancellationToken.None)
            .WaitAsync(TestTimeouts.Step));
}
