using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Api.Host;
using Virt.Engine.Host;
using Virt.Engine.Qemu.Command;
using Virt.Engine.Qemu.Store;
using Virt.Engine.Test;
using Virt.Model;
using Virt.Model.Domains;
using Virt.Model.Xml;

namespace Virt.Engine.Qemu;

/// <summary>
/// The QEMU driver's answers for virsh's everyday queries that need no new machinery: host
/// capabilities and SMBIOS data, the host CPU map, vCPU counts and pinning from the definitions,
/// vCPU threads through the monitor, block sizes from the image files, metadata, and the QEMU
/// command line for an XML (<c>domxml-to-native qemu-argv</c>). Balloon statistics, domain
/// capabilities and the like keep the interface's NoSupport answer until the engine has them.
/// </summary>
public sealed partial class QemuDriver
{
    private const string DmiDir = "/sys/class/dmi/id";

    public Task<string> GetCapabilitiesAsync(CancellationToken ct = default) =>
        Task.FromResult(QemuHostDocuments.Capabilities(Capabilities, ReadCpuMap()));

    public Task<string> GetSysinfoAsync(CancellationToken ct = default) => Task.FromResult(QemuHostDocuments.Sysinfo(DmiDir));

    public Task<NodeCpuMap> GetNodeCpuMapAsync(CancellationToken ct = default) => Task.FromResult(ReadCpuMap());

    /// <summary>libvirt's <c>qemuConnectDomainXMLToNative</c> for <c>qemu-argv</c>: the command line we would start QEMU with.</summary>
    public Task<string> DomainXmlToNativeAsync(string format, string xml, CancellationToken ct = default)
    {
        if (format != "qemu-argv")
            throw VirtErrors.InvalidArg($"unsupported config type {format}");
        var def = ParseForDefine(xml);
        var argv = new QemuCommandBuilder(Capabilities).Build(def, new QemuRuntimePaths(_store.Paths.MonitorSocket(-1))).Argv;
        return Task.FromResult(QemuHostDocuments.ArgvText(argv));
    }

    public async Task<int> GetVcpusFlagsAsync(DomainRef domain, DomainVcpuFlags flags, CancellationToken ct = default)
    {
        CheckFlags(flags, DomainVcpuFlags.Live | DomainVcpuFlags.Config | DomainVcpuFlags.Maximum, "qemuDomainGetVcpusFlags");
        var def = OneDef(await ResolveAsync(domain, ct).ConfigureAwait(false), flags);
        return flags.HasFlag(DomainVcpuFlags.Maximum) ? def.Vcpus : def.CurrentVcpus;
    }

    public async Task<IReadOnlyList<IReadOnlyList<bool>>> GetVcpuPinInfoAsync(DomainRef domain, DomainVcpuFlags flags,
        CancellationToken ct = default)
    {
        CheckFlags(flags, DomainVcpuFlags.Live | DomainVcpuFlags.Config, "qemuDomainGetVcpuPinInfo");
        var def = OneDef(await ResolveAsync(domain, ct).ConfigureAwait(false), flags);
        var mask = CpuSet.Parse(def.Root.Element("vcpu")?.Attribute("cpuset")?.Value, ReadCpuMap().Cpus);
        return Enumerable.Range(0, def.Vcpus).Select(_ => (IReadOnlyList<bool>)mask).ToList();
    }

