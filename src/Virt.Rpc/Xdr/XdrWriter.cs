using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Virt.Rpc.Xdr;

/// <summary>Writes one element of an XDR array (see <see cref="XdrWriter.WriteArray{T}"/>).</summary>
public delegate void XdrWriteAction<in T>(XdrWriter writer, T value);

/// <summary>
/// An XDR (RFC 4506) encoder writing big-endian words straight into an <see cref="IBufferWriter{T}"/>
/// (normally a <see cref="PooledBufferWriter"/>). Sizes are checked before anything is written, so a
/// string or array over its limit throws <see cref="XdrException"/> without emitting a partial field.
/// </summary>
public sealed class XdrWriter
{
    private static readonly Encoding Utf8 = Encoding.UTF8;
    private readonly IBufferWriter<byte> _output;

    public XdrWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Bytes written through this writer.</summary>
    public long BytesWritten { get; private set; }

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void WriteUInt(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void WriteHyper(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    public void WriteUHyper(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    public void WriteBool(bool value) => WriteInt(value ? 1 : 0);

    /// <summary>An <c>unsigned char</c>, widened by rpcgen to 4 bytes.</summary>
    public void WriteUChar(byte value) => WriteUInt(value);

    /// <summary>An <c>unsigned short</c>, widened by rpcgen to 4 bytes.</summary>
    public void WriteUShort(ushort value) => WriteUInt(value);

    /// <summary>The discriminant of an optional (<c>T *x</c>).</summary>
    public void WriteOptionalFlag(bool present) => WriteBool(present);

    /// <summary><c>string&lt;max&gt;</c> as UTF-8: length word, bytes, zero padding to 4. No NUL terminator.</summary>
    public void WriteString(string value, int maxLength = XdrLimits.StringMax)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Utf8.GetByteCount(value);
        if (length > maxLength)
            XdrThrow.TooLong("string", length, maxLength);
        var total = 4 + XdrPadding.Align(length);
        var span = _output.GetSpan(total);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Utf8.GetBytes(value, span.Slice(4, length));
        span.Slice(4 + length, total - 4 - length).Clear();
        Advance(total);
    }

    /// <summary><c>remote_string</c>: flag 0 for null; flag 1 and the string otherwise ("" stays "").</summary>
    public void WriteOptionalString(string? value, int maxLength = XdrLimits.StringMax)
    {
        WriteOptionalFlag(value is not null);
        if (value is not null) WriteString(value, maxLength);
    }

    /// <summary><c>opaque&lt;max&gt;</c>: length word, bytes, padding.</summary>
    public void WriteOpaque(ReadOnlySpan<byte> value, int maxLength)
    {
        if (value.Length > maxLength)
            XdrThrow.TooLong("opaque", value.Length, maxLength);
        WriteInt(value.Length);
        WriteOpaqueFixed(value);
    }

    /// <summary><c>opaque[N]</c>: the bytes and their padding, no length word.</summary>
    public void WriteOpaqueFixed(ReadOnlySpan<byte> value)
    {
        var total = XdrPadding.Align(value.Length);
        var span = _output.GetSpan(total);
        value.CopyTo(span);
        span.Slice(value.Length, total - value.Length).Clear();
        Advance(total);
    }

    /// <summary>
    /// <c>remote_uuid</c>: 16 raw bytes in RFC 4122 (big-endian) order, the order of the text form.
    /// </summary>
    public void WriteUuid(Guid value)
    {
        var span = _output.GetSpan(16);
        value.TryWriteBytes(span, bigEndian: true, out _);
        Advance(16);
    }

    /// <summary>The zero padding that follows <paramref name="dataLength"/> bytes of data.</summary>
    public void WritePadding(int dataLength)
    {
        var pad = XdrPadding.Of(dataLength);
        if (pad == 0) return;
        _output.GetSpan(pad)[..pad].Clear();
        Advance(pad);
    }

    /// <summary>
    /// <c>char name[count]</c>: the UTF-8 bytes of <paramref name="value"/>, NUL-padded to
    /// <paramref name="count"/>, each widened to a 4-byte int. At least one NUL must fit.
    /// </summary>
    public void WriteFixedCharArray(string value, int count)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Utf8.GetByteCount(value);
        if (length >= count)
            XdrThrow.TooLong("char array", length + 1, count);
        WriteWidenedChars(value, length, count);
    }

    /// <summary>
    /// <c>char name&lt;max&gt;</c> holding a C string: count = bytes + 1, then each byte and the trailing
    /// NUL widened to 4 bytes (libvirt's clients copy it with C string functions). Null writes a
    /// zero-length array ("no model", "no label").
    /// </summary>
    public void WriteCharArray(string? value, int maxCount)
    {
        if (value is null)
        {
            WriteInt(0);
            return;
        }

        var length = Utf8.GetByteCount(value);
        if (length + 1 > maxCount)
            XdrThrow.TooLong("char array", length + 1, maxCount);
        WriteInt(length + 1);
        WriteWidenedChars(value, length, length + 1);
    }

    /// <summary><c>T x&lt;max&gt;</c>: count, then each element.</summary>
    public void WriteArray<T>(IReadOnlyList<T> items, int maxCount, XdrWriteAction<T> writeElement)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > maxCount)
            XdrThrow.TooLong("array", items.Count, maxCount);
        WriteInt(items.Count);
        for (var i = 0; i < items.Count; i++)
            writeElement(this, items[i]);
    }

    /// <summary>Raw bytes with no length word and no padding (stream data).</summary>
    public void WriteRaw(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        data.CopyTo(_output.GetSpan(data.Length));
        Advance(data.Length);
    }

    private void WriteWidenedChars(string value, int byteLength, int count)
    {
        byte[]? rented = null;
        var bytes = byteLength <= 512 ? stackalloc byte[byteLength] : (rented = ArrayPool<byte>.Shared.Rent(byteLength)).AsSpan(0, byteLength);
        try
        {
            Utf8.GetBytes(value, bytes);
            var total = count * 4;
            var span = _output.GetSpan(total)[..total];
            span.Clear();
            for (var i = 0; i < byteLength; i++)
            {
                // C's char is signed on the platforms libvirt runs on, and rpcgen sign-extends it.
                BinaryPrimitives.WriteInt32BigEndian(span.Slice(i * 4, 4), (sbyte)bytes[i]);
            }
            Advance(total);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        BytesWritten += count;
    }
}
