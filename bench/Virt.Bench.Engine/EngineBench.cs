using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Engine.Qemu;

namespace Virt.Bench.Engine;

/// <summary>The measurements. Every figure is a Stopwatch around one awaited in-process engine call.</summary>
public sealed class EngineBench(string root, int reps, int readyReps)
{
    private const string ReadyMarker = "VIRT-GUEST-READY";
    private static readonly TimeSpan GuestRunTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(120);

    private readonly Samples _s = new();
    private readonly string _guestDir = Environment.GetEnvironmentVariable("VIRT_GUEST_DIR") ?? "/var/lib/virt/guest";

    private string ConsoleLog(string name) => Path.Combine(root, name + ".console.log");
    private string QemuLog(string name) => Path.Combine(root, "log", "qemu", name + ".log");
    private string RunDir => Path.Combine(root, "run", "qemu");
    private string StatusFile(string name) => Path.Combine(RunDir, name + ".xml");
    private Timeline? _timeline;
    private int _startTimelinesMissing, _destroyTimelinesMissing;

    private static void Progress(string message) => Console.Error.WriteLine($"bench: {message}");

    public async Task<string> RunAsync()
    {
        var kernel = Path.Combine(_guestDir, "vmlinux");
        var initrd = Path.Combine(_guestDir, "initramfs.cpio.gz");
        if (!File.Exists(kernel) || !File.Exists(initrd))
            throw new InvalidOperationException($"example guest not found in {_guestDir}: run examples/guest/build.sh");

        DriverRegistry.Register(new QemuDriverFactory());
        await using var conn = await Connect.OpenAsync($"qemu:///embed?root={root}");

        var dom = await conn.DefineXmlAsync(DomainXml("s", kernel, initrd));
        await MicroAsync(conn, dom, kernel, initrd);
        // Watching starts after the micro-benchmarks, so their file churn costs them nothing.
        using (_timeline = new Timeline(RunDir, Path.Combine(root, "log", "qemu")))
        {
            await StartDestroyAsync(dom);
            await ReadyDestroyAsync(dom);
        }
        return Report();
    }

    // ---------------------------------------------------------------- item 3: in-process calls

    private async Task MicroAsync(Connect conn, Domain dom, string kernel, string initrd)
    {
        Progress("micro: define+undefine, GetInfoAsync, ListAllDomainsAsync (1 domain)");
        var mXml = DomainXml("m", kernel, initrd);
        await MeasureUsAsync("define+undefine", async () => await (await conn.DefineXmlAsync(mXml)).UndefineAsync());
        await MeasureUsAsync("getinfo-1", () => dom.GetInfoAsync());
        await MeasureUsAsync("list-1", async () => Expect(1, (await conn.ListAllDomainsAsync()).Count));

        Progress("micro: defining 99 more domains");
        var extra = new List<Domain>();
        for (var i = 0; i < 99; i++) extra.Add(await conn.DefineXmlAsync(DomainXml($"l{i:00}", kernel, initrd)));
        await MeasureUsAsync("list-100", async () => Expect(100, (await conn.ListAllDomainsAsync()).Count));
        await MeasureUsAsync("getinfo-100", () => dom.GetInfoAsync());
        foreach (var d in extra) await d.UndefineAsync();
        Expect(1, (await conn.ListAllDomainsAsync()).Count);
    }

    private static void Expect(int expected, int actual)
    {
        if (expected != actual) throw new InvalidOperationException($"expected {expected} domains, the engine listed {actual}");
    }

    /// <summary>
    /// Calibrates a batch size worth ~100 ms, then times <c>reps</c> batches; each sample is the
    /// mean µs per call of one batch (so min/median/max are over batches, not single calls).
    /// </summary>
    private async Task MeasureUsAsync(string name, Func<Task> op)
    {
        var sw = Stopwatch.StartNew();
        var calls = 0;
        while (sw.ElapsedMilliseconds < 200 && calls < 4000) { await op(); calls++; } // warm-up + calibration
        var batch = Math.Max(5, calls / 2);
        for (var b = 0; b < reps; b++)
        {
            sw.Restart();
            for (var i = 0; i < batch; i++) await op();
            _s.Add(name, sw.Elapsed.TotalMicroseconds / batch);
        }
        _batch[name] = batch;
    }

