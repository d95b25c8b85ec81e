using System.Buffers.Binary;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary>
/// The 28 bytes that start every message: the length word (counting itself) and libvirt's
/// <c>virNetMessageHeader</c> (prog, vers, proc, type, serial, status), all big-endian.
/// </summary>
public readonly record struct MessageHeader(
    uint Length,
    uint Program,
    uint Version,
    int Procedure,
    MessageType Type,
    uint Serial,
    MessageStatus Status)
{
    /// <summary>Length word plus header.</summary>
    public const int Size = XdrLimits.MessagePrefixSize;

    /// <summary>The payload size implied by <see cref="Length"/>.</summary>
    public int PayloadLength => checked((int)Length - Size);

    /// <summary>
    /// A header for the reply to this call: same prog, vers, proc and serial (the client matches on
    /// them), type REPLY. The length is filled in when the message is completed.
    /// </summary>
    public MessageHeader ToReply(MessageStatus status = MessageStatus.Ok) =>
        this with { Length = 0, Type = MessageType.Reply, Status = status };

    /// <summary>Reads the header from the first 28 bytes of a message (no validation of the length).</summary>
    public static MessageHeader Read(ReadOnlySpan<byte> message)
    {
        if (message.Length < Size)
            XdrThrow.Truncated(Size, message.Length);
        return new MessageHeader(
            BinaryPrimitives.ReadUInt32BigEndian(message),
            BinaryPrimitives.ReadUInt32BigEndian(message[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(message[8..]),
            BinaryPrimitives.ReadInt32BigEndian(message[12..]),
            (MessageType)BinaryPrimitives.ReadInt32BigEndian(message[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(message[20..]),
            (MessageStatus)BinaryPrimitives.ReadInt32BigEndian(message[24..]));
    }

    /// <summary>Writes the 28 header bytes, length word included.</summary>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"Need {Size} bytes for a message header.", nameof(destination));
        BinaryPrimitives.WriteUInt32BigEndian(destination, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Program);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Version);
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], Procedure);
        BinaryPrimitives.WriteInt32BigEndian(destination[16..], (int)Type);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], Serial);
        BinaryPrimitives.WriteInt32BigEndian(destination[24..], (int)Status);
    }

    public override string ToString() =>
        $"len={Length} prog=0x{Program:x8} vers={Version} proc={Procedure} type={Type} serial={Serial} status={Status}";
}