    /// <summary>Each vCPU thread QEMU reports, with the CPU it last ran on, its CPU time and its affinity from /proc.</summary>
    public async Task<IReadOnlyList<VcpuInfo>> GetVcpusAsync(DomainRef domain, CancellationToken ct = default)
    {
        var hostCpus = ReadCpuMap().Cpus;
        IReadOnlyList<Monitor.QmpCpu> threads;
        int pid;
        using (await _lock.AcquireAsync(ct).ConfigureAwait(false))
        {
            var d = Resolve(domain);
            if (d.Status is not { } status) throw VirtErrors.OperationInvalid("cannot list vcpus for an inactive domain");
            pid = status.Pid;
            await using var lease = await Process.QemuLauncher.AttachAsync(status, ct).ConfigureAwait(false);
            try
            {
                threads = await lease.Client.QueryCpusFastAsync(ct).ConfigureAwait(false);
            }
            catch (Monitor.QmpCommandException ex)
            {
                throw VirtErrors.Internal($"unable to execute QEMU command '{ex.Command}': {ex.Description}");
            }
            catch (Monitor.QmpDisconnectedException)
            {
                throw VirtErrors.OperationFailed("domain is no longer running");
            }
        }
        return threads.OrderBy(t => t.CpuIndex).Select(t =>
        {
            var (cpu, time) = QemuHostDocuments.ThreadStat(pid, t.ThreadId);
            var affinity = CpuSet.Parse(QemuHostDocuments.ThreadAffinity(pid, t.ThreadId), hostCpus);
            return new VcpuInfo(t.CpuIndex, VcpuState.Running, time, cpu, affinity);
        }).ToList();
    }

    /// <summary>Sizes from the image file itself: qcow2's virtual size from its header, otherwise the file's length.</summary>
    public async Task<BlockInfo> GetBlockInfoAsync(DomainRef domain, string disk, CancellationToken ct = default)
    {
        var d = await ResolveAsync(domain, ct).ConfigureAwait(false);
        var def = d.Status?.Live ?? d.Config!;
        var found = def.Root.Element("devices")?.Elements("disk").FirstOrDefault(e =>
                        e.Element("target")?.Attribute("dev")?.Value == disk || SourceOf(e) == disk)
                    ?? throw VirtErrors.InvalidArg($"invalid path {disk} not assigned to domain");
        var path = SourceOf(found) ?? throw VirtErrors.InvalidArg($"disk '{disk}' does not currently have a source assigned");
        return QemuHostDocuments.ImageSizes(path);
    }

    public async Task<string> GetMetadataAsync(DomainRef domain, DomainMetadataType type, string? uri, DomainVcpuFlags flags,
        CancellationToken ct = default)
    {
        CheckFlags(flags, DomainVcpuFlags.Live | DomainVcpuFlags.Config, "virDomainObjGetMetadata");
        var def = OneDef(await ResolveAsync(domain, ct).ConfigureAwait(false), flags);
        var text = type switch
        {
            DomainMetadataType.Title => def.Title,
            DomainMetadataType.Description => def.Description,
            _ => def.Metadata?.Elements().FirstOrDefault(e => e.Name.NamespaceName == uri)?.ToString(),
        };
        return text ?? throw new VirtException(ErrorCode.NoDomainMetadata, ErrorDomain.Domain,
            "metadata not found: Requested metadata element is not present", "metadata not found: %s",
            "Requested metadata element is not present");
    }

    /// <summary>
    /// Lifecycle events for what other engine instances do (every CLI run is one) and for guests
    /// that stop by themselves: the config and run folders are watched, and each change, or a
    /// QEMU found dead, is compared with the last view of every domain.
    /// </summary>
    public async Task<IAsyncDisposable> WatchExternalEventsAsync(CancellationToken ct = default)
    {
        var watcher = new StoreEventWatcher(this);
        await watcher.StartAsync(ct).ConfigureAwait(false);
        return watcher;
    }

    private sealed class StoreEventWatcher(QemuDriver driver) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly SemaphoreSlim _changed = new(0);
        private readonly List<FileSystemWatcher> _watchers = [];
        private Dictionary<string, View> _last = [];
        private Task _loop = Task.CompletedTask;

        private sealed record View(Guid Uuid, int Id, bool Persistent, bool Active, DomainState State, int Reason, DateTime ConfigTime);

