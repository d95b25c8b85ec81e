using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;
using Xunit.Sdk;

namespace Virt.Rpc.Tests.Captures;

/// <summary>What one pass over captured messages exercised.</summary>
public sealed class CaptureStats
{
    public int Messages { get; set; }
    public int Calls { get; set; }
    public int Replies { get; set; }
    public int ErrorReplies { get; set; }
    public int Events { get; set; }
    public int StreamData { get; set; }
    public int StreamFinish { get; set; }
    public int Keepalives { get; set; }
    public int TextValuesChecked { get; set; }
    public HashSet<int> Procedures { get; } = [];
}

/// <summary>
/// Decodes one captured message with the production codecs, re-encodes it, and demands the exact
/// captured bytes back; then checks the decoded values against the capture's decoded text.
/// </summary>
public static partial class CaptureChecker
{
    public static void Check(CapturedMessage m, CaptureStats stats)
    {
        try
        {
            CheckCore(m, stats);
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"{m}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
        catch (XunitException e)
        {
            throw new XunitException($"{m}: {e.Message}");
        }
    }

    private static void CheckCore(CapturedMessage m, CaptureStats stats)
    {
        stats.Messages++;
        var header = MessageHeader.Read(m.Bytes);
        var payload = m.Bytes.AsSpan(MessageHeader.Size);

        // Header: every field agrees with the capture's annotations.
        Assert.Equal((uint)m.Bytes.Length, header.Length);
        Assert.Equal(RpcProgram.Version, header.Version);
        Assert.Equal(m.ProcedureNumber, header.Procedure);
        Assert.Equal(m.TypeName, UpperSnake(header.Type.ToString()));
        Assert.Equal(m.StatusName, UpperSnake(header.Status.ToString()));
        Assert.Equal(SerialFromText(m.Decoded), header.Serial);

        if (m.ProgramName == "KEEPALIVE")
        {
            CheckKeepalive(m, header);
            stats.Keepalives++;
            return;
        }

        Assert.Equal("REMOTE", m.ProgramName);
        Assert.Equal(RpcProgram.Remote, header.Program);
        Assert.True(ProcedureTable.TryGet(header.Procedure, out var entry), $"procedure {header.Procedure} is not in the table");
        Assert.Equal(m.ProcedureName, entry.Name);
        stats.Procedures.Add(header.Procedure);

        object decoded;
        switch (header.Type, header.Status)
        {
            case (MessageType.Call, MessageStatus.Ok):
                Assert.Equal("C>S", m.Direction);
                Assert.Equal(ProcedureKind.Call, entry.Kind);
                decoded = RoundTrip(entry.Args, header, m.Bytes);
                stats.Calls++;
                break;

            case (MessageType.Reply, MessageStatus.Ok):
                Assert.Equal("S>C", m.Direction);
                decoded = RoundTrip(entry.Ret, header, m.Bytes);
                stats.Replies++;
                break;

            case (MessageType.Reply, MessageStatus.Error):
                Assert.Equal("S>C", m.Direction);
                decoded = CheckErrorReply(header, m.Bytes);
                stats.ErrorReplies++;
                break;

            case (MessageType.Message, MessageStatus.Ok):
                Assert.Equal("S>C", m.Direction);
                Assert.Equal(ProcedureKind.Event, entry.Kind);
                Assert.Equal(MessageBuilder.EventSerial, header.Serial);
                decoded = RoundTrip(entry.Args, header, m.Bytes);
                if (entry == ProcedureTable.DomainEventCallbackLifecycle)
                {
                    using var rebuilt = ProcedureTable.DomainEventCallbackLifecycle.Message((DomainEventCallbackLifecycleMsg)decoded);
                    AssertBytes(m.Bytes, rebuilt.Memory.Span, "typed event builder");
                }
                stats.Events++;
                break;

            case (MessageType.Stream, MessageStatus.Continue):
            {
                using var rebuilt = StreamPackets.Data(entry.Procedure, header.Serial, payload);
                AssertBytes(m.Bytes, rebuilt.Memory.Span, "stream data packet");
                var length = int.Parse(StreamData().Match(m.Decoded).Groups[1].Value, CultureInfo.InvariantCulture);
                Assert.Equal(length, payload.Length);
                stats.StreamData++;
                return;
            }

            case (MessageType.Stream, MessageStatus.Ok):
            {
                Assert.True(payload.IsEmpty);
                using var rebuilt = StreamPackets.Finish(entry.Procedure, header.Serial);
                AssertBytes(m.Bytes, rebuilt.Memory.Span, "stream finish packet");
                stats.StreamFinish++;
                return;
            }

            case (MessageType.Stream, MessageStatus.Error):
            {
                var error = XdrStruct.Decode<RemoteError>(payload);
                using var rebuilt = StreamPackets.Error(entry.Procedure, header.Serial, error);
                AssertBytes(m.Bytes, rebuilt.Memory.Span, "stream error packet");
                decoded = error;
                break;
            }

            default:
                throw new XunitException($"unexpected message type {header.Type}/{header.Status}");
        }

        stats.TextValuesChecked += CheckAgainstText(m.Decoded, decoded);
    }

    /// <summary>Payload → record → payload, and header + record → whole message, both byte-identical.</summary>
    private static object RoundTrip(XdrCodec codec, MessageHeader header, byte[] message)
    {
        var payload = message.AsSpan(MessageHeader.Size);
        var decoded = codec.DecodeBoxed(payload);
        Assert.IsType(codec.Type, decoded);

        using (var buffer = new PooledBufferWriter())
        {
            codec.EncodeBoxed(new XdrWriter(buffer), decoded);
            AssertBytes(payload, buffer.WrittenSpan, $"re-encoded {codec.Type.Name}");
        }

        using var rebuilt = OutgoingMessage.Begin(header with { Length = 0 });
        codec.EncodeBoxed(rebuilt.Payload, decoded);
        AssertBytes(message, rebuilt.Complete().Span, "rebuilt message");
        return decoded;
    }

    /// <summary>remote_error → VirtException → remote_error → REPLY/ERROR message, byte-identical.</summary>
    private static RemoteError CheckErrorReply(MessageHeader header, byte[] message)
    {
        var error = XdrStruct.Decode<RemoteError>(message.AsSpan(MessageHeader.Size));
        var exception = error.ToException();
        Assert.Equal(error.Message, exception.Message);
        var again = RemoteError.FromException(exception);

        var call = header with { Length = 0, Type = MessageType.Call, Status = MessageStatus.Ok };
        using var reply = MessageBuilder.ErrorReply(call, again);
        AssertBytes(message, reply.Memory.Span, "error reply rebuilt from VirtException");
        return error;
    }

    private static void CheckKeepalive(CapturedMessage m, MessageHeader header)
    {
        Assert.Equal(RpcProgram.Keepalive, header.Program);
        Assert.Equal(MessageType.Message, header.Type);
        Assert.Equal(Keepalive.Serial, header.Serial);
        var procedure = (KeepaliveProcedure)header.Procedure;
        Assert.Equal(m.ProcedureName, ProcedureNames.Of(procedure));
        switch (procedure)
        {
            case KeepaliveProcedure.Ping:
                Assert.True(Keepalive.IsPing(header));
                AssertBytes(Keepalive.PingBytes, m.Bytes, "PING");
                using (var ping = Keepalive.Ping()) AssertBytes(m.Bytes, ping.Memory.Span, "built PING");
                break;
            case KeepaliveProcedure.Pong:
                Assert.True(Keepalive.IsPong(header));
                AssertBytes(Keepalive.PongBytes, m.Bytes, "PONG");
                using (var pong = Keepalive.Pong()) AssertBytes(m.Bytes, pong.Memory.Span, "built PONG");
                break;
            default:
                throw new XunitException($"unknown keepalive procedure {header.Procedure}");
        }
    }

    /// <summary>
    /// Every uuid, number, string, string length and char array the capture's decoder printed for this
    /// message must be among the values we decoded — this catches codecs that are symmetric but wrong
    /// (a swapped uuid byte order, fields read in the wrong order). Returns how many values were checked.
    /// </summary>
    private static int CheckAgainstText(string text, object decoded)
    {
        var body = PayloadText().Match(text).Groups["body"].Value;
        if (body == "NULL") return 0;

        var leaves = new HashSet<string>(StringComparer.Ordinal);
        Flatten(decoded, leaves);
        var checkedCount = 0;

        foreach (Match match in UuidText().Matches(body))
        {
            Assert.Contains(match.Groups[1].Value, leaves);
            checkedCount++;
        }
        foreach (Match match in NumberText().Matches(body))
        {
            Assert.True(leaves.Contains(match.Groups["value"].Value), $"{match.Value}: {match.Groups["value"].Value} not among decoded values [{string.Join(", ", leaves.Where(l => l.Length < 40))}]");
            checkedCount++;
        }
        foreach (Match match in StringText().Matches(body))
        {
            var value = match.Groups["single"].Success ? match.Groups["single"].Value : match.Groups["double"].Value;
            Assert.True(leaves.Contains(value), $"{match.Value}: string not among decoded values");
            checkedCount++;
        }
        foreach (Match match in CutStringText().Matches(body))
        {
            var length = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(leaves.Any(l => l.Length == length), $"no decoded string of length {length}");
            checkedCount++;
        }
        foreach (Match match in CharArrayText().Matches(body))
        {
            var bytes = match.Groups["items"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries)
                .Select(s => byte.Parse(s, CultureInfo.InvariantCulture)).TakeWhile(b => b != 0).ToArray();
            Assert.Contains(Encoding.UTF8.GetString(bytes), leaves);
            checkedCount++;
        }
        return checkedCount;
    }

    private static void Flatten(object? value, HashSet<string> leaves)
    {
        switch (value)
        {
            case null: leaves.Add("NULL"); return;
            case string s: leaves.Add(s); return;
            case Guid g: leaves.Add(g.ToString("D")); return;
            case bool b: leaves.Add(b ? "1" : "0"); return;
            case Enum e: leaves.Add(Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)); return;
            case IConvertible c when value.GetType().IsPrimitive: leaves.Add(c.ToString(CultureInfo.InvariantCulture)); return;
            case IEnumerable items:
                foreach (var item in items) Flatten(item, leaves);
                return;
        }

        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.DeclaringType != typeof(Exception))
                Flatten(property.GetValue(value), leaves);
        }
    }

    private static uint SerialFromText(string text) =>
        uint.Parse(SerialText().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);

    private static void AssertBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what)
    {
        if (!expected.SequenceEqual(actual))
            throw new XunitException($"{what}: bytes differ\n expected {Convert.ToHexString(expected)}\n actual   {Convert.ToHexString(actual)}");
    }

    private static string UpperSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + c : char.ToUpperInvariant(c).ToString()));

    [GeneratedRegex(@" #(\d+) ")]
    private static partial Regex SerialText();

    [GeneratedRegex(@"^\s*\S+ \S+ \S+ #\d+\s+\S+\s+\S+\s+[A-Z_]+\(\d+\) (?<body>.*)$")]
    private static partial Regex PayloadText();

    [GeneratedRegex(@"uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex UuidText();

    [GeneratedRegex(@"(?<key>\w+): (?<value>-?\d+)(?=[,}])")]
    private static partial Regex NumberText();

    [GeneratedRegex(@"\w+: (?:'(?<single>[^'\\]*)'|""(?<double>[^""\\]*)"")(?=[,}])")]
    private static partial Regex StringText();

    [GeneratedRegex(@"\((\d+) chars\)")]
    private static partial Regex CutStringText();

    [GeneratedRegex(@"(?:model|doi|label): \[(?<items>[\d, ]*)\]")]
    private static partial Regex CharArrayText();

    [GeneratedRegex(@"stream-data\[(\d+)\]")]
    private static partial Regex StreamData();
}
