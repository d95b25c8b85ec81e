using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary>
/// Stream packets (SPEC a.11): type STREAM, proc and serial of the call that opened the stream
/// (DOMAIN_OPEN_CONSOLE). CONTINUE carries raw bytes (no length word, no padding, at most
/// <see cref="MaxData"/>); OK with no payload ends the stream; ERROR carries a <c>remote_error</c>.
/// </summary>
public static class StreamPackets
{
    /// <summary>Most data bytes in one packet (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX).</summary>
    public const int MaxData = XdrLimits.StreamPacketMax;

    /// <summary>STREAM/CONTINUE with raw data.</summary>
    public static OutgoingMessage Data(RemoteProcedure procedure, uint serial, ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxData)
            throw new XdrException($"stream packet of {data.Length} bytes exceeds maximum {MaxData}");
        var message = OutgoingMessage.Begin(Header(procedure, serial, MessageStatus.Continue), MessageHeader.Size + data.Length);
        message.Payload.WriteRaw(data);
        message.Complete();
        return message;
    }

    /// <summary>STREAM/OK, empty: end of stream (also the answer to the client's own finish).</summary>
    public static OutgoingMessage Finish(RemoteProcedure procedure, uint serial)
    {
        var message = OutgoingMessage.Begin(Header(procedure, serial, MessageStatus.Ok), MessageHeader.Size);
        message.Complete();
        return message;
    }

    /// <summary>STREAM/ERROR with a <c>remote_error</c>: ends the stream with that error.</summary>
    public static OutgoingMessage Error(RemoteProcedure procedure, uint serial, RemoteError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return MessageBuilder.Build(Header(procedure, serial, MessageStatus.Error), error);
    }

    public static bool IsStream(in MessageHeader header) => header.Type == MessageType.Stream;

    private static MessageHeader Header(RemoteProcedure procedure, uint serial, MessageStatus status) =>
        new(0, RpcProgram.Remote, RpcProgram.Version, (int)procedure, MessageType.Stream, serial, status);
}
