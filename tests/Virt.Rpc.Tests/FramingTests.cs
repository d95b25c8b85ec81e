using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Virt.Rpc.Framing;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Tests.Captures;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

public sealed class FramingTests
{
    private static readonly byte[] AuthListCall = SpecHex.Parse("0000001c 20008086 00000001 00000042 00000000 00000000 00000000");
    private static readonly byte[] FeatureCall = SpecHex.Parse("00000020 20008086 00000001 0000003c 00000000 00000001 00000000 0000000a");

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Messages_written_one_byte_at_a_time_come_out_whole()
    {
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            foreach (var b in AuthListCall.Concat(FeatureCall))
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }
            await pipe.Writer.CompleteAsync();
        });

        using (var first = await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout))
        {
            Assert.NotNull(first);
            Assert.Equal(AuthListCall, first.Memory.ToArray());
            Assert.Equal(66, first.Header.Procedure);
            Assert.True(first.Payload.IsEmpty);
        }
        using (var second = await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout))
        {
            Assert.NotNull(second);
            Assert.Equal(FeatureCall, second.Memory.ToArray());
            Assert.Equal(10, second.Decode<ConnectSupportsFeatureArgs>().Feature);
        }
        Assert.Null(await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout)); // clean EOF
        await writer;
    }

    [Fact]
    public async Task Every_captured_message_is_reframed_from_one_stream_in_random_chunks()
    {
        var random = new Random(1234);
        var total = 0;
        foreach (var file in CaptureFiles.HexFileNames())
        {
            var messages = CaptureFiles.Load(file).Select(m => m.Bytes).ToArray();
            var stream = messages.SelectMany(m => m).ToArray();
            var pipe = new Pipe();
            var writer = Task.Run(async () =>
            {
                for (var offset = 0; offset < stream.Length;)
                {
                    var n = Math.Min(stream.Length - offset, random.Next(1, 700));
                    await pipe.Writer.WriteAsync(stream.AsMemory(offset, n));
                    offset += n;
                }
                await pipe.Writer.CompleteAsync();
            });

            foreach (var expected in messages)
            {
                using var message = await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout);
                Assert.NotNull(message);
                Assert.Equal(expected, message.Memory.ToArray());
                total++;
            }
            Assert.Null(await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout));
            await writer;
        }
        Assert.Equal(1917, total);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(4u)]
    [InlineData(27u)]
    [InlineData(33554437u)]
    [InlineData(0xffffffffu)]
    public void Bad_length_words_are_protocol_errors(uint length)
    {
        Assert.Throws<RpcProtocolException>(() => MessageFramer.ValidateLength(length));

        var bytes = (byte[])AuthListCall.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Throws<RpcProtocolException>(() => MessageFramer.TryReadMessage(ref buffer, out _, out _));
    }

    [Theory]
    [InlineData(28u)]
    [InlineData(65536u)]
    [InlineData(33554436u)] // length word 4 + VIR_NET_MESSAGE_MAX
    public void Length_words_within_the_limits_are_accepted(uint length)
    {
        Assert.Equal((int)length, MessageFramer.ValidateLength(length));
    }

    [Fact]
    public async Task Bad_length_from_the_socket_fails_the_read()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(SpecHex.Parse("02000005 20008086")); // 32 MiB + 5
        await Assert.ThrowsAsync<RpcProtocolException>(async () => await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout));
    }

    [Fact]
    public void Partial_message_is_left_in_the_buffer()
    {
        var buffer = new ReadOnlySequence<byte>(FeatureCall.AsMemory(0, 2));
        Assert.False(MessageFramer.TryReadMessage(ref buffer, out var message, out var needed));
        Assert.Null(message);
        Assert.Equal(4, needed);

        buffer = new ReadOnlySequence<byte>(FeatureCall.AsMemory(0, 30));
        Assert.False(MessageFramer.TryReadMessage(ref buffer, out message, out needed));
        Assert.Equal(32, needed);
        Assert.Equal(30, buffer.Length);

        buffer = new ReadOnlySequence<byte>(FeatureCall.Concat(AuthListCall.Take(5)).ToArray());
        Assert.True(MessageFramer.TryReadMessage(ref buffer, out message, out needed));
        using (message) Assert.Equal(FeatureCall, message!.Memory.ToArray());
        Assert.Equal(5, buffer.Length);
    }

    [Theory]
    [InlineData(2)]   // inside the length word
    [InlineData(20)]  // inside the header
    [InlineData(31)]  // inside the payload
    public async Task Eof_inside_a_message_is_a_protocol_error(int bytes)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(FeatureCall.AsMemory(0, bytes));
        await pipe.Writer.CompleteAsync();
        var ex = await Assert.ThrowsAsync<RpcProtocolException>(async () => await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout));
        Assert.Contains("closed inside a message", ex.Message);
    }

    [Fact]
    public async Task A_message_far_larger_than_the_pipe_threshold_is_read()
    {
        // 4 MiB string reply: bigger than Pipe's default 64 KiB pause threshold, so this also proves no deadlock.
        var call = new MessageHeader(0, RpcProgram.Remote, 1, 7, MessageType.Call, 3, MessageStatus.Ok);
        using var reply = MessageBuilder.Reply(call, new ConnectGetCapabilitiesRet(new string('c', XdrLimits.StringMax)));
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            await MessageFramer.WriteAsync(pipe.Writer, reply, Timeout);
            await pipe.Writer.CompleteAsync();
        });
        using var message = await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout);
        Assert.NotNull(message);
        Assert.Equal(XdrLimits.StringMax, message.Decode<ConnectGetCapabilitiesRet>().Capabilities.Length);
        await writer;
    }

    [Fact]
    public async Task Writing_header_and_payload_computes_the_length_first()
    {
        var pipe = new Pipe();
        var header = new MessageHeader(12345, RpcProgram.Remote, 1, 60, MessageType.Call, 1, MessageStatus.Ok);
        await MessageFramer.WriteAsync(pipe.Writer, header, new byte[] { 0, 0, 0, 10 }, Timeout);
        await pipe.Writer.CompleteAsync();
        using var message = await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout);
        Assert.Equal(FeatureCall, message!.Memory.ToArray());
    }

    [Fact]
    public async Task Writing_an_oversize_payload_fails_before_any_byte_is_written()
    {
        var pipe = new Pipe();
        var header = new MessageHeader(0, RpcProgram.Remote, 1, 7, MessageType.Reply, 1, MessageStatus.Ok);
        Assert.Throws<XdrException>(() => { _ = MessageFramer.WriteAsync(pipe.Writer, header, new byte[XdrLimits.PayloadMax + 1], Timeout); });
        await pipe.Writer.CompleteAsync();
        Assert.Null(await MessageFramer.ReadMessageAsync(pipe.Reader, Timeout));
    }

    [Fact]
    public void FromBytes_insists_on_a_matching_length_word()
    {
        Assert.Throws<RpcProtocolException>(() => IncomingMessage.FromBytes(FeatureCall.AsSpan(0, 20)));
        Assert.Throws<RpcProtocolException>(() => IncomingMessage.FromBytes(FeatureCall.Concat(new byte[4]).ToArray()));
        using var ok = IncomingMessage.FromBytes(FeatureCall);
        Assert.Equal(32u, ok.Header.Length);
    }

    [Fact]
    public void Disposed_incoming_message_refuses_access()
    {
        var message = IncomingMessage.FromBytes(AuthListCall);
        message.Dispose();
        Assert.Throws<ObjectDisposedException>(() => message.Memory);
        message.Dispose(); // idempotent
    }
}