    private readonly Dictionary<string, int> _batch = new(StringComparer.Ordinal);

    // ---------------------------------------------------------------- items 1 and 2: start, destroy

    private async Task StartDestroyAsync(Domain dom)
    {
        // Warm-up (untimed): JIT, QEMU capabilities probe/cache, page cache for kernel and initrd.
        Progress("warm-up: one engine start/destroy");
        await dom.StartAsync();
        await Task.Delay(GuestRunTime);
        await dom.DestroyAsync();

        var direct = DirectQemu.FromEngineLog(QemuLog("s"), Path.Combine(root, "b.qmp"), ConsoleLog("b"), ConsoleLog("s"));
        Progress("direct argv: " + string.Join(' ', direct.Argv));
        Progress("warm-up: one direct start/terminate");
        using (var warm = await direct.StartAsync(_ => { })) await warm.TerminateAsync();

        for (var i = 0; i < reps; i++)
        {
            double engine, baseline;
            // Alternate the order inside a pair so drift and noise hit both sides alike.
            if (i % 2 == 0)
            {
                engine = await EngineRepAsync(dom);
                baseline = await DirectRepAsync(direct);
            }
            else
            {
                baseline = await DirectRepAsync(direct);
                engine = await EngineRepAsync(dom);
            }
            _s.Add("start-overhead", engine - baseline);
            _s.Add("start-ratio", engine / baseline);
            Progress($"rep {i + 1}/{reps}: engine start {engine:0.0} ms, direct {baseline:0.0} ms, overhead {engine - baseline:0.0} ms, " +
                     $"engine destroy {_s.Get("destroy-1s")[^1]:0.0} ms, direct SIGTERM→reaped {_s.Get("direct-destroy-1s")[^1]:0.0} ms");
        }
    }

    private async Task<double> EngineRepAsync(Domain dom)
    {
        await Settle();
        _timeline!.Clear();
        var t0 = Stopwatch.GetTimestamp();
        await dom.StartAsync();
        var t1 = Stopwatch.GetTimestamp();
        var start = Timeline.Ms(t0, t1);
        _s.Add("start-engine", start);
        _timeline.Drain(RunDir);
        AnalyseStart(_timeline.Snapshot(), t0, t1);
        var pid = PidOf("s");
        await ExpectStateAsync(dom, DomainState.Running);

        await Task.Delay(GuestRunTime);
        await ExpectStateAsync(dom, DomainState.Running);
        _s.Add("destroy-1s", await TimedDestroyAsync(dom, pid));
        return start;
    }

    private async Task<double> DirectRepAsync(DirectQemu direct)
    {
        await Settle();
        using var running = await direct.StartAsync(_ => { });
        var t = running.Times;
        _s.Add("start-direct", t.Cont);
        _s.Add("direct-spawn", t.Spawned);
        _s.Add("direct-listen", t.Connected - t.Spawned);
        _s.Add("direct-greeting", t.Greeting - t.Connected);
        _s.Add("direct-qmp", t.Cont - t.Connected);
        _s.Add("direct-connected", t.Connected);
        _s.Add("direct-caps", t.Capabilities - t.Greeting);
        _s.Add("direct-cont", t.Cont - t.Capabilities);
        await Task.Delay(GuestRunTime);
        _s.Add("direct-destroy-1s", await running.TerminateAsync());
        return t.Cont;
    }

