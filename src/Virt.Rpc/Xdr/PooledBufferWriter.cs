using System.Buffers;

namespace Virt.Rpc.Xdr;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>, with a
/// hard size cap: growing past <see cref="MaxSize"/> throws <see cref="XdrException"/>, so an encoder
/// can never build a message the peer would reject. Dispose returns the array to the pool.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;
    private bool _disposed;

    public PooledBufferWriter(int initialCapacity = 256, int maxSize = XdrLimits.LengthWordMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSize);
        MaxSize = maxSize;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(initialCapacity, maxSize));
    }

    /// <summary>The most bytes this writer will hold.</summary>
    public int MaxSize { get; }

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Already-written bytes, for patching a field (the length word) after the fact.</summary>
    internal Span<byte> WrittenSpanMutable => _buffer.AsSpan(0, _written);

    /// <summary>Forgets the content but keeps the buffer.</summary>
    public void Reset() => _written = 0;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > Available)
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written, Available);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written, Available);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Ensure(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sizeHint < 1) sizeHint = 1;
        if (sizeHint <= Available) return;

        var needed = (long)_written + sizeHint;
        if (needed > MaxSize)
            XdrThrow.TooLong("message", needed, MaxSize);
        var size = (int)Math.Min(Math.Max(needed, (long)_buffer.Length * 2), MaxSize);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    /// <summary>Free space, never beyond <see cref="MaxSize"/> even when the pool handed out a bigger array.</summary>
    private int Available => Math.Min(_buffer.Length, MaxSize) - _written;
}
