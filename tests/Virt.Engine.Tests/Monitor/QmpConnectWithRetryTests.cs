using System.Net.Sockets;
using Virt.Engine.Qemu.Monitor;

namespace Virt.Engine.Tests.Monitor;

public sealed class QmpConnectWithRetryTests
{
    [Fact]
    public async Task WaitsForTheSocketToAppear()
    {
        var path = FakeQmpServer.NewSocketPath();
        var connecting = QmpClient.ConnectWithRetryAsync(path, new RecordingMonitorEvents(), () => true, TestTimeouts.Step, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(connecting.IsCompleted);

        await using var server = new FakeQmpServer(socketPath: path);
        await using var connection = await connecting.WaitAsync(TestTimeouts.Step);
        Assert.False(connection.Completion.IsCompleted);
    }

    [Fact]
    public async Task RetriesWhileNobodyListensOnAStaleSocketFile()
    {
        var path = FakeQmpServer.NewSocketPath();
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(path));
        }

        try
        {
            var connecting = QmpClient.ConnectWithRetryAsync(path, new RecordingMonitorEvents(), () => true, TestTimeouts.Step, CancellationToken.None);
            await Task.Delay(50);
            Assert.False(connecting.IsCompleted);

            File.Delete(path);
            await using var server = new FakeQmpServer(socketPath: path);
            await using var connection = await connecting.WaitAsync(TestTimeouts.Step);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StopsEarlyWhenTheProcessDies()
    {
        var alive = true;
        var checks = 0;
        var connecting = QmpClient.ConnectWithRetryAsync(
            FakeQmpServer.NewSocketPath(), new RecordingMonitorEvents(), () => { checks++; return Volatile.Read(ref alive); }, TestTimeouts.Step, CancellationToken.None);
        await Task.Delay(30);
        Volatile.Write(ref alive, false);

        var ex = await Assert.ThrowsAsync<QmpDisconnectedException>(() => connecting.WaitAsync(TestTimeouts.Step));
        Assert.Contains("exited", ex.Message);
        Assert.True(checks > 1);
    }

    [Fact]
    public async Task ThrowsTimeoutException_AfterTheTimeout()
    {
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => QmpClient.ConnectWithRetryAsync(
            FakeQmpServer.NewSocketPath(), new RecordingMonitorEvents(), () => true, TimeSpan.FromMilliseconds(100), CancellationToken.None)
            .WaitAsync(TestTimeouts.Step));

        Assert.IsType<SocketException>(ex.InnerException);
    }

    [Fact]
    public async Task CallerCancellation_IsNotReportedAsTimeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QmpClient.ConnectWithRetryAsync(
            FakeQmpServer.NewSocketPath(), new RecordingMonitorEvents(), () => true, TestTimeouts.Step, cts.Token)
            .WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task TimeoutCoversAHandshakeThatNeverCompletes()
    {
        await using var silent = new FakeQmpServer(greeting: null);

        await Assert.ThrowsAsync<TimeoutException>(() => QmpClient.ConnectWithRetryAsync(
            silent.SocketPath, new RecordingMonitorEvents(), () => true, TimeSpan.FromMilliseconds(200), CancellationToken.None)
            .WaitAsync(TestTimeouts.Step));
    }
}