    private async Task ReadyDestroyAsync(Domain dom)
    {
        for (var i = 0; i < readyReps; i++)
        {
            await Settle();
            Progress($"booted guest {i + 1}/{readyReps}: start, wait for {ReadyMarker}, destroy");
            var sw = Stopwatch.StartNew();
            await dom.StartAsync();
            var pid = PidOf("s");
            await WaitForConsoleAsync("s", ReadyMarker);
            _s.Add("boot-to-ready", sw.Elapsed.TotalMilliseconds);
            if (i == 0) await MeasureUsAsync("getinfo-running", () => dom.GetInfoAsync());
            await ExpectStateAsync(dom, DomainState.Running);
            _s.Add("destroy-ready", await TimedDestroyAsync(dom, pid));
            Progress($"  ready after {_s.Get("boot-to-ready")[^1]:0} ms, destroy {_s.Get("destroy-ready")[^1]:0.0} ms");
        }
    }

    private async Task<double> TimedDestroyAsync(Domain dom, int pid)
    {
        _timeline!.Clear();
        long t0, t1, exited;
        using (var probe = new ExitProbe(pid))
        {
            t0 = Stopwatch.GetTimestamp();
            await dom.DestroyAsync();
            t1 = Stopwatch.GetTimestamp();
            exited = probe.ExitedAt;
        }
        var ms = Timeline.Ms(t0, t1);
        _timeline.Drain(RunDir);
        AnalyseDestroy(_timeline.Snapshot(), t0, exited, t1);
        // Destroy must mean gone: no process (not even a zombie) and state shut off (destroyed).
        var stat = Virt.Engine.Host.ProcStat.Read(pid);
        if (stat is not null && stat.IsAlive) throw new InvalidOperationException($"QEMU {pid} still alive after DestroyAsync returned");
        var state = await dom.GetStateAsync();
        if (state != DomainStateInfo.Of(ShutoffReason.Destroyed)) throw new InvalidOperationException($"state after destroy: {state}");
        return ms;
    }

    /// <summary>Splits one engine start at the file events it causes (see <see cref="Timeline"/>).</summary>
    private void AnalyseStart(IReadOnlyList<Timeline.Event> events, long t0, long t1)
    {
        var after = events.Where(e => e.Timestamp >= t0).ToList();
        long? At(Func<Timeline.Event, bool> match, long from = 0) => after.FirstOrDefault(e => e.Timestamp >= from && match(e))?.Timestamp;
        var a = At(e => e.Kind == Timeline.Kind.Created && e.Name.StartsWith(".next-id.", StringComparison.Ordinal));
        var b = At(e => e.Kind == Timeline.Kind.Renamed && e.Name == "next-id");
        var c = At(e => e.Dir == "log/qemu" && e.Name == "s.log" && e.Kind is Timeline.Kind.Changed or Timeline.Kind.Created);
        var d = At(e => e.Kind == Timeline.Kind.Created && e.Name.StartsWith(".s.xml.", StringComparison.Ordinal));
        var eRenamed = d is null ? null : At(e => e.Kind == Timeline.Kind.Renamed && e.Name == "s.xml", d.Value);
        var f = At(e => e.Kind == Timeline.Kind.Created && e.Name.StartsWith("dom-", StringComparison.Ordinal) && e.Name.EndsWith(".qmp", StringComparison.Ordinal));
        var g = eRenamed is null ? null : At(e => e.Kind == Timeline.Kind.Created && e.Name.StartsWith(".s.xml.", StringComparison.Ordinal), eRenamed.Value + 1);
        var h = g is null ? null : At(e => e.Kind == Timeline.Kind.Renamed && e.Name == "s.xml", g.Value);
        if (a is null || b is null || c is null || d is null || eRenamed is null || f is null || g is null || h is null || h > t1)
        {
            _startTimelinesMissing++;
            Progress("  (start timeline incomplete: " + string.Join(", ", after.Select(e => $"{e.Kind} {e.Dir}/{e.Name}")) + ")");
            return;
        }
        _s.Add("e-prep", Timeline.Ms(t0, a.Value));
        _s.Add("e-nextid", Timeline.Ms(a.Value, b.Value));
        _s.Add("e-header", Timeline.Ms(b.Value, c.Value));
        _s.Add("e-spawn", Timeline.Ms(c.Value, d.Value));
        _s.Add("e-status1", Timeline.Ms(d.Value, eRenamed.Value));
        _s.Add("e-listen", Timeline.Ms(c.Value, f.Value));
        _s.Add("e-qmp", Timeline.Ms(Math.Max(f.Value, eRenamed.Value), g.Value));
        _s.Add("e-status2", Timeline.Ms(g.Value, h.Value));
        _s.Add("e-epilogue", Timeline.Ms(h.Value, t1));
        // The engine's own serial work: everything before QEMU could be running, and everything
        // after the last QMP reply. The first status write overlaps QEMU's initialisation.
        _s.Add("e-own", Timeline.Ms(t0, d.Value) + Timeline.Ms(g.Value, t1));
    }

