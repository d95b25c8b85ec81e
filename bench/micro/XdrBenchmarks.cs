using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Virt.Rpc.Protocol;
using Virt.Rpc.Xdr;

namespace Virt.Bench.Micro;

/// <summary>
/// XDR decode and encode of every procedure in <see cref="ProcedureTable"/> that libvirtd's captures
/// (SPEC §h) hold an OK call/reply (or event) of: header + payload, the bytes real clients sent and
/// libvirtd answered. Decode = header + args/ret record from the bytes; encode = the record back into
/// a complete message (pooled buffer, length word fixed).
/// </summary>
[MemoryDiagnoser]
public partial class XdrBenchmarks
{
    private Sample _sample = null!;

    [ParamsSource(nameof(Procedures))]
    public string Procedure { get; set; } = "";

    public static IEnumerable<string> Procedures() => Samples.Value.Keys.Order(StringComparer.Ordinal);

    [GlobalSetup]
    public void Setup()
    {
        _sample = Samples.Value[Procedure];
        Warm.Up(() => { Decode(); Encode(); });
    }

    /// <summary>The call (or event) message and its reply, decoded from their bytes.</summary>
    [Benchmark(Description = "decode call + reply")]
    public object? Decode()
    {
        object? last = null;
        foreach (var (bytes, codec) in _sample.Messages)
        {
            var header = MessageHeader.Read(bytes);
            last = codec.DecodeBoxed(bytes.AsSpan(MessageHeader.Size, header.PayloadLength));
        }
        return last;
    }

    /// <summary>The same records encoded into complete messages.</summary>
    [Benchmark(Description = "encode call + reply")]
    public int Encode()
    {
        var total = 0;
        for (var i = 0; i < _sample.Messages.Length; i++)
        {
            using var message = OutgoingMessage.Begin(_sample.Headers[i]);
            _sample.Messages[i].Codec.EncodeBoxed(message.Payload, _sample.Values[i]);
            total += message.Complete().Length;
        }
        return total;
    }

    /// <summary>Bytes of the call (or event) and reply payloads, for the report.</summary>
    public static int PayloadBytes(string procedure) =>
        Samples.Value[procedure].Messages.Sum(m => m.Bytes.Length - MessageHeader.Size);

    public sealed record Sample((byte[] Bytes, XdrCodec Codec)[] Messages, MessageHeader[] Headers, object[] Values);

    public static readonly Lazy<Dictionary<string, Sample>> Samples = new(Load);

    /// <summary>
    /// For each procedure the largest captured OK CALL and OK REPLY (or MESSAGE, for events); the decoded
    /// records must re-encode to the captured bytes, so the encode benchmark writes what libvirtd wrote.
    /// </summary>
    private static Dictionary<string, Sample> Load()
    {
        var dir = Repo.Captures;
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"libvirtd captures not found at {dir} (set VIRT_CAPTURES)");
        var best = new Dictionary<(int Proc, string Type), byte[]>();
        foreach (var file in Directory.GetFiles(dir, "*.hex"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var m = HexLine().Match(line);
                if (!m.Success || m.Groups["prog"].Value != "REMOTE" || m.Groups["status"].Value != "OK") continue;
                var type = m.Groups["type"].Value;
                if (type is not ("CALL" or "REPLY" or "MESSAGE")) continue;
                var proc = int.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture);
                var bytes = Convert.FromHexString(m.Groups["hex"].Value);
                if (!best.TryGetValue((proc, type), out var seen) || seen.Length < bytes.Length) best[(proc, type)] = bytes;
            }
        }

        var samples = new Dictionary<string, Sample>(StringComparer.Ordinal);
        foreach (var entry in ProcedureTable.All)
        {
            var parts = new List<(byte[], XdrCodec)>();
            if (entry.Kind == ProcedureKind.Event)
            {
                if (best.TryGetValue((entry.Number, "MESSAGE"), out var msg)) parts.Add((msg, entry.Args));
            }
            else if (best.TryGetValue((entry.Number, "CALL"), out var call) && best.TryGetValue((entry.Number, "REPLY"), out var reply))
            {
                parts.Add((call, entry.Args));
                parts.Add((reply, entry.Ret));
            }
            if (parts.Count == 0) continue;
            var headers = parts.Select(p => MessageHeader.Read(p.Item1)).ToArray();
            var values = parts.Select((p, i) => p.Item2.DecodeBoxed(p.Item1.AsSpan(MessageHeader.Size, headers[i].PayloadLength))).ToArray();
            for (var i = 0; i < parts.Count; i++)
            {
                using var message = OutgoingMessage.Begin(headers[i]);
                parts[i].Item2.EncodeBoxed(message.Payload, values[i]);
                if (!message.Complete().Span.SequenceEqual(parts[i].Item1))
                    throw new InvalidDataException($"{entry.Name}: re-encoding a captured message does not give libvirtd's bytes");
            }
            samples[entry.Name] = new Sample([.. parts], headers, values);
        }
        return samples;
    }

    [GeneratedRegex(@"^(?<dir>C>S|S>C) (?<conn>c\d+) (?<prog>[A-Z]+) (?<proc>[A-Z_]+)\((?<num>\d+)\) (?<type>[A-Z_]+)/(?<status>[A-Z]+): (?<hex>[0-9a-f]+)$")]
    private static partial Regex HexLine();
}
