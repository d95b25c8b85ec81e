using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Virt.Model.Domains;

namespace Virt.Bench.Micro;

/// <summary>
/// Micro-benchmarks (BenchmarkDotNet, in-process): domain XML parse/validate/defaults/format, XDR
/// decode/encode of the procedures virtd serves, QEMU argv build; plus the memory one parsed domain keeps.
///   dotnet run -c Release --project bench/micro -- [--quick] [--out FILE.md] [--only xml,xdr,argv,retained]
///   dotnet run -c Release --project bench/micro -- --loop DOCUMENT SECONDS   (parse+defaults+format in a loop, for perf)
/// Prints BenchmarkDotNet's own output, then a markdown report (also written to --out).
/// </summary>
public static class Program
{
    private const double ParseFormatTargetUs = 100;
    private const double RetainedTargetKiB = 50;

    public static int Main(string[] args)
    {
        if (ArgValue(args, "--loop") is { } loopDoc)
            return Loop(loopDoc, double.Parse(args[Array.IndexOf(args, "--loop") + 2], CultureInfo.InvariantCulture));
        var quick = args.Contains("--quick");
        var outFile = ArgValue(args, "--out");
        var only = ArgValue(args, "--only")?.Split(',').ToHashSet(StringComparer.Ordinal);
        bool Run(string suite) => only is null || only.Contains(suite);

        var job = quick
            ? Job.Dry.WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(256).WithUnrollFactor(16)
            : Job.Default.WithWarmupCount(4).WithIterationCount(12).WithIterationTime(TimeInterval.FromMilliseconds(150));
        var config = DefaultConfig.Instance
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId(quick ? "quick" : "micro"))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "virt-bench-micro-artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"BenchmarkDotNet 0.14.0, in-process, job `{(quick ? "quick (1 warm-up, 3 iterations; smoke only)" : "4 warm-ups, 12 iterations of ≥ 150 ms")}`; .NET {Environment.Version}, Release.");
        md.AppendLine();

        if (Run("retained"))
        {
            md.AppendLine("| memory | value | target | |");
            md.AppendLine("|---|---:|---|---|");
            foreach (var doc in new[] { "bench-200.xml", "tiny.xml" })
            {
                var kib = RetainedPerDomain(DomainXmlBenchmarks.Load(doc)) / 1024;
                var target = doc == "bench-200.xml" ? $"≤ {RetainedTargetKiB:0} KiB" : "";
                var ok = doc == "bench-200.xml" ? (kib <= RetainedTargetKiB ? "met" : "**missed**") : "";
                md.AppendLine(CultureInfo.InvariantCulture, $"| retained per parsed domain ({doc}: parse + validate + defaults, 1,000 kept alive) | {kib:0.0} KiB | {target} | {ok} |");
            }
            md.AppendLine();
        }

        var tables = new List<(string Title, Summary Summary)>();
        if (Run("xml")) tables.Add(("Domain XML (src/Virt.Model)", BenchmarkRunner.Run<DomainXmlBenchmarks>(config)));
        if (Run("argv")) tables.Add(("QEMU command line (src/Virt.Engine/Qemu/Command)", BenchmarkRunner.Run<QemuCommandBenchmarks>(config)));
        if (Run("xdr")) tables.Add(("XDR, header + payload, captured libvirtd messages (src/Virt.Rpc)", BenchmarkRunner.Run<XdrBenchmarks>(config)));

        foreach (var (title, summary) in tables)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**{title}**");
            md.AppendLine();
            var xdr = title.StartsWith("XDR", StringComparison.Ordinal);
            md.AppendLine(xdr
                ? "| procedure | payload bytes (call + reply) | decode µs | decode alloc B | encode µs | encode alloc B |"
                : "| benchmark | input | mean µs | ± stddev µs | allocated KiB/op | target | |");
            md.AppendLine(xdr ? "|---|---:|---:|---:|---:|---:|" : "|---|---|---:|---:|---:|---|---|");
            if (xdr)
            {
                foreach (var group in summary.Reports.GroupBy(r => Param(r, "Procedure")))
                {
                    var dec = group.FirstOrDefault(r => Method(r).StartsWith("decode", StringComparison.Ordinal));
                    var enc = group.FirstOrDefault(r => Method(r).StartsWith("encode", StringComparison.Ordinal));
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| {group.Key} | {XdrBenchmarks.PayloadBytes(group.Key)} | {Us(dec):0.000} | {Alloc(dec)} | {Us(enc):0.000} | {Alloc(enc)} |");
                }
            }
            else
            {
                foreach (var r in summary.Reports)
                {
                    var input = Param(r, "Document");
                    var isTarget = Method(r) == "parse + validate + defaults + format" && input == "bench-200.xml";
                    var mean = Us(r);
                    var target = isTarget ? $"≤ {ParseFormatTargetUs:0} µs" : "";
                    var ok = isTarget ? (mean <= ParseFormatTargetUs ? "met" : "**missed**") : "";
                    var alloc = AllocBytes(r) is { } b ? (b / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) : "–";
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| {Method(r)} | {input} | {mean:0.00} | {(r.ResultStatistics?.StandardDeviation ?? double.NaN) / 1000:0.00} | {alloc} | {target} | {ok} |");
                }
            }
            md.AppendLine();
        }

        var text = md.ToString();
        Console.WriteLine();
        Console.WriteLine(text);
        if (outFile is not null) File.WriteAllText(outFile, text);
        return tables.Any(t => t.Summary.HasCriticalValidationErrors || t.Summary.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>The define + dumpxml path in a loop, for a profiler: prints µs per round trip once a second.</summary>
    private static int Loop(string document, double seconds)
    {
        var xml = DomainXmlBenchmarks.Load(document);
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < end)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var n = 0;
            while (sw.ElapsedMilliseconds < 1000)
            {
                DomainXmlBenchmarks.Define(xml).ToXml();
                n++;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sw.Elapsed.TotalMicroseconds / n:0.0} µs per parse + validate + defaults + format"));
        }
        return 0;
    }

    /// <summary>Managed heap kept alive by one parsed (validated, defaulted) domain: 1,000 of them held, full GCs around.</summary>
    private static double RetainedPerDomain(string xml, int count = 1000)
    {
        static DomainDefinition Define(string x)
        {
            var d = DomainDefinition.Parse(x);
            DomainDefaults.Apply(d);
            return d;
        }
        for (var i = 0; i < 50; i++) Define(xml); // JIT, static caches
        var keep = new DomainDefinition[count];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++) keep[i] = Define(xml);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(keep);
        return (after - before) / (double)count;
    }

    private static string? ArgValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Method(BenchmarkReport r) => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');

    private static string Param(BenchmarkReport r, string name) =>
        r.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value?.ToString() ?? "";

    private static double Us(BenchmarkReport? r) => (r?.ResultStatistics?.Mean ?? double.NaN) / 1000;

    private static long? AllocBytes(BenchmarkReport? r) =>
        r is null ? null : r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);

    private static string Alloc(BenchmarkReport? r) => AllocBytes(r)?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