    /// <summary>Splits one engine destroy: QEMU's exit (own pidfd), status removal, shutoff-reason write.</summary>
    private void AnalyseDestroy(IReadOnlyList<Timeline.Event> events, long t0, long exited, long t1)
    {
        var after = events.Where(e => e.Timestamp >= t0).ToList();
        long? At(Func<Timeline.Event, bool> match) => after.FirstOrDefault(match)?.Timestamp;
        var deleted = At(e => e.Kind == Timeline.Kind.Deleted && e.Name == "s.xml");
        var shutoffBegin = At(e => e.Kind == Timeline.Kind.Created && e.Name.StartsWith(".s.shutoff.", StringComparison.Ordinal));
        var shutoffDone = At(e => e.Kind == Timeline.Kind.Renamed && e.Name == "s.shutoff");
        if (exited == 0 || deleted is null || shutoffBegin is null || shutoffDone is null)
        {
            _destroyTimelinesMissing++;
            Progress("  (destroy timeline incomplete: " + string.Join(", ", after.Select(e => $"{e.Kind} {e.Dir}/{e.Name}")) + ")");
            return;
        }
        _s.Add("d-exit", Timeline.Ms(t0, exited));
        _s.Add("d-notice", Timeline.Ms(exited, deleted.Value));
        _s.Add("d-cleanup", Timeline.Ms(deleted.Value, shutoffBegin.Value));
        _s.Add("d-shutoff", Timeline.Ms(shutoffBegin.Value, shutoffDone.Value));
        _s.Add("d-epilogue", Timeline.Ms(shutoffDone.Value, t1));
    }

    private static async Task ExpectStateAsync(Domain dom, DomainState expected)
    {
        var state = await dom.GetStateAsync();
        if (state.State != expected) throw new InvalidOperationException($"domain {dom.Name} is {state.State}, expected {expected}");
    }

    /// <summary>A short pause between measured operations, so the last QEMU's teardown does not bleed into the next.</summary>
    private static Task Settle() => Task.Delay(150);

    private int PidOf(string name)
    {
        var m = Regex.Match(File.ReadAllText(StatusFile(name)), "pid='(\\d+)'");
        if (!m.Success) throw new InvalidOperationException($"no pid in {StatusFile(name)}");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task WaitForConsoleAsync(string name, string text)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < BootTimeout)
        {
            var path = ConsoleLog(name);
            if (File.Exists(path))
            {
                using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(fs);
                if ((await reader.ReadToEndAsync()).Contains(text, StringComparison.Ordinal)) return;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"'{text}' did not appear on {name}'s console within {BootTimeout}");
    }

    private string DomainXml(string name, string kernel, string initrd) => $"""
        <domain type='qemu'>
          <name>{name}</name>
          <memory unit='MiB'>128</memory>
          <vcpu>1</vcpu>
          <os>
            <type arch='x86_64' machine='q35'>hvm</type>
            <kernel>{kernel}</kernel>
            <initrd>{initrd}</initrd>
            <cmdline>console=ttyS0</cmdline>
          </os>
          <features><acpi/></features>
          <on_poweroff>destroy</on_poweroff>
          <devices>
            <serial type='pty'>
              <log file='{ConsoleLog(name)}' append='off'/>
              <target port='0'/>
            </serial>
          </devices>
        </domain>
        """;

    // ---------------------------------------------------------------- report

