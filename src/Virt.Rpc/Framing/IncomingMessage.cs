using System.Buffers;
using Virt.Rpc.Protocol;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Framing;

/// <summary>
/// One received message, copied out of the pipe into a pooled array so the reader can move on while
/// the message is dispatched elsewhere. Dispose returns the array to the pool.
/// </summary>
public sealed class IncomingMessage : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private IncomingMessage(byte[] buffer, int length, MessageHeader header)
    {
        _buffer = buffer;
        _length = length;
        Header = header;
    }

    public MessageHeader Header { get; }

    /// <summary>The whole message, length word first.</summary>
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, _length);

    /// <summary>Everything after the 28 header bytes.</summary>
    public ReadOnlyMemory<byte> Payload => Buffer.AsMemory(MessageHeader.Size, _length - MessageHeader.Size);

    /// <summary>Decodes the whole payload as <typeparamref name="T"/> (trailing bytes are an error).</summary>
    public T Decode<T>() where T : IXdrStruct<T> => XdrStruct.Decode<T>(Payload.Span);

    /// <summary>Copies a complete message (already length-checked by the framer).</summary>
    internal static IncomingMessage Create(in ReadOnlySequence<byte> message)
    {
        var length = checked((int)message.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        message.CopyTo(buffer);
        return new IncomingMessage(buffer, length, MessageHeader.Read(buffer.AsSpan(0, length)));
    }

    /// <summary>Wraps bytes that hold exactly one message (tests, tools).</summary>
    public static IncomingMessage FromBytes(ReadOnlySpan<byte> message)
    {
        if (message.Length < MessageHeader.Size)
            throw new RpcProtocolException($"{message.Length} bytes cannot hold a message header");
        var header = MessageHeader.Read(message);
        MessageFramer.ValidateLength(header.Length);
        if (header.Length != message.Length)
            throw new RpcProtocolException($"length word {header.Length} does not match the {message.Length} bytes given");
        var buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        message.CopyTo(buffer);
        return new IncomingMessage(buffer, message.Length, header);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = null;
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(IncomingMessage));
}
