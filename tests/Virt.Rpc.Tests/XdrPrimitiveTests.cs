using System.Buffers;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

public sealed class XdrPrimitiveTests
{
    private static byte[] Write(Action<XdrWriter> write)
    {
        using var buffer = new PooledBufferWriter();
        write(new XdrWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Integers_are_big_endian_with_their_xdr_sizes()
    {
        var bytes = Write(w =>
        {
            w.WriteInt(-1);
            w.WriteUInt(0x20008086);
            w.WriteHyper(-2);
            w.WriteUHyper(0x0102030405060708);
            w.WriteBool(true);
            w.WriteBool(false);
        });
        Assert.Equal("ffffffff" + "20008086" + "fffffffffffffffe" + "0102030405060708" + "00000001" + "00000000", SpecHex.Hex(bytes));

        var reader = new XdrReader(bytes);
        Assert.Equal(-1, reader.ReadInt());
        Assert.Equal(0x20008086u, reader.ReadUInt());
        Assert.Equal(-2L, reader.ReadHyper());
        Assert.Equal(0x0102030405060708ul, reader.ReadUHyper());
        Assert.True(reader.ReadBool());
        Assert.False(reader.ReadBool());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Unsigned_char_and_short_are_widened_to_four_bytes()
    {
        var bytes = Write(w => { w.WriteUChar(5); w.WriteUShort(1); });
        Assert.Equal("00000005" + "00000001", SpecHex.Hex(bytes));

        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000100")).ReadUChar());
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00010000")).ReadUShort());
    }

    [Fact]
    public void Bool_other_than_zero_or_one_is_rejected()
    {
        var ex = Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000002")).ReadBool());
        Assert.Contains("bool", ex.Message);
    }

    [Theory]
    [InlineData("", "00000000")]
    [InlineData("a", "00000001 61000000")]
    [InlineData("ab", "00000002 61620000")]
    [InlineData("abc", "00000003 61626300")]
    [InlineData("abcd", "00000004 61626364")]
    [InlineData("abcde", "00000005 61626364 65000000")]
    [InlineData("qemu:///system", "0000000e 71656d75 3a2f2f2f 73797374 656d0000")]
    public void Strings_are_length_bytes_and_zero_padding_without_nul(string value, string expected)
    {
        var bytes = Write(w => w.WriteString(value));
        Assert.Equal(SpecHex.Hex(SpecHex.Parse(expected)), SpecHex.Hex(bytes));
        Assert.Equal(0, bytes.Length % 4);

        var reader = new XdrReader(bytes);
        Assert.Equal(value, reader.ReadString());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Strings_are_utf8()
    {
        var bytes = Write(w => w.WriteString("é"));
        Assert.Equal("00000002c3a90000", SpecHex.Hex(bytes));
        Assert.Equal("é", new XdrReader(bytes).ReadString());
    }

    [Fact]
    public void Optional_string_null_and_empty_are_different_on_the_wire()
    {
        Assert.Equal("00000000", SpecHex.Hex(Write(w => w.WriteOptionalString(null))));
        Assert.Equal("00000001" + "00000000", SpecHex.Hex(Write(w => w.WriteOptionalString(""))));
        Assert.Equal("00000001" + "00000001" + "78000000", SpecHex.Hex(Write(w => w.WriteOptionalString("x"))));

        Assert.Null(new XdrReader(SpecHex.Parse("00000000")).ReadOptionalString());
        Assert.Equal("", new XdrReader(SpecHex.Parse("00000001 00000000")).ReadOptionalString());
    }

    [Fact]
    public void Opaque_fixed_and_variable_are_padded()
    {
        byte[] data = [1, 2, 3, 4, 5];
        Assert.Equal("0102030405000000", SpecHex.Hex(Write(w => w.WriteOpaqueFixed(data))));
        Assert.Equal("00000005" + "0102030405000000", SpecHex.Hex(Write(w => w.WriteOpaque(data, 8))));
        Assert.Throws<XdrException>(() => Write(w => w.WriteOpaque(data, 4)));

        var reader = new XdrReader(SpecHex.Parse("00000005 01020304 05000000 0a0b0c00"));
        Assert.Equal(data, reader.ReadOpaque(5).ToArray());
        Assert.Equal([10, 11, 12], reader.ReadOpaqueFixed(3).ToArray());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Padding_writes_zero_bytes_up_to_a_multiple_of_four()
    {
        Assert.Equal([0, 3, 2, 1, 0, 3, 2, 1], new[] { 0, 1, 2, 3, 4, 5, 6, 7 }.Select(XdrPadding.Of).ToArray());
        Assert.Equal("000000", SpecHex.Hex(Write(w => w.WritePadding(1))));
        Assert.Equal("", SpecHex.Hex(Write(w => w.WritePadding(8))));
    }

    [Fact]
    public void Missing_padding_is_truncation()
    {
        // "abc" needs one padding byte after it.
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000003 616263")).ReadString());
    }

    [Fact]
    public void Uuid_is_sixteen_raw_bytes_in_text_order()
    {
        // SPEC a.10: uuid 6f0c8a3e-1b2d-4c5e-9f70-0123456789ab is sent as 6f0c8a3e 1b2d4c5e 9f700123 456789ab.
        var uuid = Guid.Parse("6f0c8a3e-1b2d-4c5e-9f70-0123456789ab");
        var bytes = Write(w => w.WriteUuid(uuid));
        Assert.Equal("6f0c8a3e1b2d4c5e9f700123456789ab", SpecHex.Hex(bytes));

        var reader = new XdrReader(SpecHex.Parse("6f0c8a3e 1b2d4c5e 9f700123 456789ab"));
        Assert.Equal("6f0c8a3e-1b2d-4c5e-9f70-0123456789ab", reader.ReadUuid().ToString("D"));
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Uuid_other_capture_values_round_trip_through_text()
    {
        foreach (var text in new[] { "7a1d9b4f-2c3e-4d6f-8a81-123456789abc", "8b2e0c5a-3d4f-4e7a-9b92-23456789abcd", "9c3f1d6b-4e5a-4f8b-8ca3-3456789abcde" })
        {
            var bytes = Write(w => w.WriteUuid(Guid.Parse(text)));
            Assert.Equal(text.Replace("-", ""), SpecHex.Hex(bytes));
        }
    }

    [Fact]
    public void Char_array_carries_a_trailing_nul_and_widens_each_char()
    {
        // SPEC a.10: model "none\0" is count 5, then 6e 6f 6e 65 00 each as an int.
        var bytes = Write(w => w.WriteCharArray("none", 257));
        Assert.Equal("00000005" + "0000006e" + "0000006f" + "0000006e" + "00000065" + "00000000", SpecHex.Hex(bytes));
        Assert.Equal("none", new XdrReader(bytes).ReadCharArray(257));
    }

    [Fact]
    public void Char_array_null_is_zero_length_and_empty_is_a_lone_nul()
    {
        Assert.Equal("00000000", SpecHex.Hex(Write(w => w.WriteCharArray(null, 10))));
        Assert.Equal("00000001" + "00000000", SpecHex.Hex(Write(w => w.WriteCharArray("", 10))));
        Assert.Null(new XdrReader(SpecHex.Parse("00000000")).ReadCharArray(10));
        Assert.Equal("", new XdrReader(SpecHex.Parse("00000001 00000000")).ReadCharArray(10));
    }

    [Fact]
    public void Char_array_limit_counts_the_nul()
    {
        Assert.Equal("00000003" + "00000061" + "00000062" + "00000000", SpecHex.Hex(Write(w => w.WriteCharArray("ab", 3))));
        Assert.Throws<XdrException>(() => Write(w => w.WriteCharArray("abc", 3)));
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000004 00000061 00000062 00000063 00000000")).ReadCharArray(3));
    }

    [Fact]
    public void Chars_above_0x7f_are_sign_extended_like_c_char_and_read_either_way()
    {
        var bytes = Write(w => w.WriteCharArray("é", 10));
        Assert.Equal("00000003" + "ffffffc3" + "ffffffa9" + "00000000", SpecHex.Hex(bytes));
        Assert.Equal("é", new XdrReader(bytes).ReadCharArray(10));
        Assert.Equal("é", new XdrReader(SpecHex.Parse("00000003 000000c3 000000a9 00000000")).ReadCharArray(10));
        Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000001 00000100")).ReadCharArray(10));
    }

    [Fact]
    public void Fixed_char_array_is_nul_padded_to_its_size()
    {
        var bytes = Write(w => w.WriteFixedCharArray("x86_64", 32));
        Assert.Equal(128, bytes.Length);
        Assert.Equal("00000078" + "00000038" + "00000036" + "0000005f" + "00000036" + "00000034", SpecHex.Hex(bytes.AsSpan(0, 24)));
        Assert.All(bytes[24..], b => Assert.Equal(0, b));
        Assert.Equal("x86_64", new XdrReader(bytes).ReadFixedCharArray(32));

        Assert.Throws<XdrException>(() => Write(w => w.WriteFixedCharArray(new string('a', 32), 32)));
    }

    [Fact]
    public void Arrays_are_count_then_elements()
    {
        var bytes = Write(w => w.WriteArray<int>([7, -1], 10, static (x, v) => x.WriteInt(v)));
        Assert.Equal("00000002" + "00000007" + "ffffffff", SpecHex.Hex(bytes));
        var reader = new XdrReader(bytes);
        Assert.Equal([7, -1], reader.ReadArray(10, static (ref XdrReader r) => r.ReadInt()));
    }

    [Fact]
    public void Array_count_over_its_limit_is_rejected_both_ways()
    {
        Assert.Throws<XdrException>(() => Write(w => w.WriteArray<int>([1, 2, 3], 2, static (x, v) => x.WriteInt(v))));
        var ex = Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00000003 00000001 00000002 00000003")).ReadArray(2, static (ref XdrReader r) => r.ReadInt()));
        Assert.Contains("exceeds maximum 2", ex.Message);
    }

    [Fact]
    public void Array_count_beyond_the_remaining_bytes_fails_before_allocating()
    {
        // 16384 domains claimed, 8 bytes present: rejected from the count alone.
        var ex = Assert.Throws<XdrException>(() => new XdrReader(SpecHex.Parse("00004000 00000000 00000000")).ReadArrayCount(16384, 24));
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Raw_bytes_have_no_length_and_no_padding()
    {
        Assert.Equal("1b", SpecHex.Hex(Write(w => w.WriteRaw([0x1b]))));
        Assert.Equal([0x1b, 0x63], new XdrReader([0x1b, 0x63]).ReadRemaining().ToArray());
    }

    [Fact]
    public void Decode_over_a_multi_segment_sequence_matches_a_span()
    {
        var bytes = SpecHex.Parse("0000000e 71656d75 3a2f2f2f 73797374 656d0000");
        var first = new Segment(bytes.AsMemory(0, 5));
        var last = first.Append(bytes.AsMemory(5));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.False(sequence.IsSingleSegment);
        Assert.Equal("qemu:///system", XdrReader.Decode(sequence, static (ref XdrReader r) => r.ReadString()));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
