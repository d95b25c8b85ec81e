using Virt.Rpc.Xdr;

namespace Virt.Rpc.Protocol;

/// <summary>
/// One message being built in a pooled buffer: the 28 header bytes are reserved, the payload is
/// encoded through <see cref="Payload"/>, and <see cref="Complete"/> writes the header with the now
/// known length. The finished bytes go to the socket in one piece, so the length is always computed
/// before anything is written. The buffer is capped at the protocol maximum: encoding more throws
/// <see cref="XdrException"/>. Dispose returns the buffer to the pool.
/// </summary>
public sealed class OutgoingMessage : IDisposable
{
    private readonly PooledBufferWriter _buffer;
    private MessageHeader _header;
    private bool _completed;

    private OutgoingMessage(in MessageHeader header, int initialCapacity)
    {
        _header = header with { Length = 0 };
        _buffer = new PooledBufferWriter(Math.Max(initialCapacity, MessageHeader.Size), XdrLimits.LengthWordMax);
        _buffer.GetSpan(MessageHeader.Size)[..MessageHeader.Size].Clear();
        _buffer.Advance(MessageHeader.Size);
        Payload = new XdrWriter(_buffer);
    }

    /// <summary>Starts a message; the header's <see cref="MessageHeader.Length"/> is ignored and computed later.</summary>
    public static OutgoingMessage Begin(in MessageHeader header, int initialCapacity = XdrLimits.InitialBufferSize) =>
        new(header, initialCapacity);

    /// <summary>Where the payload goes. Do not write after <see cref="Complete"/>.</summary>
    public XdrWriter Payload { get; }

    /// <summary>The header; its length is set once the message is completed.</summary>
    public MessageHeader Header => _header;

    /// <summary>True once <see cref="Complete"/> ran.</summary>
    public bool IsCompleted => _completed;

    /// <summary>The whole message (length word first). Only valid after <see cref="Complete"/>.</summary>
    public ReadOnlyMemory<byte> Memory =>
        _completed ? _buffer.WrittenMemory : throw new InvalidOperationException("The message is not completed yet.");

    /// <summary>Fixes the length word and header; idempotent.</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        if (!_completed)
        {
            _header = _header with { Length = (uint)_buffer.WrittenCount };
            _header.Write(_buffer.WrittenSpanMutable);
            _completed = true;
        }
        return _buffer.WrittenMemory;
    }

    public void Dispose() => _buffer.Dispose();
}