    private string Report()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Repetitions: {reps} start/destroy pairs (engine and direct interleaved, order alternating), {readyReps} destroy(s) of a fully booted guest; micro-benchmarks: {reps} batches each.");
        sb.AppendLine();
        sb.AppendLine("| # | figure | target | min | median | max | n | median vs target |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|---|");
        Row(sb, "1a", "`StartAsync()` through the engine, until VM running (ms)", "", "start-engine");
        Row(sb, "1b", "direct QEMU (same argv) → QMP `qmp_capabilities` + `cont` answered (ms)", "", "start-direct");
        Row(sb, "1", "**start engine overhead** = 1a − 1b per pair (ms)", "≤ 150 ms (libvirt 9.0: 300 ms)", "start-overhead", 150);
        Row(sb, "1r", "start ratio 1a / 1b per pair", "", "start-ratio", format: Fmt.X);
        Row(sb, "1e", "start: the engine's own serial work, from its file timeline (ms; see below)", "≤ 150 ms", "e-own", 150);
        Row(sb, "2", "**`DestroyAsync()`**, guest running ~1 s (ms)", "≤ 100 ms (libvirt 9.0: 1.2 s)", "destroy-1s", 100);
        Row(sb, "2r", $"**`DestroyAsync()`**, guest fully booted (`{ReadyMarker}` seen) (ms)", "≤ 100 ms (libvirt 9.0: 1.2 s)", "destroy-ready", 100);
        Row(sb, "2b", "direct QEMU: SIGTERM → exited and reaped, running ~1 s (ms)", "", "direct-destroy-1s");
        Row(sb, "3a", "define + undefine one domain (µs per pair)", "", "define+undefine", format: Fmt.Us);
        Row(sb, "3b", "`GetInfoAsync`, 1 domain defined, inactive (µs)", "", "getinfo-1", format: Fmt.Us);
        Row(sb, "3c", "`GetInfoAsync`, running domain (µs)", "", "getinfo-running", format: Fmt.Us);
        Row(sb, "3d", "`GetInfoAsync`, 100 domains defined, inactive (µs)", "", "getinfo-100", format: Fmt.Us);
        Row(sb, "3e", "`ListAllDomainsAsync`, 1 domain defined (µs)", "", "list-1", format: Fmt.Us);
        Row(sb, "3f", "`ListAllDomainsAsync`, 100 domains defined (µs)", "", "list-100", format: Fmt.Us);
        sb.AppendLine();

        sb.AppendLine("Ratios (same run, medians):");
        sb.AppendLine();
        var destroyMedian = _s.Summary("destroy-1s").Median;
        var directDestroyMedian = _s.Summary("direct-destroy-1s").Median;
        sb.AppendLine(CultureInfo.InvariantCulture, $"- engine destroy / direct SIGTERM→reaped: {Fmt.X(destroyMedian / directDestroyMedian)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- start overhead / target 150 ms: {Fmt.X(_s.Summary("start-overhead").Median / 150)}; destroy / target 100 ms: {Fmt.X(destroyMedian / 100)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- `ListAllDomainsAsync` 100 domains / 1 domain: {Fmt.X(_s.Summary("list-100").Median / _s.Summary("list-1").Median)}; `GetInfoAsync` with 100 defined / with 1: {Fmt.X(_s.Summary("getinfo-100").Median / _s.Summary("getinfo-1").Median)}");
        sb.AppendLine();

        sb.AppendLine("Where the direct start's time goes (ms, medians of the phases; min–max in brackets):");
        sb.AppendLine();
        sb.AppendLine("| phase | median | min–max |");
        sb.AppendLine("|---|---:|---|");
        Phase(sb, "Process.Start returns", "direct-spawn");
        Phase(sb, "→ monitor socket accepts a connection (QEMU has created its chardevs)", "direct-listen");
        Phase(sb, "→ QMP greeting read", "direct-greeting");
        Phase(sb, "→ `qmp_capabilities` answered (commands wait for QEMU's main loop, i.e. the end of its initialisation)", "direct-caps");
        Phase(sb, "→ `cont` answered", "direct-cont");
        Phase(sb, "(guest boot: engine start → `VIRT-GUEST-READY` on the console, 20 ms polling)", "boot-to-ready");
        sb.AppendLine();

