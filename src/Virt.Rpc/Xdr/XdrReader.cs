using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Virt.Rpc.Xdr;

/// <summary>Reads one element of an XDR array (see <see cref="XdrReader.ReadArray{T}"/>).</summary>
public delegate T XdrReadFunc<out T>(ref XdrReader reader);

/// <summary>
/// A forward-only XDR (RFC 4506) decoder over a span. Every read is bounds-checked and throws
/// <see cref="XdrException"/> on truncation, on a string or array over its limit, or on a bad
/// discriminant; nothing is allocated for a count before the bytes for it are known to be there.
/// Padding bytes are skipped without being checked, as rpcgen's decoder does.
/// </summary>
public ref struct XdrReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public XdrReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Decodes a whole payload held in a sequence (copying only when it spans segments).</summary>
    public static T Decode<T>(in ReadOnlySequence<byte> payload, XdrReadFunc<T> read)
    {
        if (payload.IsSingleSegment)
            return DecodeAll(payload.FirstSpan, read);

        var length = checked((int)payload.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(rented);
            return DecodeAll(rented.AsSpan(0, length), read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes a whole payload and insists that nothing is left over.</summary>
    public static T DecodeAll<T>(ReadOnlySpan<byte> payload, XdrReadFunc<T> read)
    {
        var reader = new XdrReader(payload);
        var value = read(ref reader);
        reader.EnsureEnd();
        return value;
    }

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public uint ReadUInt() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public long ReadHyper() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public ulong ReadUHyper() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>An XDR bool: exactly 0 or 1.</summary>
    public bool ReadBool()
    {
        var value = ReadInt();
        if (value is not (0 or 1))
            XdrThrow.Invalid($"XDR bool must be 0 or 1, got {value}");
        return value == 1;
    }

    /// <summary>An <c>unsigned char</c>, which rpcgen widens to a 4-byte unsigned int.</summary>
    public byte ReadUChar()
    {
        var value = ReadUInt();
        if (value > byte.MaxValue)
            XdrThrow.Invalid($"XDR unsigned char out of range: {value}");
        return (byte)value;
    }

    /// <summary>An <c>unsigned short</c>, which rpcgen widens to a 4-byte unsigned int.</summary>
    public ushort ReadUShort()
    {
        var value = ReadUInt();
        if (value > ushort.MaxValue)
            XdrThrow.Invalid($"XDR unsigned short out of range: {value}");
        return (ushort)value;
    }

    /// <summary>The discriminant of an optional (<c>T *x</c>): true when a value follows.</summary>
    public bool ReadOptionalFlag() => ReadBool();

    /// <summary><c>string&lt;max&gt;</c>: length word, UTF-8 bytes, padding to 4.</summary>
    public string ReadString(int maxLength = XdrLimits.StringMax)
    {
        var bytes = ReadOpaqueCore("string", maxLength);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary><c>remote_string</c>: an optional string; NULL (flag 0) is distinct from "" (flag 1, length 0).</summary>
    public string? ReadOptionalString(int maxLength = XdrLimits.StringMax) =>
        ReadOptionalFlag() ? ReadString(maxLength) : null;

    /// <summary><c>opaque&lt;max&gt;</c>: length word, bytes, padding. The span aliases the input.</summary>
    public ReadOnlySpan<byte> ReadOpaque(int maxLength) => ReadOpaqueCore("opaque", maxLength);

    /// <summary><c>opaque[length]</c>: exactly <paramref name="length"/> bytes plus padding, no length word.</summary>
    public ReadOnlySpan<byte> ReadOpaqueFixed(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var data = Take(length);
        SkipPadding(length);
        return data;
    }

    /// <summary>
    /// <c>remote_uuid</c> (opaque[16]): the 16 raw bytes in RFC 4122 order, i.e. the order of the text
    /// form <c>6f0c8a3e-1b2d-…</c>, read as a big-endian <see cref="Guid"/>.
    /// </summary>
    public Guid ReadUuid() => new(Take(16), bigEndian: true);

    /// <summary>
    /// <c>char name[count]</c>, each char widened to 4 bytes: a NUL-padded fixed field. Returns the
    /// text before the first NUL (all of it when there is none).
    /// </summary>
    public string ReadFixedCharArray(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return ReadWidenedChars(count);
    }

    /// <summary>
    /// <c>char name&lt;max&gt;</c>: a count, then count widened chars. libvirt sends C strings with their
    /// trailing NUL (<c>"none"</c> is count 5). A zero-length array decodes as null; otherwise the text
    /// before the first NUL is returned.
    /// </summary>
    public string? ReadCharArray(int maxCount)
    {
        var count = ReadArrayCount(maxCount, elementSize: 4);
        return count == 0 ? null : ReadWidenedChars(count);
    }

    /// <summary>
    /// The count of a variable array <c>T x&lt;max&gt;</c>, checked against its limit and against
    /// the bytes left (each element takes at least <paramref name="elementSize"/> bytes), so a
    /// hostile count can never make the caller allocate.
    /// </summary>
    public int ReadArrayCount(int maxCount, int elementSize = 4)
    {
        var count = ReadUInt();
        if (count > (uint)maxCount)
            XdrThrow.TooLong("array", count, maxCount);
        if (elementSize > 0 && count > (ulong)(Remaining / elementSize))
            XdrThrow.Truncated((long)count * elementSize, Remaining);
        return (int)count;
    }

    /// <summary><c>T x&lt;max&gt;</c>: count plus elements.</summary>
    public T[] ReadArray<T>(int maxCount, XdrReadFunc<T> readElement, int minElementSize = 4)
    {
        var count = ReadArrayCount(maxCount, minElementSize);
        if (count == 0) return [];
        var items = new T[count];
        for (var i = 0; i < items.Length; i++)
            items[i] = readElement(ref this);
        return items;
    }

    /// <summary>Everything left (a stream packet's raw data).</summary>
    public ReadOnlySpan<byte> ReadRemaining() => Take(Remaining);

    /// <summary>Throws when bytes are left over after a complete structure was decoded.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
            XdrThrow.Invalid($"XDR data has {Remaining} unexpected trailing bytes");
    }

    private ReadOnlySpan<byte> ReadOpaqueCore(string what, int maxLength)
    {
        var length = ReadUInt();
        if (length > (uint)maxLength)
            XdrThrow.TooLong(what, length, maxLength);
        var data = Take((int)length);
        SkipPadding((int)length);
        return data;
    }

    private string ReadWidenedChars(int count)
    {
        var wire = Take(checked(count * 4));
        byte[]? rented = null;
        var bytes = count <= 512 ? stackalloc byte[count] : (rented = ArrayPool<byte>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            var length = count;
            for (var i = 0; i < count; i++)
            {
                var value = BinaryPrimitives.ReadInt32BigEndian(wire.Slice(i * 4, 4));
                if (value is < sbyte.MinValue or > byte.MaxValue)
                    XdrThrow.Invalid($"XDR char out of range: {value}");
                bytes[i] = (byte)value;
                if (bytes[i] == 0 && length == count)
                    length = i;
            }
            return Encoding.UTF8.GetString(bytes[..length]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void SkipPadding(int dataLength) => Take(XdrPadding.Of(dataLength));

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining)
            XdrThrow.Truncated(count, Remaining);
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