        public async Task StartAsync(CancellationToken ct)
        {
            _last = await ScanAsync(ct).ConfigureAwait(false);
            foreach (var dir in new[] { driver._store.Paths.ConfigDir, driver._store.Paths.RunDir })
            {
                var w = new FileSystemWatcher(dir) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
                w.Created += (_, _) => Signal();
                w.Deleted += (_, _) => Signal();
                w.Changed += (_, _) => Signal();
                w.Renamed += (_, _) => Signal();
                w.EnableRaisingEvents = true;
                _watchers.Add(w);
            }
            _loop = Task.Run(LoopAsync);
        }

        private void Signal()
        {
            if (_changed.CurrentCount == 0) _changed.Release();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    // A change, or a second without one (a QEMU may have ended with nobody to notice).
                    if (await _changed.WaitAsync(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false))
                        await Task.Delay(30, _stop.Token).ConfigureAwait(false); // let a burst of writes settle
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                try
                {
                    var now = await ScanAsync(_stop.Token).ConfigureAwait(false);
                    Compare(_last, now);
                    _last = now;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ModelException)
                {
                    // A file caught half-way: the next change or tick looks again.
                }
            }
        }

        /// <summary>Every domain as it stands, read under the driver lock so no change is seen half made.</summary>
        private async Task<Dictionary<string, View>> ScanAsync(CancellationToken ct)
        {
            using var _ = await driver._lock.AcquireAsync(ct).ConfigureAwait(false);
            var paths = driver._store.Paths;
            var views = new Dictionary<string, View>(StringComparer.Ordinal);
            foreach (var d in driver._store.LoadAll())
            {
                var configTime = d.Config is null ? default : File.GetLastWriteTimeUtc(paths.ConfigFile(d.Name));
                if (d.Status is { } s && ProcStat.IsSameLiveProcess(s.Pid, s.StartTime))
                {
                    views[d.Name] = new View(d.Uuid, s.Id, d.IsPersistent, true, s.State.State, s.State.Reason, configTime);
                    continue;
                }
                var reason = d.Status is { } dead
                    ? Process.ExitClassifier.Classify(paths.LogFile(d.Name), dead.LogOffset).Reason
                    : ShutoffReasonFile.Read(paths, d.Name);
                if (d.Status is not null && !d.IsPersistent) continue; // a transient domain that has ended is gone
                views[d.Name] = new View(d.Uuid, DomainRef.InactiveId, d.IsPersistent, false, DomainState.Shutoff, reason, configTime);
            }
            return views;
        }

        private void Compare(Dictionary<string, View> before, Dictionary<string, View> after)
        {
            var events = driver._events;
            foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
            {
                before.TryGetValue(name, out var old);
                after.TryGetValue(name, out var now);
                var uuid = (now ?? old)!.Uuid;
                DomainRef Ref(View v) => new(name, uuid, v.Active ? v.Id : DomainRef.InactiveId);

                if (old is null && now is not null)
                {
                    if (now.Persistent) events.Queue(Ref(now), DomainEventType.Defined, DomainEventDetail.DefinedAdded);
                    if (now.Active) Started(now, Ref(now));
                    continue;
                }
                if (old is not null && now is null)
                {
                    var gone = old with { Active = false };
                    if (old.Active) Stopped(Ref(gone), old.Persistent ? old.Reason : (int)ShutoffReason.Destroyed);
                    if (old.Persistent) events.Queue(Ref(gone), DomainEventType.Undefined, DomainEventDetail.UndefinedRemoved);
                    continue;
                }
                if (old is null || now is null) continue;
                if (!old.Persistent && now.Persistent) events.Queue(Ref(now), DomainEventType.Defined, DomainEventDetail.DefinedAdded);
                else if (old.Persistent && now.Persistent && old.ConfigTime != now.ConfigTime)
                    events.Queue(Ref(now), DomainEventType.Defined, DomainEventDetail.DefinedUpdated);
                if (!old.Active && now.Active) Started(now, Ref(now));
                else if (old.Active && !now.Active) Stopped(Ref(now), now.Reason);
                else if (old.Active && now.Active && old.Id != now.Id)
                {
                    Stopped(Ref(old with { Active = false }), (int)ShutoffReason.Destroyed);
                    Started(now, Ref(now));
                }
                else if (old.Active && now.Active && old.State != now.State && !StartingUp(old) && !StartingUp(now))
                {
                    if (now.State == DomainState.Paused) events.Queue(Ref(now), DomainEventType.Suspended, DomainEventDetail.SuspendedPaused);
                    else if (old.State == DomainState.Paused && now.State == DomainState.Running)
                        events.Queue(Ref(now), DomainEventType.Resumed, DomainEventDetail.ResumedUnpaused);
                }
                if (old.Persistent && !now.Persistent) events.Queue(Ref(now), DomainEventType.Undefined, DomainEventDetail.UndefinedRemoved);
            }
            events.Deliver();
        }

        /// <summary>QEMU runs paused (-S) until the monitor is set up; that is part of starting, not a suspend.</summary>
        private static bool StartingUp(View v) => v.State == DomainState.Paused && (PausedReason)v.Reason == PausedReason.StartingUp;

        private void Started(View now, DomainRef reference)
        {
            driver._events.Queue(reference, DomainEventType.Started, DomainEventDetail.StartedBooted);
            if (now.State == DomainState.Paused && !StartingUp(now))
                driver._events.Queue(reference, DomainEventType.Suspended, DomainEventDetail.SuspendedPaused);
        }

        private void Stopped(DomainRef reference, int reason)
        {
            if ((ShutoffReason)reason == ShutoffReason.Shutdown)
                driver._events.Queue(reference, DomainEventType.Shutdown, DomainEventDetail.ShutdownGuest);
            driver._events.Queue(reference, DomainEventType.Stopped, (ShutoffReason)reason switch
            {
                ShutoffReason.Shutdown => DomainEventDetail.StoppedShutdown,
                ShutoffReason.Destroyed => DomainEventDetail.StoppedDestroyed,
                ShutoffReason.Crashed => DomainEventDetail.StoppedCrashed,
                ShutoffReason.Saved => DomainEventDetail.StoppedSaved,
                _ => DomainEventDetail.StoppedFailed,
            });
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var w in _watchers) w.Dispose();
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stop.Dispose();
            _changed.Dispose();
        }
    }

    /// <summary>libvirt's <c>virDomainObjGetOneDef</c> over the stored definitions.</summary>
    private static DomainDefinition OneDef(StoredDomain d, DomainVcpuFlags flags)
    {
        bool live = flags.HasFlag(DomainVcpuFlags.Live), config = flags.HasFlag(DomainVcpuFlags.Config);
        if (live && config)
            throw new VirtException(ErrorCode.InvalidArg, ErrorDomain.Domain,
                "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive", "virDomainObjGetOneDefState", "flags");
        if (!live && !config) live = d.Status is not null;
        if (live) return d.Status?.Live ?? throw VirtErrors.NotRunning(ErrorDomain.Domain);
        return d.Config ?? throw VirtErrors.OperationInvalid("transient domains do not have any persistent config", ErrorDomain.Domain);
    }

    private static void CheckFlags(DomainVcpuFlags flags, DomainVcpuFlags allowed, string function)
    {
        var extra = (uint)(flags & ~allowed);
        if (extra != 0)
            throw new VirtException(ErrorCode.InvalidArg, ErrorDomain.Qemu, $"unsupported flags (0x{extra:x}) in function {function}",
                function, "flags", int1: 0);
    }

    private static string? SourceOf(XElement disk)
    {
        var source = disk.Element("source");
        return source?.Attribute("file")?.Value ?? source?.Attribute("dev")?.Value;
    }

    private static NodeCpuMap ReadCpuMap()
    {
        var present = ReadSysList("/sys/devices/system/cpu/present");
        var online = ReadSysList("/sys/devices/system/cpu/online");
        var cpus = present.Count > 0 ? present.Max() + 1 : Environment.ProcessorCount;
        var map = new bool[cpus];
        foreach (var c in online.Count > 0 ? online : Enumerable.Range(0, cpus))
            if (c < cpus) map[c] = true;
        return new NodeCpuMap(cpus, map);
    }

    private static List<int> ReadSysList(string path)
    {
        try
        {
            var mask = CpuSet.Parse(File.ReadAllText(path).Trim(), 4096);
            return Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}

/// <summary>The host documents and /proc readings the QEMU driver's queries return.</summary>
internal static class QemuHostDocuments
{
    /// <summary>A libvirt-shaped capabilities document: the host CPU and NUMA topology, and one x86_64 hvm guest.</summary>
    public static string Capabilities(QemuCapabilities caps, NodeCpuMap cpuMap)
    {
        var node = HostInfo.ReadNodeInfo();
        var cpus = new XElement("cpus", new XAttribute("num", cpuMap.OnlineCount));
        for (var i = 0; i < cpuMap.Cpus; i++)
            if (cpuMap.Online[i])
                cpus.Add(new XElement("cpu", new XAttribute("id", i), new XAttribute("socket_id", 0), new XAttribute("die_id", 0),
                    new XAttribute("core_id", i), new XAttribute("siblings", i)));
        var host = new XElement("host",
            HostUuid() is { } uuid ? new XElement("uuid", uuid) : null,
            new XElement("cpu",
                new XElement("arch", node.Model),
                new XElement("topology", new XAttribute("sockets", node.Sockets), new XAttribute("dies", 1),
                    new XAttribute("cores", node.Cores), new XAttribute("threads", node.Threads)),
                new XElement("pages", new XAttribute("unit", "KiB"), new XAttribute("size", 4)),
                new XElement("pages", new XAttribute("unit", "KiB"), new XAttribute("size", 2048)),
                new XElement("pages", new XAttribute("unit", "KiB"), new XAttribute("size", 1048576))),
            new XElement("power_management"),
            new XElement("iommu", new XAttribute("support", Directory.Exists("/sys/kernel/iommu_groups") &&
                                                             Directory.EnumerateDirectories("/sys/kernel/iommu_groups").Any() ? "yes" : "no")),
            new XElement("topology",
                new XElement("cells", new XAttribute("num", 1),
                    new XElement("cell", new XAttribute("id", 0),
                        new XElement("memory", new XAttribute("unit", "KiB"), node.MemoryKiB),
                        cpus))),
            new XElement("secmodel", new XElement("model", "none"), new XElement("doi", "0")));

        var arch = new XElement("arch", new XAttribute("name", "x86_64"),
            new XElement("wordsize", 64),
            new XElement("emulator", caps.EmulatorPath));
        foreach (var (alias, canonical) in caps.MachineAliases.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            arch.Add(new XElement("machine", canonical));
            arch.Add(new XElement("machine", new XAttribute("canonical", canonical), alias));
        }
        arch.Add(new XElement("domain", new XAttribute("type", "qemu")));
        if (File.Exists("/dev/kvm")) arch.Add(new XElement("domain", new XAttribute("type", "kvm")));
        var guest = new XElement("guest",
            new XElement("os_type", "hvm"),
            arch,
            new XElement("features",
                new XElement("acpi", new XAttribute("default", "on"), new XAttribute("toggle", "yes")),
                new XElement("apic", new XAttribute("default", "on"), new XAttribute("toggle", "no")),
                new XElement("cpuselection"),
                new XElement("deviceboot"),
                new XElement("disksnapshot", new XAttribute("default", "on"), new XAttribute("toggle", "no"))));

        var sb = new StringBuilder("<capabilities>\n\n");
        sb.Append(Indent(LibvirtXmlWriter.Format(host))).Append("\n\n");
        sb.Append(Indent(LibvirtXmlWriter.Format(guest))).Append("\n\n");
        sb.Append("</capabilities>\n");
        return sb.ToString();
    }

    /// <summary>The host's SMBIOS data as the kernel exports it, in libvirt's &lt;sysinfo type='smbios'&gt; shape.</summary>
    public static string Sysinfo(string dmiDir)
    {
        if (!Directory.Exists(dmiDir))
            throw VirtErrors.Internal($"this host exports no SMBIOS data ({dmiDir} is missing)");
        string? Read(string name)
        {
            try
            {
                var value = File.ReadAllText(Path.Combine(dmiDir, name)).Trim();
                return value.Length > 0 ? value : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        XElement? Section(string name, params (string Entry, string File)[] entries)
        {
            var e = new XElement(name);
            foreach (var (entry, file) in entries)
                if (Read(file) is { } value) e.Add(new XElement("entry", new XAttribute("name", entry), value));
            return e.HasElements ? e : null;
        }
        var root = new XElement("sysinfo", new XAttribute("type", "smbios"),
            Section("bios", ("vendor", "bios_vendor"), ("version", "bios_version"), ("date", "bios_date"), ("release", "bios_release")),
            Section("system", ("manufacturer", "sys_vendor"), ("product", "product_name"), ("version", "product_version"),
                ("serial", "product_serial"), ("uuid", "product_uuid"), ("sku", "product_sku"), ("family", "product_family")),
            Section("baseBoard", ("manufacturer", "board_vendor"), ("product", "board_name"), ("version", "board_version"),
                ("serial", "board_serial"), ("asset", "board_asset_tag")),
            Section("chassis", ("manufacturer", "chassis_vendor"), ("version", "chassis_version"), ("serial", "chassis_serial"),
                ("asset", "chassis_asset_tag")));
        return LibvirtXmlWriter.Format(root);
    }

    /// <summary>libvirt's shape for <c>qemu-argv</c>: one option and its value per line, joined with <c> \</c>.</summary>
    public static string ArgvText(IReadOnlyList<string> argv)
    {
        var lines = new List<string>();
        foreach (var arg in argv)
        {
            var quoted = new QemuCommandLine("", [arg]).ToDisplayString();
            if (lines.Count == 0 || arg.StartsWith('-')) lines.Add(quoted);
            else lines[^1] += " " + quoted;
        }
        return string.Join(" \\\n", lines) + "\n";
    }

    /// <summary>Fields 39 (processor) and 14+15 (utime+stime) of a thread's stat file.</summary>
    public static (int Cpu, ulong CpuTimeNs) ThreadStat(int pid, long tid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/task/{tid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = ulong.Parse(fields[11], CultureInfo.InvariantCulture) + ulong.Parse(fields[12], CultureInfo.InvariantCulture);
            return (int.Parse(fields[36], CultureInfo.InvariantCulture), ticks * (1_000_000_000UL / (ulong)ProcStat.TicksPerSecond));
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return (-1, 0);
        }
    }

    /// <summary>The thread's <c>Cpus_allowed_list</c>.</summary>
    public static string? ThreadAffinity(int pid, long tid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/task/{tid}/status")
                .FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Capacity (qcow2's virtual size, else the length), allocation and physical size of an image or device.</summary>
    public static BlockInfo ImageSizes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var physical = (ulong)stream.Seek(0, SeekOrigin.End);
            var capacity = physical;
            stream.Seek(0, SeekOrigin.Begin);
            var header = new byte[32];
            if (stream.Read(header) == header.Length && header[0] == 'Q' && header[1] == 'F' && header[2] == 'I' && header[3] == 0xfb)
                capacity = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(24, 8));
            return new BlockInfo(capacity, physical, physical);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw VirtErrors.SystemError($"cannot open file '{path}': {ex.Message}");
        }
    }

    private static string? HostUuid()
    {
        try
        {
            var id = File.ReadAllText("/etc/machine-id").Trim();
            return Guid.TryParseExact(id, "N", out var g) ? g.ToString("D") : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Indent(string xml) =>
        string.Join('\n', xml.TrimEnd('\n').Split('\n').Select(l => l.Length > 0 ? "  " + l : l));
}
