namespace Virt.Rpc.Xdr;

/// <summary>
/// A value with an XDR wire form: a static decoder and an instance encoder. Every args, ret and
/// event record of the protocol implements it, so the procedure table can hold codecs as types.
/// </summary>
public interface IXdrStruct<TSelf> where TSelf : IXdrStruct<TSelf>
{
    static abstract TSelf Decode(ref XdrReader reader);

    void Encode(XdrWriter writer);
}

/// <summary>XDR <c>void</c>: no bytes at all (a 28-byte message).</summary>
public readonly record struct XdrVoid : IXdrStruct<XdrVoid>
{
    public static readonly XdrVoid Value = default;

    public static XdrVoid Decode(ref XdrReader reader) => default;

    public void Encode(XdrWriter writer) { }
}

/// <summary>Whole-payload helpers for <see cref="IXdrStruct{TSelf}"/> types.</summary>
public static class XdrStruct
{
    /// <summary>Decodes a complete payload; leftover bytes are an error.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> payload) where T : IXdrStruct<T>
    {
        var reader = new XdrReader(payload);
        var value = T.Decode(ref reader);
        reader.EnsureEnd();
        return value;
    }

    /// <summary>Encodes into a fresh array (tests, small one-off payloads).</summary>
    public static byte[] Encode<T>(T value) where T : IXdrStruct<T>
    {
        using var buffer = new PooledBufferWriter();
        value.Encode(new XdrWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }
}
