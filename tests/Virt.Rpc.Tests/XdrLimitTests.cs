using Virt.Rpc.Protocol;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

public sealed class XdrLimitTests
{
    [Fact]
    public void Protocol_limits_are_libvirt_9_values()
    {
        Assert.Equal(33554432, XdrLimits.MessageMax);            // 32 MiB (16 MiB before libvirt 9.0's change)
        Assert.Equal(33554408, XdrLimits.PayloadMax);
        Assert.Equal(XdrLimits.MessageMax - XdrLimits.HeaderSize, XdrLimits.PayloadMax);
        Assert.Equal(4194304, XdrLimits.StringMax);              // 4 MiB
        Assert.Equal(262120, XdrLimits.StreamPacketMax);
        Assert.Equal(65536, XdrLimits.InitialBufferSize);
        Assert.Equal(24, XdrLimits.HeaderSize);
        Assert.Equal(4, XdrLimits.LengthWordSize);
        Assert.Equal(28, XdrLimits.MessagePrefixSize);
        Assert.Equal(33554436, XdrLimits.LengthWordMax);
        Assert.Equal(32, XdrLimits.NumFdsMax);
        Assert.Equal(StreamPackets.MaxData, XdrLimits.StreamPacketMax);
    }

    [Fact]
    public void Remote_array_limits_are_pinned()
    {
        Assert.Equal(20, RemoteLimits.AuthTypeListMax);
        Assert.Equal(16384, RemoteLimits.DomainListMax);
        Assert.Equal(257, RemoteLimits.SecurityModelMax);
        Assert.Equal(257, RemoteLimits.SecurityDoiMax);
        Assert.Equal(4097, RemoteLimits.SecurityLabelMax);
        Assert.Equal(2048, RemoteLimits.DomainMessagesMax);
        Assert.Equal(32, RemoteLimits.NodeModelLength);
        Assert.Equal(16, RemoteLimits.UuidLength);
    }

    [Fact]
    public void String_of_exactly_four_MiB_is_accepted_and_one_byte_more_is_not()
    {
        var max = new string('x', XdrLimits.StringMax);
        using var buffer = new PooledBufferWriter();
        new XdrWriter(buffer).WriteString(max);
        Assert.Equal(4 + XdrLimits.StringMax, buffer.WrittenCount);
        Assert.Equal(max.Length, new XdrReader(buffer.WrittenSpan).ReadString().Length);

        using var over = new PooledBufferWriter();
        var ex = Assert.Throws<XdrException>(() => new XdrWriter(over).WriteString(max + "x"));
        Assert.Contains("4194304", ex.Message);
        Assert.Equal(0, over.WrittenCount); // nothing half-written
    }

    [Fact]
    public void Oversize_string_length_is_rejected_before_reading_its_bytes()
    {
        // Length 4 MiB + 1 with no data behind it: the limit error wins over truncation.
        var ex = Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00400001")).ReadString());
        Assert.Contains("exceeds maximum 4194304", ex.Message);

        var custom = Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000005 61626364 65000000")).ReadString(4));
        Assert.Contains("exceeds maximum 4", custom.Message);
    }

    [Fact]
    public void Huge_length_words_do_not_overflow()
    {
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("ffffffff")).ReadString());
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("ffffffff")).ReadOpaque(int.MaxValue));
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("ffffffff")).ReadArrayCount(int.MaxValue));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("000000")]
    public void Truncated_int_throws(string hex)
    {
        var ex = Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse(hex)).ReadInt());
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Truncated_reads_of_every_kind_throw()
    {
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000000 0000")).ReadHyper());
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("0000000a 61626364 65")).ReadString());
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000001")).ReadOptionalString());
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("6f0c8a3e 1b2d4c5e 9f700123")).ReadUuid());
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000005 0000006e")).ReadCharArray(257));
        Assert.Throws<XdrException>(() => new XdrReader(new byte[127]).ReadFixedCharArray(32));
    }

    [Fact]
    public void Trailing_bytes_after_a_structure_are_rejected()
    {
        var ex = Assert.Throws<XdrException>(() => XdrStruct.Decode<Protocol.Messages.ConnectSupportsFeatureArgs>(SpecHex.Parse("0000000a 00000000")));
        Assert.Contains("trailing", ex.Message);
    }

    [Fact]
    public void Pooled_buffer_refuses_to_grow_past_its_cap()
    {
        using var buffer = new PooledBufferWriter(initialCapacity: 16, maxSize: 64);
        var writer = new XdrWriter(buffer);
        for (var i = 0; i < 16; i++) writer.WriteInt(i);
        Assert.Equal(64, buffer.WrittenCount);
        Assert.Throws<XdrException>(() => writer.WriteInt(16));
        Assert.Equal(64, buffer.WrittenCount);
    }

    [Fact]
    public void Pooled_buffer_grows_and_keeps_content()
    {
        using var buffer = new PooledBufferWriter(initialCapacity: 4);
        var writer = new XdrWriter(buffer);
        for (var i = 0; i < 10000; i++) writer.WriteInt(i);
        var reader = new XdrReader(buffer.WrittenSpan);
        for (var i = 0; i < 10000; i++) Assert.Equal(i, reader.ReadInt());
        Assert.Equal(40000, writer.BytesWritten);
    }
}
