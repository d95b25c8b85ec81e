using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Rpc.Framing;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

/// <summary>The whole-message test vectors of SPEC a.10, decoded into typed records and built back.</summary>
public sealed class SpecVectorTests
{
    private static readonly Guid Lab1 = Guid.Parse("6f0c8a3e-1b2d-4c5e-9f70-0123456789ab");

    private static (MessageHeader Header, byte[] Message) Vector(string hex)
    {
        var bytes = SpecHex.Parse(hex);
        using var message = IncomingMessage.FromBytes(bytes);
        return (message.Header, bytes);
    }

    private static T DecodePayload<T>(byte[] message) where T : IXdrStruct<T> =>
        XdrStruct.Decode<T>(message.AsSpan(MessageHeader.Size));

    private static void AssertMessage(byte[] expected, OutgoingMessage actual)
    {
        using (actual) Assert.Equal(SpecHex.Hex(expected), SpecHex.Hex(actual.Memory.Span));
    }

    [Fact]
    public void Auth_list_call_and_none_reply()
    {
        var (call, callBytes) = Vector("0000001c 20008086 00000001 00000042 00000000 00000000 00000000");
        Assert.Equal(new MessageHeader(28, RpcProgram.Remote, 1, 66, MessageType.Call, 0, MessageStatus.Ok), call);
        AssertMessage(callBytes, ProcedureTable.AuthList.Call(0, XdrVoid.Value));

        var (_, reply) = Vector("00000024 20008086 00000001 00000042 00000001 00000000 00000000 00000001 00000000");
        Assert.Equal([RemoteAuthType.None], DecodePayload<AuthListRet>(reply).Types);
        AssertMessage(reply, ProcedureTable.AuthList.Reply(call, AuthListRet.NoAuth));
    }

    [Fact]
    public void Supports_feature_keepalive_probe()
    {
        var (call, callBytes) = Vector("00000020 20008086 00000001 0000003c 00000000 00000001 00000000 0000000a");
        var args = ProcedureTable.ConnectSupportsFeature.DecodeArgs(callBytes.AsSpan(28));
        Assert.Equal(DriverFeature.ProgramKeepalive, args.Feature);

        var (_, reply) = Vector("00000020 20008086 00000001 0000003c 00000001 00000001 00000000 00000001");
        AssertMessage(reply, ProcedureTable.ConnectSupportsFeature.Reply(call, new ConnectSupportsFeatureRet(true)));
    }

    [Fact]
    public void Connect_open_without_uri_sends_empty_not_null()
    {
        var (_, bytes) = Vector("00000028 20008086 00000001 00000001 00000000 00000002 00000000 00000001 00000000 00000000");
        var args = DecodePayload<ConnectOpenArgs>(bytes);
        Assert.NotNull(args.Name);
        Assert.Equal("", args.Name);
        Assert.Equal(ConnectFlags.None, args.Flags);
        AssertMessage(bytes, ProcedureTable.ConnectOpen.Call(2, new ConnectOpenArgs("", ConnectFlags.None)));
    }

    [Fact]
    public void Connect_open_with_uri_and_get_uri_reply()
    {
        var (_, open) = Vector("""
            00000038 20008086 00000001 00000001 00000000 00000002 00000000
            00000001 0000000e 71656d75 3a2f2f2f 73797374 656d0000 00000000
            """);
        Assert.Equal(new ConnectOpenArgs("qemu:///system", ConnectFlags.None), DecodePayload<ConnectOpenArgs>(open));

        var (header, uri) = Vector("""
            00000030 20008086 00000001 0000006e 00000001 00000003 00000000
            0000000e 71656d75 3a2f2f2f 73797374 656d0000
            """);
        Assert.Equal("qemu:///system", DecodePayload<ConnectGetUriRet>(uri).Uri);
        AssertMessage(uri, ProcedureTable.ConnectGetUri.Reply(header with { Type = MessageType.Call }, new ConnectGetUriRet("qemu:///system")));
    }

