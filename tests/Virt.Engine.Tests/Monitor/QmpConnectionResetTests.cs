using System.Net.Sockets;
using System.Text;
using Virt.Engine.Qemu.Monitor;

namespace Virt.Engine.Tests.Monitor;

/// <summary>
/// QEMU's monitor reads one byte at a time, so after <c>quit</c> it exits with our trailing newline
/// unread and Linux hands us ECONNRESET instead of EOF. This reproduces that with a raw socket.
/// </summary>
public sealed class QmpConnectionResetTests
{
    [Fact]
    public async Task PeerClosingWithOurBytesUnread_IsReportedAsEof_AfterEverythingItSent()
    {
        var path = FakeQmpServer.NewSocketPath();
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        try
        {
            var events = new RecordingMonitorEvents();
            var connecting = QmpConnection.ConnectAsync(path, events, CancellationToken.None);
            using var peer = await listener.AcceptAsync().WaitAsync(TestTimeouts.Step);
            await peer.SendAsync(Encoding.UTF8.GetBytes(FakeQmpServer.Qemu72Greeting + "\r\n"));
            await ReadLineAsync(peer);
            await peer.SendAsync("""{"return": {}, "id": "virt-1"}"""u8.ToArray().Concat("\r\n"u8.ToArray()).ToArray());
            await using var connection = await connecting.WaitAsync(TestTimeouts.Step);

            var pending = connection.ExecuteAsync("quit");
            while (peer.Available == 0)
            {
                await Task.Delay(1);
            }

            await peer.SendAsync("""{"timestamp": {"seconds": 1, "microseconds": 0}, "event": "SHUTDOWN", "data": {"guest": false, "reason": "host-qmp-quit"}}"""u8.ToArray().Concat("\r\n"u8.ToArray()).ToArray());
            peer.Close();

            await Assert.ThrowsAsync<QmpDisconnectedException>(() => pending.WaitAsync(TestTimeouts.Step));
            await connection.Completion.WaitAsync(TestTimeouts.Step);
            Assert.Equal(QmpEventNames.Shutdown, Assert.Single(events.Events).Name);
            Assert.Null(events.Error);
            Assert.Equal(1, events.EofCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task ReadLineAsync(Socket socket)
    {
        var one = new byte[1];
        while (await socket.ReceiveAsync(one).WaitAsync(TestTimeouts.Step) == 1 && one[0] != (byte)'\n')
        {
        }
    }
}
