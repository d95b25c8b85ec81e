using System.Buffers.Binary;
using Virt.Api.Domains;
using Virt.Daemon.Tests.Infrastructure;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;
using T = Virt.Rpc.Protocol.ProcedureTable;

namespace Virt.Daemon.Tests.Integration;

/// <summary>
/// Many clients at once, clients that misbehave, and calls stuck on the driver: each affects only
/// itself, and high-priority calls keep being answered.
/// </summary>
public sealed class RobustnessTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    private DaemonProcess Daemon => fixture.Daemon;

    [Fact]
    public async Task Many_clients_at_once()
    {
        var xml = Guests.WriteXml(Daemon, "many1");
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.Uri, "define", xml)).ExitCode);

        // Raw connections held open together, each doing a few calls.
        var raw = Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var c = await RawClient.OpenAsync(Daemon.SocketPath);
            var list = await c.CallAsync(T.ConnectListAllDomains, new ListAllDomainsArgs(1, 0));
            var dom = await c.CallAsync(T.DomainLookupByName, new DomainLookupByNameArgs("many1"));
            var info = await c.CallAsync(T.DomainGetInfo, new DomainArgs(dom.Dom));
            return list.Domains.Any(d => d.Name == "many1") && info.State == DomainState.Shutoff;
        });
        // virsh processes and python processes holding three connections each, as Ansible tasks do.
        var virsh = Enumerable.Range(0, 10).Select(_ => Clients.VirshAsync(Daemon.Uri, "dominfo", "many1"));
        var python = Enumerable.Range(0, 5).Select(_ => Clients.RunAsync(Clients.Python, ["-c",
            $"import libvirt; cs = [libvirt.open('{Daemon.Uri}') for _ in range(3)]; " +
            "print(sum(len(c.listAllDomains()) > 0 for c in cs)); [c.lookupByName('many1').info() for c in cs]"]));

        Assert.All(await Task.WhenAll(raw), Assert.True);
        Assert.All(await Task.WhenAll(virsh), r => Assert.True(r.ExitCode == 0 && r.Stdout.Contains("Name:           many1\n"), r.ToString()));
        Assert.All(await Task.WhenAll(python), r => Assert.True(r.ExitCode == 0 && r.Stdout == "3\n", r.ToString()));
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.Uri, "undefine", "many1")).ExitCode);
    }

    [Fact]
    public async Task Garbage_oversize_and_broken_packets_drop_only_their_own_client()
    {
        await using var good = await RawClient.OpenAsync(Daemon.SocketPath);

        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);
        garbage[0] = 0x7f; // a length word far over the limit
        await ExpectDroppedAsync(garbage);

        await ExpectDroppedAsync(LengthWord(33554432 + 4 + 1)); // one byte over VIR_NET_MESSAGE_MAX
        await ExpectDroppedAsync(LengthWord(8)); // shorter than a header
        await ExpectDroppedAsync(LengthWord(0));

        // A REPLY from a client makes no sense: dropped.
        var reply = new byte[28];
        new MessageHeader(28, RpcProgram.Remote, 1, 1, MessageType.Reply, 0, MessageStatus.Ok).Write(reply);
        await ExpectDroppedAsync(reply);

        // Half a message, then the client vanishes.
        await using (var half = await RawClient.ConnectAsync(Daemon.SocketPath))
        {
            var partial = new byte[50];
            new MessageHeader(100, RpcProgram.Remote, 1, (int)RemoteProcedure.AuthList, MessageType.Call, 0, MessageStatus.Ok).Write(partial);
            await half.SendRawAsync(partial);
        }

        // The well-behaved connection and new clients never noticed.
        Assert.Equal("QEMU", (await good.CallAsync(T.ConnectGetType, XdrVoid.Value)).Type);
        var virsh = await Clients.VirshAsync(Daemon.Uri, "list", "--all");
        Assert.True(virsh.ExitCode == 0, virsh.ToString());
        Assert.False(Daemon.HasExited);
    }

    [Fact]
    public async Task A_largest_legal_packet_is_read_and_answered()
    {
        await using var c = await RawClient.OpenAsync(Daemon.SocketPath);
        // A lookup with a name of the largest string the protocol allows: a valid message, answered with an error.
        var name = new string('x', XdrLimits.StringMax);
        var e = await Assert.ThrowsAsync<RemoteCallException>(() => c.CallAsync(T.DomainLookupByName, new DomainLookupByNameArgs(name)));
        Assert.Equal(Virt.Api.Errors.ErrorCode.NoDomain, e.Error.Code);
    }

    [Fact]
    public async Task Calls_stuck_on_the_driver_never_starve_lists_and_lookups()
    {
        var xml = Guests.WriteXml(Daemon, "stuck1");
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.Uri, "define", xml)).ExitCode);

        // Another process holds the qemu driver's lock, so every state change waits for it.
        var lockFile = Path.Combine(Daemon.Root, "run", "qemu", "driver.lock");
        // --close: only flock itself holds the lock (not its child), so killing it releases the lock.
        using var holder = Clients.Start("flock", ["--close", lockFile, "-c", "echo locked; exec sleep 600"]);
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());
        try
        {
            // 5 connections x 5 pipelined SET_AUTOSTART calls: more normal-priority calls than workers.
            var stuck = new List<RawClient>();
            for (var i = 0; i < 5; i++)
            {
                var c = await RawClient.OpenAsync(Daemon.SocketPath);
                stuck.Add(c);
                var dom = (await c.CallAsync(T.DomainLookupByName, new DomainLookupByNameArgs("stuck1"))).Dom;
                for (var j = 0; j < 5; j++) await c.SendAsync(T.DomainSetAutostart.Call(c.NextSerial(), new DomainSetAutostartArgs(dom, j % 2)));
            }
            // One of them vanishes while its calls wait.
            await stuck[0].DisposeAsync();
            stuck.RemoveAt(0);

            // Lookups, lists and reads are high priority: answered while all of that waits.
            var list = await Clients.VirshAsync(Daemon.Uri, "list", "--all");
            Assert.True(list.ExitCode == 0 && list.Stdout.Contains(" -    stuck1   shut off"), list.ToString());
            var info = await Clients.VirshAsync(Daemon.Uri, "dominfo", "stuck1");
            Assert.True(info.ExitCode == 0, info.ToString());
            Assert.False(holder.HasExited, "the lock was held throughout");

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
            foreach (var c in stuck)
            {
                for (var j = 0; j < 5; j++)
                {
                    using var reply = await c.ReceiveAsync(TimeSpan.FromMinutes(2));
                    Assert.Equal((MessageType.Reply, MessageStatus.Ok), (reply!.Header.Type, reply.Header.Status));
                }
                await c.DisposeAsync();
            }
        }
        finally
        {
            if (!holder.HasExited) holder.Kill(entireProcessTree: true);
        }
        Assert.Equal(0, (await Clients.VirshAsync(Daemon.Uri, "undefine", "stuck1")).ExitCode);
    }

    private async Task ExpectDroppedAsync(byte[] bytes)
    {
        await using var bad = await RawClient.ConnectAsync(Daemon.SocketPath);
        await bad.SendRawAsync(bytes);
        Assert.True(await bad.IsClosedByServerAsync(CloseTimeout), "the server should drop a client that breaks the framing");
    }

    private static byte[] LengthWord(uint length)
    {
        var bytes = new byte[28];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
        return bytes;
    }
}