    [Fact]
    public void List_all_domains_call_and_one_domain_reply()
    {
        var (call, callBytes) = Vector("00000024 20008086 00000001 00000111 00000000 00000007 00000000 00000001 00000003");
        var args = ProcedureTable.ConnectListAllDomains.DecodeArgs(callBytes.AsSpan(28));
        Assert.Equal(1, args.NeedResults);
        Assert.Equal(ListDomainsFlags.Active | ListDomainsFlags.Inactive, args.Flags);

        var (_, reply) = Vector("""
            00000040 20008086 00000001 00000111 00000001 00000007 00000000
            00000001 00000004 6c616231 6f0c8a3e 1b2d4c5e 9f700123 456789ab 00000002 00000001
            """);
        var ret = DecodePayload<ListAllDomainsRet>(reply);
        Assert.Equal([new DomainRef("lab1", Lab1, 2)], ret.Domains);
        Assert.Equal(1u, ret.Ret);
        AssertMessage(reply, ProcedureTable.ConnectListAllDomains.Reply(call, new ListAllDomainsRet([new DomainRef("lab1", Lab1, 2)], 1)));
    }

    [Fact]
    public void Domain_get_state_reply()
    {
        var (header, reply) = Vector("00000024 20008086 00000001 000000d4 00000001 00000008 00000000 00000001 00000001");
        var ret = DecodePayload<DomainGetStateRet>(reply);
        Assert.Equal(DomainStateInfo.Of(RunningReason.Booted), ret.ToStateInfo());
        AssertMessage(reply, MessageBuilder.Reply(header, DomainGetStateRet.From(DomainStateInfo.Of(RunningReason.Booted))));
    }

    [Fact]
    public void Lookup_by_name_reply_for_an_inactive_domain_has_id_minus_one()
    {
        var (header, reply) = Vector("""
            00000038 20008086 00000001 00000017 00000001 00000007 00000000
            00000004 6c616231 6f0c8a3e 1b2d4c5e 9f700123 456789ab ffffffff
            """);
        var dom = DecodePayload<DomainRet>(reply).Dom;
        Assert.Equal(new DomainRef("lab1", Lab1, DomainRef.InactiveId), dom);
        Assert.False(dom.IsActive);
        AssertMessage(reply, MessageBuilder.Reply(header, new DomainRet(dom)));
    }

    [Fact]
    public void Domain_get_info_reply_widens_state_and_vcpus()
    {
        var (header, reply) = Vector("""
            0000003c 20008086 00000001 00000010 00000001 00000009 00000000
            00000005 00000000 00010000 00000000 00010000 00000001 00000000 00000000
            """);
        var info = DecodePayload<DomainGetInfoRet>(reply).ToDomainInfo();
        Assert.Equal(new DomainInfo(DomainState.Shutoff, 65536, 65536, 1, 0), info);
        AssertMessage(reply, MessageBuilder.Reply(header, DomainGetInfoRet.From(info)));
    }

    [Fact]
    public void Node_get_security_model_reply_has_nul_terminated_char_arrays()
    {
        var (header, reply) = Vector("""
            00000040 20008086 00000001 0000007a 00000001 0000000d 00000000
            00000005 0000006e 0000006f 0000006e 00000065 00000000
            00000002 00000030 00000000
            """);
        Assert.Equal(new NodeGetSecurityModelRet("none", "0"), DecodePayload<NodeGetSecurityModelRet>(reply));
        AssertMessage(reply, MessageBuilder.Reply(header, NodeGetSecurityModelRet.None));
    }

    [Fact]
    public void Node_get_info_reply_is_188_bytes()
    {
        var model = string.Concat("x86_64".Select(c => $"{(int)c:x8} ")) + string.Concat(Enumerable.Repeat("00000000 ", 26));
        var (header, reply) = Vector($"""
            000000bc 20008086 00000001 00000006 00000001 00000004 00000000
            {model}
            00000000 005768d8 00000002 000009c3 00000001 00000001 00000002 00000001
            """);
        Assert.Equal(188, reply.Length);
        var info = DecodePayload<NodeGetInfoRet>(reply).ToNodeInfo();
        Assert.Equal(new Virt.Api.Host.NodeInfo("x86_64", 5728472, 2, 2499, 1, 1, 2, 1), info);
        AssertMessage(reply, MessageBuilder.Reply(header, NodeGetInfoRet.From(info)));
    }

