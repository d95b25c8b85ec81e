using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Virt.Engine.Qemu.Monitor;

/// <summary>
/// QMP framing: one JSON object per line ("\r\n" from QEMU, "\n" accepted). Parses straight out of the
/// pipe's pooled buffers, so the only per-message allocation is what <see cref="JsonDocument"/> needs.
/// Pretty-printed QMP (<c>pretty=on</c>) is not supported: we start QEMU ourselves and never ask for it.
/// Not thread-safe: the connection uses it from one reader at a time (handshake, then the read loop).
/// </summary>
internal sealed class QmpMessageReader
{
    // Deep enough for query-qmp-schema and nested block graphs, shallow enough to stop runaway input.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private readonly PipeReader _pipe;
    private readonly int _maxMessageBytes;

    // Bytes at the front of the unconsumed buffer already known to hold no '\n'. Remembering it keeps
    // a large message that trickles in from being rescanned on every read (which would be quadratic).
    private long _scanned;

    public QmpMessageReader(Stream stream, int maxMessageBytes)
    {
        _maxMessageBytes = maxMessageBytes;
        _pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
    }

    /// <summary>
    /// Returns the next message, owned by the caller (dispose it), or null at end of stream.
    /// Throws <see cref="QmpProtocolException"/> for invalid JSON or a message over the size cap.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<JsonDocument?> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _pipe.ReadAsync(ct).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
            {
                // Linux reports ECONNRESET instead of EOF when the peer closes with bytes of ours still
                // unread. QEMU does exactly that on `quit`: its monitor reads one byte at a time, so the
                // newline after the command is left behind. Everything it sent was delivered first, so
                // this is a hang-up, not a failure.
                return null;
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException("the QMP read was cancelled because the connection is closing");
            }

            var buffer = result.Buffer;
            while (TryTakeLine(ref buffer, out var line))
            {
                if (IsBlank(line))
                {
                    continue;
                }

                JsonDocument message;
                try
                {
                    message = JsonDocument.Parse(line, DocumentOptions);
                }
                catch (JsonException ex)
                {
                    throw new QmpProtocolException($"QEMU sent invalid JSON on the monitor: {ex.Message}", ex);
                }

                _pipe.AdvanceTo(buffer.Start);
                return message;
            }

            // Checked before waiting for more, so a peer that never sends a newline cannot make us buffer forever.
            if (buffer.Length > _maxMessageBytes)
            {
                throw Oversized(buffer.Length);
            }

            if (result.IsCompleted)
            {
                // A half-written message at EOF is just part of the EOF: the peer is gone either way.
                _pipe.AdvanceTo(buffer.End);
                return null;
            }

            _pipe.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public ValueTask CompleteAsync() => _pipe.CompleteAsync();

    /// <summary>Wakes a pending <see cref="ReadAsync"/> (or the next one) with an <see cref="OperationCanceledException"/>.</summary>
    public void CancelPendingRead() => _pipe.CancelPendingRead();

    private bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.Slice(_scanned).PositionOf((byte)'\n');
        if (newline is null)
        {
            _scanned = buffer.Length;
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        _scanned = 0;
        if (line.Length > _maxMessageBytes)
        {
            throw Oversized(line.Length);
        }

        return true;
    }

    private static bool IsBlank(in ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private QmpProtocolException Oversized(long length) =>
        new($"QEMU monitor message exceeds the {_maxMessageBytes}-byte limit ({length} bytes buffered without a complete message)");
}
