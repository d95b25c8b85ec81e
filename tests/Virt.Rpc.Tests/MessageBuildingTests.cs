using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

public sealed class MessageBuildingTests
{
    [Fact]
    public void Header_reads_and_writes_all_seven_words()
    {
        var header = new MessageHeader(0x11223344, 0x20008086, 1, -5, MessageType.Stream, 0xfffffffe, MessageStatus.Continue);
        var bytes = new byte[MessageHeader.Size];
        header.Write(bytes);
        Assert.Equal("11223344" + "20008086" + "00000001" + "fffffffb" + "00000003" + "fffffffe" + "00000002", SpecHex.Hex(bytes));
        Assert.Equal(header, MessageHeader.Read(bytes));
        Assert.Equal(0x11223344 - 28, header.PayloadLength);
        Assert.Throws<XdrException>(() => MessageHeader.Read(bytes.AsSpan(0, 27)));
    }

    [Fact]
    public void Reply_copies_program_version_procedure_and_serial()
    {
        var call = new MessageHeader(40, RpcProgram.Remote, 1, 23, MessageType.Call, 77, MessageStatus.Ok);
        var reply = call.ToReply();
        Assert.Equal(new MessageHeader(0, RpcProgram.Remote, 1, 23, MessageType.Reply, 77, MessageStatus.Ok), reply);
        Assert.Equal(MessageStatus.Error, call.ToReply(MessageStatus.Error).Status);
    }

    [Fact]
    public void Length_word_is_computed_from_the_payload()
    {
        var call = new MessageHeader(999, RpcProgram.Remote, 1, 3, MessageType.Call, 4, MessageStatus.Ok);
        using var reply = MessageBuilder.Reply(call, new ConnectGetTypeRet("QEMU"));
        Assert.Equal(28u + 8u, reply.Header.Length);
        Assert.Equal(36, reply.Memory.Length);
        Assert.Equal("00000024", SpecHex.Hex(reply.Memory.Span[..4]));
        Assert.Equal(reply.Header, MessageHeader.Read(reply.Memory.Span));
    }

    [Fact]
    public void Void_reply_is_exactly_28_bytes()
    {
        var call = new MessageHeader(28, RpcProgram.Remote, 1, 2, MessageType.Call, 12, MessageStatus.Ok);
        using var reply = ProcedureTable.ConnectClose.Reply(call, XdrVoid.Value);
        Assert.Equal("0000001c200080860000000100000002000000010000000c00000000", SpecHex.Hex(reply.Memory.Span));
    }

    [Fact]
    public void Event_messages_use_serial_one()
    {
        var body = new DomainEventCallbackLifecycleMsg(2, new DomainEventLifecycleMsg(
            new Virt.Api.Domains.DomainRef("a", Guid.Empty, 1), Virt.Api.Domains.DomainEventType.Started, 0));
        using var message = ProcedureTable.DomainEventCallbackLifecycle.Message(body);
        var header = message.Header;
        Assert.Equal(MessageType.Message, header.Type);
        Assert.Equal(1u, header.Serial);
        Assert.Equal(318, header.Procedure);
        Assert.Equal(body, XdrStruct.Decode<DomainEventCallbackLifecycleMsg>(message.Memory.Span[28..]));
    }

    [Fact]
    public void Memory_is_only_available_once_completed()
    {
        using var message = OutgoingMessage.Begin(new MessageHeader(0, RpcProgram.Remote, 1, 3, MessageType.Reply, 1, MessageStatus.Ok));
        Assert.False(message.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => message.Memory);
        message.Payload.WriteInt(5);
        var first = message.Complete();
        Assert.True(message.IsCompleted);
        Assert.Equal(first.ToArray(), message.Complete().ToArray());
        Assert.Equal(32u, message.Header.Length);
    }

    [Fact]
    public void A_message_over_32_MiB_cannot_be_built()
    {
        using var message = OutgoingMessage.Begin(new MessageHeader(0, RpcProgram.Remote, 1, 7, MessageType.Reply, 1, MessageStatus.Ok));
        var chunk = new byte[XdrLimits.StreamPacketMax];
        var ex = Assert.Throws<XdrException>(() =>
        {
            for (var i = 0; i < 200; i++) message.Payload.WriteRaw(chunk); // 200 × 256 KiB = 50 MiB
        });
        Assert.Contains("message", ex.Message);
        Assert.True(message.Payload.BytesWritten <= XdrLimits.PayloadMax);
    }

    [Fact]
    public void Stream_data_over_the_packet_limit_is_refused()
    {
        using var max = StreamPackets.Data(RemoteProcedure.DomainOpenConsole, 1, new byte[StreamPackets.MaxData]);
        Assert.Equal(28 + 262120, max.Memory.Length);
        Assert.Throws<XdrException>(() => StreamPackets.Data(RemoteProcedure.DomainOpenConsole, 1, new byte[StreamPackets.MaxData + 1]));
    }
}
