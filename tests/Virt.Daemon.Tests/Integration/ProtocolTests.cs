using System.Buffers.Binary;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Daemon.Tests.Infrastructure;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;
using T = Virt.Rpc.Protocol.ProcedureTable;

namespace Virt.Daemon.Tests.Integration;

/// <summary>The wire protocol at the byte level, with a raw client: what libvirtd answers, virtd answers.</summary>
public sealed class ProtocolTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private DaemonProcess Daemon => fixture.Daemon;

    [Fact]
    public async Task Prologue_features_and_uri()
    {
        await using var c = await RawClient.ConnectAsync(Daemon.SocketPath);
        Assert.Equal([RemoteAuthType.None], (await c.CallAsync(T.AuthList, XdrVoid.Value)).Types);
        foreach (var feature in new[] { DriverFeature.ProgramKeepalive, DriverFeature.RemoteEventCallback, DriverFeature.RemoteCloseCallback })
            Assert.True((await c.CallAsync(T.ConnectSupportsFeature, new ConnectSupportsFeatureArgs(feature))).Supported);
        Assert.False((await c.CallAsync(T.ConnectSupportsFeature, new ConnectSupportsFeatureArgs(DriverFeature.FdPassing))).Supported);

        var early = await Assert.ThrowsAsync<RemoteCallException>(() => c.CallAsync(T.ConnectListAllDomains, new ListAllDomainsArgs(1, 0)));
        Assert.Equal((ErrorCode.InternalError, "internal error: connection not open"), (early.Error.Code, early.Error.Message));

        // No URI: the daemon picks, and says which.
        await c.CallAsync(T.ConnectOpen, new ConnectOpenArgs("", ConnectFlags.None));
        Assert.Equal("qemu:///system", (await c.CallAsync(T.ConnectGetUri, XdrVoid.Value)).Uri);
        Assert.Equal("QEMU", (await c.CallAsync(T.ConnectGetType, XdrVoid.Value)).Type);
        var again = await Assert.ThrowsAsync<RemoteCallException>(() => c.CallAsync(T.ConnectOpen, new ConnectOpenArgs("", ConnectFlags.None)));
        Assert.Equal("internal error: connection already open", again.Error.Message);

        await c.CallAsync(T.ConnectClose, XdrVoid.Value);
        var closed = await Assert.ThrowsAsync<RemoteCallException>(() => c.CallAsync(T.ConnectGetType, XdrVoid.Value));
        Assert.Equal("internal error: connection not open", closed.Error.Message);
    }

    [Fact]
    public async Task Uris_the_daemon_serves_and_refuses()
    {
        foreach (var uri in new[] { "qemu:///system", "qemu:///session", "test:///default" })
        {
            await using var c = await RawClient.OpenAsync(Daemon.SocketPath, uri);
            Assert.Equal(uri, (await c.CallAsync(T.ConnectGetUri, XdrVoid.Value)).Uri);
        }

        await using var test = await RawClient.OpenAsync(Daemon.SocketPath, "test:///default");
        Assert.Equal("TEST", (await test.CallAsync(T.ConnectGetType, XdrVoid.Value)).Type.ToUpperInvariant());
        Assert.Contains((await test.CallAsync(T.ConnectListAllDomains, new ListAllDomainsArgs(1, 0))).Domains, d => d.Name == "test");

        foreach (var (uri, message) in new[]
                 {
                     ("xen:///system", "no connection driver available for xen:///system"),
                     ("qemu:///embed", "internal error: unexpected QEMU URI path '/embed', try qemu:///system"),
                 })
        {
            await using var c = await RawClient.ConnectAsync(Daemon.SocketPath);
            var refused = await Assert.ThrowsAsync<RemoteCallException>(() => c.CallAsync(T.ConnectOpen, new ConnectOpenArgs(uri, ConnectFlags.None)));
            Assert.Equal(message, refused.Error.Message);
        }
    }

    [Fact]
    public async Task Unknown_procedures_and_programs_get_libvirtds_errors()
    {
        await using var c = await RawClient.OpenAsync(Daemon.SocketPath);
        foreach (var procedure in new[] { 999, (int)RemoteProcedure.AuthPolkit, -5 })
        {
            var serial = c.NextSerial();
            await c.SendAsync(OutgoingMessage.Begin(new MessageHeader(0, RpcProgram.Remote, 1, procedure, MessageType.Call, serial, MessageStatus.Ok)).Completed());
            using var reply = (await c.ReceiveAsync())!;
            Assert.Equal((MessageType.Reply, MessageStatus.Error, serial, procedure), (reply.Header.Type, reply.Header.Status, reply.Header.Serial, reply.Header.Procedure));
            var error = reply.Decode<RemoteError>();
            Assert.Equal((ErrorCode.Rpc, ErrorDomain.Rpc, $"unknown procedure: {procedure}", 2), (error.Code, error.Domain, error.Message, error.Level));
        }

        foreach (var (program, version) in new[] { (RpcProgram.Qemu, 1u), (0x12345678u, 1u), (RpcProgram.Remote, 2u) })
        {
            var serial = c.NextSerial();
            await c.SendAsync(OutgoingMessage.Begin(new MessageHeader(0, program, version, 1, MessageType.Call, serial, MessageStatus.Ok)).Completed());
            using var reply = (await c.ReceiveAsync())!;
            Assert.Equal((program, version, serial, MessageStatus.Error), (reply.Header.Program, reply.Header.Version, reply.Header.Serial, reply.Header.Status));
            var error = reply.Decode<RemoteError>();
            Assert.Equal((ErrorCode.Rpc, $"Cannot find program {(int)program} version {version}"), (error.Code, error.Message));
        }

        // Still a working connection.
        Assert.Equal("QEMU", (await c.CallAsync(T.ConnectGetType, XdrVoid.Value)).Type);
    }

    [Fact]
    public async Task Every_ping_gets_a_pong_and_pongs_get_nothing()
    {
        await using var c = await RawClient.OpenAsync(Daemon.SocketPath);
        await c.SendRawAsync(Keepalive.PongBytes.ToArray());
        for (var i = 0; i < 3; i++)
        {
            await c.SendRawAsync(Keepalive.PingBytes.ToArray());
            using var pong = (await c.ReceiveAsync())!;
            Assert.Equal(Keepalive.PongBytes.ToArray(), pong.Memory.ToArray());
        }
    }

    [Fact]
    public async Task Args_that_do_not_decode_get_an_error_reply_and_the_connection_lives_on()
    {
        await using var c = await RawClient.OpenAsync(Daemon.SocketPath);
        // DOMAIN_LOOKUP_BY_NAME with a string length word promising more bytes than the packet holds.
        var payload = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(payload, 1000);
        var serial = c.NextSerial();
        await c.SendAsync(WithPayload(new MessageHeader(0, RpcProgram.Remote, 1, (int)RemoteProcedure.DomainLookupByName,
            MessageType.Call, serial, MessageStatus.Ok), payload));
        using var reply = (await c.ReceiveAsync())!;
        Assert.Equal(MessageStatus.Error, reply.Header.Status);
        Assert.Equal((ErrorCode.Rpc, "Unable to decode message payload"), (reply.Decode<RemoteError>().Code, reply.Decode<RemoteError>().Message));
        Assert.Equal("QEMU", (await c.CallAsync(T.ConnectGetType, XdrVoid.Value)).Type);
    }

    [Fact]
    public async Task Stream_packets_for_no_open_stream_are_ignored()
    {
        await using var c = await RawClient.OpenAsync(Daemon.SocketPath);
        await c.SendAsync(StreamPackets.Data(RemoteProcedure.DomainOpenConsole, 77, [1, 2, 3]));
        await c.SendAsync(StreamPackets.Finish(RemoteProcedure.DomainOpenConsole, 77));
        Assert.Equal("QEMU", (await c.CallAsync(T.ConnectGetType, XdrVoid.Value)).Type);
    }

    [Fact]
    public async Task Lookup_errors_carry_libvirts_fields()
    {
        await using var c = await RawClient.OpenAsync(Daemon.SocketPath);
        var e = await Assert.ThrowsAsync<RemoteCallException>(() => c.CallAsync(T.DomainLookupByName, new DomainLookupByNameArgs("nosuchdomain")));
        Assert.Equal(new RemoteError(ErrorCode.NoDomain, ErrorDomain.Qemu, "Domain not found: no domain with matching name 'nosuchdomain'", 2, null,
            "Domain not found: %s", "no domain with matching name 'nosuchdomain'", null, -1, -1, null), e.Error);
        var byId = await Assert.ThrowsAsync<RemoteCallException>(() => c.CallAsync(T.DomainLookupById, new DomainLookupByIdArgs(4242)));
        Assert.Equal("Domain not found: no domain with matching id 4242", byId.Error.Message);
    }

    private static OutgoingMessage WithPayload(MessageHeader header, byte[] payload)
    {
        var message = OutgoingMessage.Begin(header);
        message.Payload.WriteRaw(payload);
        message.Complete();
        return message;
    }
}

internal static class OutgoingMessageExtensions
{
    public static OutgoingMessage Completed(this OutgoingMessage message)
    {
        message.Complete();
        return message;
    }
}