    [Fact]
    public void Error_reply_to_lookup_by_name_maps_onto_VirtException()
    {
        var (header, reply) = Vector("""
            000000d4 20008086 00000001 00000017 00000001 00000007 00000001
            0000002a 0000000a 00000001 0000003d "Domain not found: no domain with matching name 'nosuchdomain'" 000000
            00000002 00000000 00000001 00000014 "Domain not found: %s"
            00000001 0000002b "no domain with matching name 'nosuchdomain'" 00
            00000000 ffffffff ffffffff 00000000
            """);
        Assert.Equal(MessageStatus.Error, header.Status);
        var error = DecodePayload<RemoteError>(reply);
        Assert.Equal(2, error.Level);
        Assert.Null(error.Dom);
        Assert.Null(error.Net);

        var exception = error.ToException();
        Assert.Equal(ErrorCode.NoDomain, exception.Code);
        Assert.Equal(ErrorDomain.Qemu, exception.Domain);
        Assert.Equal("Domain not found: no domain with matching name 'nosuchdomain'", exception.Message);
        Assert.Equal("Domain not found: %s", exception.Str1);
        Assert.Equal("no domain with matching name 'nosuchdomain'", exception.Str2);
        Assert.Null(exception.Str3);
        Assert.Equal(-1, exception.Int1);
        Assert.Equal(-1, exception.Int2);

        // Virt.Api's own factory produces exactly libvirtd's error.
        var call = header with { Type = MessageType.Call, Status = MessageStatus.Ok };
        AssertMessage(reply, MessageBuilder.ErrorReply(call, RemoteError.FromException(VirtErrors.NoDomainByName("nosuchdomain"))));
    }

    [Fact]
    public void Keepalive_ping_and_pong()
    {
        var (ping, pingBytes) = Vector("0000001c 6b656570 00000001 00000001 00000002 00000000 00000000");
        var (pong, pongBytes) = Vector("0000001c 6b656570 00000001 00000002 00000002 00000000 00000000");
        Assert.Equal(SpecHex.Hex(pingBytes), SpecHex.Hex(Keepalive.PingBytes));
        Assert.Equal(SpecHex.Hex(pongBytes), SpecHex.Hex(Keepalive.PongBytes));
        Assert.Equal(ping, Keepalive.PingHeader);
        Assert.Equal(pong, Keepalive.PongHeader);
        Assert.True(Keepalive.IsPing(ping));
        Assert.False(Keepalive.IsPong(ping));
        Assert.True(Keepalive.IsPong(pong));
        Assert.False(Keepalive.IsPing(pong));
        AssertMessage(pingBytes, Keepalive.Ping());
        AssertMessage(pongBytes, Keepalive.Pong());
    }

    [Fact]
    public void Console_stream_data_and_finish()
    {
        var (_, data) = Vector("0000001d 20008086 00000001 000000c9 00000003 00000009 00000002 1b");
        AssertMessage(data, StreamPackets.Data(RemoteProcedure.DomainOpenConsole, 9, [0x1b]));

        var (_, finish) = Vector("0000001c 20008086 00000001 000000c9 00000003 00000009 00000000");
        AssertMessage(finish, StreamPackets.Finish(RemoteProcedure.DomainOpenConsole, 9));
    }

    [Fact]
    public void Lifecycle_event_with_callback_id()
    {
        var (_, bytes) = Vector("""
            00000044 20008086 00000001 0000013e 00000002 00000001 00000000
            00000000 00000004 6c616231 6f0c8a3e 1b2d4c5e 9f700123 456789ab 00000006 00000004 00000000
            """);
        var msg = DecodePayload<DomainEventCallbackLifecycleMsg>(bytes);
        Assert.Equal(0, msg.CallbackId);
        Assert.Equal(new DomainRef("lab1", Lab1, 6), msg.Msg.Dom);
        Assert.Equal(DomainEventType.Resumed, msg.Msg.Event);
        Assert.Equal(0, msg.Msg.Detail);
        AssertMessage(bytes, ProcedureTable.DomainEventCallbackLifecycle.Message(
            new DomainEventCallbackLifecycleMsg(0, new DomainEventLifecycleMsg(new DomainRef("lab1", Lab1, 6), DomainEventType.Resumed, 0))));
    }
}