        sb.AppendLine(CultureInfo.InvariantCulture, $"Where the engine start's time goes (ms; inotify timeline of the engine's files, see `Timeline.cs`; {_s.Get("e-own").Count} of {reps} reps complete):");
        sb.AppendLine();
        sb.AppendLine("| phase (engine `StartAsync`) | median | min–max | direct counterpart (median) |");
        sb.AppendLine("|---|---:|---|---:|");
        Phase(sb, "call → next-id write begins (driver lock, load + parse the store, capabilities)", "e-prep", "");
        Phase(sb, "next-id write (atomic: temp file, fsync, rename)", "e-nextid", "");
        Phase(sb, "→ log header appended (command line built)", "e-header", "");
        Phase(sb, "→ status write begins (posix_spawn, pidfd, /proc stat)", "e-spawn", "direct-spawn");
        Phase(sb, "status write #1 (fsync; overlaps QEMU's initialisation)", "e-status1", "");
        Phase(sb, "header → QEMU bound its monitor socket (spawn + QEMU init)", "e-listen", "direct-connected");
        Phase(sb, "socket bound (and status written) → status write #2 begins: connect, handshake, `query-chardev`, `cont` (mostly waiting for QEMU's init)", "e-qmp", "direct-qmp");
        Phase(sb, "status write #2 (fsync)", "e-status2", "");
        Phase(sb, "→ `StartAsync` returns (shutoff file removed, exit watcher armed, lock released)", "e-epilogue", "");
        Phase(sb, "**engine's own serial work** = call → status write #1 begins, plus status write #2 begins → return", "e-own", "");
        sb.AppendLine();

        sb.AppendLine(CultureInfo.InvariantCulture, $"Where the engine destroy's time goes (ms; own pidfd on QEMU plus the inotify timeline; {_s.Get("d-exit").Count} of {reps + readyReps} destroys complete):");
        sb.AppendLine();
        sb.AppendLine("| phase (engine `DestroyAsync`) | median | min–max | direct counterpart (median) |");
        sb.AppendLine("|---|---:|---|---:|");
        Phase(sb, "call → QEMU exited (driver lock, load the store, SIGTERM, QEMU's own exit)", "d-exit", "direct-destroy-1s");
        Phase(sb, "QEMU exited → status file deleted (engine's pidfd poll slice wakes, reap)", "d-notice", "");
        Phase(sb, "→ shutoff-reason write begins (monitor socket removed)", "d-cleanup", "");
        Phase(sb, "shutoff-reason write (fsync)", "d-shutoff", "");
        Phase(sb, "→ `DestroyAsync` returns", "d-epilogue", "");
        sb.AppendLine();
        sb.AppendLine("Calls per micro-benchmark batch: " + string.Join(", ", _batch.Select(kv => $"{kv.Key} {kv.Value}")) + ".");
        return sb.ToString();
    }

    private void Row(StringBuilder sb, string id, string what, string target, string series, double? limit = null,
        Func<double, string>? format = null)
    {
        format ??= Fmt.Ms;
        var s = _s.Summary(series);
        var verdict = limit is { } l
            ? (s.Median <= l ? "met" : "**missed**") + $" ({Fmt.X(s.Median / l)} of target; max {(s.Max <= l ? "within" : "over")})"
            : "";
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {id} | {what} | {target} | {format(s.Min)} | {format(s.Median)} | {format(s.Max)} | {s.Count} | {verdict} |");
    }

    private void Phase(StringBuilder sb, string what, string series, string? counterpart = null)
    {
        var s = _s.Summary(series);
        // null: a three-column table; "": an empty fourth cell; otherwise the counterpart's median.
        var other = counterpart switch
        {
            null => "",
            "" => " |",
            _ => $" {Fmt.Ms(_s.Summary(counterpart).Median)} |",
        };
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {Fmt.Ms(s.Median)} | {Fmt.Ms(s.Min)}–{Fmt.Ms(s.Max)} |{other}");
    }
}
