namespace Virt.Rpc.Protocol;

/// <summary>
/// The KEEPALIVE program (SPEC a.9): PING (1) and PONG (2), type MESSAGE, status OK, serial 0, no
/// payload — 28 bytes each. The server answers every PING with a PONG and ignores incoming PONGs.
/// </summary>
public static class Keepalive
{
    public const uint Serial = 0;

    public static MessageHeader PingHeader { get; } = Header(KeepaliveProcedure.Ping);

    public static MessageHeader PongHeader { get; } = Header(KeepaliveProcedure.Pong);

    /// <summary><c>0000001c 6b656570 00000001 00000001 00000002 00000000 00000000</c>.</summary>
    public static ReadOnlySpan<byte> PingBytes =>
    [
        0x00, 0x00, 0x00, 0x1c, 0x6b, 0x65, 0x65, 0x70, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary><c>0000001c 6b656570 00000001 00000002 00000002 00000000 00000000</c>.</summary>
    public static ReadOnlySpan<byte> PongBytes =>
    [
        0x00, 0x00, 0x00, 0x1c, 0x6b, 0x65, 0x65, 0x70, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    public static bool IsKeepalive(in MessageHeader header) =>
        header.Program == RpcProgram.Keepalive && header.Version == RpcProgram.Version;

    public static bool IsPing(in MessageHeader header) =>
        IsKeepalive(header) && header.Procedure == (int)KeepaliveProcedure.Ping && header.Type == MessageType.Message;

    public static bool IsPong(in MessageHeader header) =>
        IsKeepalive(header) && header.Procedure == (int)KeepaliveProcedure.Pong && header.Type == MessageType.Message;

    public static OutgoingMessage Ping() => Build(PingHeader);

    public static OutgoingMessage Pong() => Build(PongHeader);

    private static OutgoingMessage Build(in MessageHeader header)
    {
        var message = OutgoingMessage.Begin(header, MessageHeader.Size);
        message.Complete();
        return message;
    }

    private static MessageHeader Header(KeepaliveProcedure procedure) =>
        new(MessageHeader.Size, RpcProgram.Keepalive, RpcProgram.Version, (int)procedure, MessageType.Message, Serial,
            MessageStatus.Ok);
}
