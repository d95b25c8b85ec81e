using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Virt.Rpc.Protocol;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Framing;

/// <summary>
/// Splits a byte stream into messages by their length word and writes messages back. A length word
/// under 28 (no room for the header) or over <see cref="XdrLimits.LengthWordMax"/> (4 + 32 MiB) is a
/// protocol error: <see cref="RpcProtocolException"/>, and the caller drops the connection.
/// Not thread-safe: one reader loop per connection, and writers must be serialised by the caller.
/// </summary>
public static class MessageFramer
{
    /// <summary>
    /// Reads the next whole message. Returns null on a clean EOF (between messages); EOF inside a
    /// message or a bad length word throws <see cref="RpcProtocolException"/>.
    /// </summary>
    public static async ValueTask<IncomingMessage?> ReadMessageAsync(PipeReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var needed = XdrLimits.LengthWordSize;
        while (true)
        {
            // The only I/O: wait until the bytes the frame needs are buffered.
            var result = await reader.ReadAtLeastAsync(needed, cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;

            bool complete;
            IncomingMessage? message;
            try
            {
                complete = TryReadMessage(ref buffer, out message, out needed);
            }
            catch (RpcProtocolException)
            {
                reader.AdvanceTo(result.Buffer.Start);
                throw;
            }

            if (complete)
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }

            // Nothing consumed; everything examined (ReadAtLeastAsync asks for `needed` next time).
            reader.AdvanceTo(buffer.Start, buffer.End);

            if (result.IsCompleted || result.IsCanceled)
            {
                if (result.IsCanceled)
                    throw new OperationCanceledException("The read was cancelled.");
                if (buffer.IsEmpty) return null;
                throw new RpcProtocolException($"connection closed inside a message ({buffer.Length} of {needed} bytes received)");
            }
        }
    }

    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/> if it is all there (advancing
    /// <paramref name="buffer"/> past it); otherwise leaves it alone and reports in
    /// <paramref name="bytesNeeded"/> how many bytes the next message needs in total.
    /// </summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out IncomingMessage? message, out int bytesNeeded)
    {
        message = null;
        if (buffer.Length < XdrLimits.LengthWordSize)
        {
            bytesNeeded = XdrLimits.LengthWordSize;
            return false;
        }

        Span<byte> word = stackalloc byte[XdrLimits.LengthWordSize];
        buffer.Slice(0, XdrLimits.LengthWordSize).CopyTo(word);
        var length = ValidateLength(BinaryPrimitives.ReadUInt32BigEndian(word));

        bytesNeeded = length;
        if (buffer.Length < length) return false;

        message = IncomingMessage.Create(buffer.Slice(0, length));
        buffer = buffer.Slice(length);
        return true;
    }

    /// <summary>Checks a length word; returns it as an int or throws <see cref="RpcProtocolException"/>.</summary>
    public static int ValidateLength(uint lengthWord)
    {
        if (lengthWord < XdrLimits.MessagePrefixSize)
            throw new RpcProtocolException($"packet {lengthWord} bytes received too small, want at least {XdrLimits.MessagePrefixSize}");
        if (lengthWord > XdrLimits.LengthWordMax)
            throw new RpcProtocolException($"packet {lengthWord} bytes received too large, want at most {XdrLimits.LengthWordMax}");
        return (int)lengthWord;
    }

    /// <summary>Writes a completed message and flushes.</summary>
    public static ValueTask<FlushResult> WriteAsync(PipeWriter writer, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        return writer.WriteAsync(message.Complete(), cancellationToken);
    }

    /// <summary>
    /// Writes a header and an already-encoded payload and flushes: the length word is computed first
    /// (28 + payload) and checked against the maximum before any byte is written.
    /// </summary>
    public static ValueTask<FlushResult> WriteAsync(PipeWriter writer, MessageHeader header, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = (long)MessageHeader.Size + payload.Length;
        if (length > XdrLimits.LengthWordMax)
            throw new XdrException($"message of {length} bytes exceeds maximum {XdrLimits.LengthWordMax}");

        var span = writer.GetSpan(MessageHeader.Size);
        (header with { Length = (uint)length }).Write(span);
        writer.Advance(MessageHeader.Size);
        return writer.WriteAsync(payload, cancellationToken);
    }
}
