using System.Globalization;
using System.Xml.Linq;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Api.Host;
using Virt.Model.Domains;

namespace Virt.Engine.Test;

/// <summary>
/// The test driver's answers for virsh's everyday queries beyond the life cycle (capabilities,
/// sysinfo, vCPUs, balloon statistics, block info, metadata), with the fixed figures and texts
/// libvirt 9.0's test driver gives. What libvirt's test driver lacks (domain capabilities,
/// XML-to-native, keepalive, library version) stays with the interface's NoSupport defaults.
/// </summary>
public sealed partial class TestDriver
{
    /// <summary>VIR_NODEINFO_MAXCPUS of the test node: what vCPU affinities range over.</summary>
    private const int HostCpus = 16;

    /// <summary>libvirt's test driver starts the domain and has no use for the descriptors.</summary>
    public Task<DomainRef> CreateWithFilesAsync(DomainRef domain, IReadOnlyList<int> fds, DomainCreateFlags flags,
        CancellationToken ct = default) => CreateAsync(domain, flags, ct);

    public Task<DomainRef> CreateXmlWithFilesAsync(string xml, IReadOnlyList<int> fds, DomainCreateFlags flags,
        CancellationToken ct = default) => CreateXmlAsync(xml, flags, ct);

    public Task<string> GetCapabilitiesAsync(CancellationToken ct = default) => Run(() => TestHostDocuments.Capabilities);

    public Task<string> GetSysinfoAsync(CancellationToken ct = default) => Run(() => TestHostDocuments.Sysinfo);

    /// <summary>libvirt's <c>testNodeGetCPUMap</c>: eight CPUs, 0, 2 and 4 online.</summary>
    public Task<NodeCpuMap> GetNodeCpuMapAsync(CancellationToken ct = default) =>
        Run(() => new NodeCpuMap(8, [true, false, true, false, true, false, false, false]));

    public Task<int> GetVcpusFlagsAsync(DomainRef domain, DomainVcpuFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            TestErrors.CheckFlags((uint)flags,
                (uint)(DomainVcpuFlags.Live | DomainVcpuFlags.Config | DomainVcpuFlags.Maximum), "testDomainGetVcpusFlags");
            var def = OneDef(Find(domain), flags);
            return flags.HasFlag(DomainVcpuFlags.Maximum) ? def.Vcpus : def.CurrentVcpus;
        });

    /// <summary>libvirt's <c>testDomainGetVcpus</c>: every online vCPU runs on the last CPU of its mask, and the wall clock stands in for CPU time.</summary>
    public Task<IReadOnlyList<VcpuInfo>> GetVcpusAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked<IReadOnlyList<VcpuInfo>>(() =>
        {
            var dom = Find(domain);
            if (!dom.IsActive)
                throw VirtErrors.OperationInvalid("cannot list vcpus for an inactive domain", ErrorDomain.Test);
            var mask = CpuSet.Parse(dom.Def.Root.Element("vcpu")?.Attribute("cpuset")?.Value, HostCpus);
            var last = Array.LastIndexOf(mask, true);
            // g_get_real_time() / 10: microseconds since the epoch, divided by ten.
            var cpuTime = (ulong)((DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10 / 10);
            return Enumerable.Range(0, dom.Def.CurrentVcpus)
                .Select(i => new VcpuInfo(i, VcpuState.Running, cpuTime, last, mask)).ToList();
        });

    public Task<IReadOnlyList<IReadOnlyList<bool>>> GetVcpuPinInfoAsync(DomainRef domain, DomainVcpuFlags flags,
        CancellationToken ct = default) =>
        Locked<IReadOnlyList<IReadOnlyList<bool>>>(() =>
        {
            var def = OneDef(Find(domain), flags);
            var mask = CpuSet.Parse(def.Root.Element("vcpu")?.Attribute("cpuset")?.Value, HostCpus);
            return Enumerable.Range(0, def.Vcpus).Select(_ => (IReadOnlyList<bool>)mask).ToList();
        });

    /// <summary>
    /// libvirt's test driver derives the balloon figures from the current memory; a domain
    /// without a balloon has none, and an inactive one is an error.
    /// </summary>
    public Task<IReadOnlyList<MemoryStat>> GetMemoryStatsAsync(DomainRef domain, CancellationToken ct = default) =>
        Locked<IReadOnlyList<MemoryStat>>(() =>
        {
            var dom = Find(domain);
            if (!dom.IsActive) throw VirtErrors.NotRunning(ErrorDomain.Domain);
            if (!HasBalloon(dom.Def)) return [];
            var actual = dom.Def.CurrentMemoryKiB;
            return
            [
                new(MemoryStatTag.ActualBalloon, actual), new(MemoryStatTag.SwapIn, 0), new(MemoryStatTag.SwapOut, 0),
                new(MemoryStatTag.MajorFault, 0), new(MemoryStatTag.MinorFault, 0), new(MemoryStatTag.Unused, actual / 2),
                new(MemoryStatTag.Available, actual), new(MemoryStatTag.Usable, actual / 2),
                new(MemoryStatTag.LastUpdate, 627319920), new(MemoryStatTag.DiskCaches, actual / 8),
                new(MemoryStatTag.HugetlbPgalloc, 0), new(MemoryStatTag.HugetlbPgfail, 0), new(MemoryStatTag.Rss, actual / 2),
            ];
        });

    public Task SetMemoryStatsPeriodAsync(DomainRef domain, int period, DomainVcpuFlags flags, CancellationToken ct = default) =>
        Locked(() =>
        {
            if (flags.HasFlag(DomainVcpuFlags.Live) && flags.HasFlag(DomainVcpuFlags.Config))
                throw MutuallyExclusive("virDomainSetMemoryStatsPeriod");
            CheckWritable("virDomainSetMemoryStatsPeriod");
            TestErrors.CheckFlags((uint)flags, (uint)(DomainVcpuFlags.Live | DomainVcpuFlags.Config), "testDomainSetMemoryStatsPeriod");
            var def = OneDef(Find(domain), flags);
            if (!HasBalloon(def))
                throw VirtErrors.Internal("No memory balloon device configured, can not set the collection period", ErrorDomain.Test);
            var balloon = def.Root.Element("devices")!.Element("memballoon")!;
            balloon.Element("stats")?.Remove();
            balloon.AddFirst(new XElement("stats", new XAttribute("period", period.ToString(CultureInfo.InvariantCulture))));
        });

    /// <summary>libvirt's test driver answers the same fixed sizes for every disk that has a source.</summary>
    public Task<BlockInfo> GetBlockInfoAsync(DomainRef domain, string disk, CancellationToken ct = default) =>
        Locked(() =>
        {
            var dom = Find(domain);
            var found = dom.Def.Root.Element("devices")?.Elements("disk").FirstOrDefault(d => DiskMatches(d, disk))
                ?? throw VirtErrors.InvalidArg($"invalid path {disk} not assigned to domain", ErrorDomain.Test);
            if (DiskSource(found) is null)
                throw VirtErrors.InvalidArg($"disk '{disk}' does not currently have a source assigned", ErrorDomain.Test);
            return new BlockInfo(1099506450432, 1099511627776, 1099511627776);
        });

    public Task<string> GetMetadataAsync(DomainRef domain, DomainMetadataType type, string? uri, DomainVcpuFlags flags,
        CancellationToken ct = default) =>
        Locked(() =>
        {
            TestErrors.CheckFlags((uint)flags, (uint)(DomainVcpuFlags.Live | DomainVcpuFlags.Config), "virDomainObjGetMetadata");
            var def = OneDef(Find(domain), flags);
            var text = type switch
            {
                DomainMetadataType.Title => def.Title,
                DomainMetadataType.Description => def.Description,
                _ => def.Metadata?.Elements().FirstOrDefault(e => e.Name.NamespaceName == uri)?.ToString(),
            };
            return text ?? throw new VirtException(ErrorCode.NoDomainMetadata, ErrorDomain.Domain,
                "metadata not found: Requested metadata element is not present", "metadata not found: %s",
                "Requested metadata element is not present");
        });

    /// <summary>libvirt's <c>virDomainObjGetOneDef</c>: the live or the persistent definition the flags ask for.</summary>
    private static DomainDefinition OneDef(TestDomainObject dom, DomainVcpuFlags flags)
    {
        bool live = flags.HasFlag(DomainVcpuFlags.Live), config = flags.HasFlag(DomainVcpuFlags.Config);
        if (live && config) throw MutuallyExclusive("virDomainObjGetOneDefState");
        if (!live && !config) live = dom.IsActive;
        if (live && !dom.IsActive) throw VirtErrors.NotRunning(ErrorDomain.Domain);
        if (!live && !dom.Persistent)
            throw VirtErrors.OperationInvalid("transient domains do not have any persistent config", ErrorDomain.Domain);
        return live ? dom.Def : dom.NewDef ?? dom.Def;
    }

    /// <summary>libvirt's API-level check, reported without a prefix like every <c>virReportInvalidArg</c>.</summary>
    private static VirtException MutuallyExclusive(string function)
    {
        const string text = "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive";
        return new VirtException(ErrorCode.InvalidArg, ErrorDomain.Domain, text, function, "flags");
    }

    private static bool HasBalloon(DomainDefinition def) =>
        def.Root.Element("devices")?.Element("memballoon") is { } b && b.Attribute("model")?.Value != "none";

    /// <summary>libvirt's <c>virDomainDiskByName</c>: the target name, or the source path.</summary>
    private static bool DiskMatches(XElement disk, string name) =>
        disk.Element("target")?.Attribute("dev")?.Value == name || DiskSource(disk) == name;

    private static string? DiskSource(XElement disk)
    {
        var source = disk.Element("source");
        return source?.Attribute("file")?.Value ?? source?.Attribute("dev")?.Value ?? source?.Attribute("dir")?.Value
            ?? source?.Attribute("name")?.Value ?? source?.Attribute("volume")?.Value;
    }
}

/// <summary>libvirt's CPU list syntax (<c>0-3,^2,8</c>) as one flag per host CPU; empty or absent means all.</summary>
internal static class CpuSet
{
    public static bool[] Parse(string? text, int cpus)
    {
        var mask = new bool[cpus];
        if (string.IsNullOrWhiteSpace(text))
        {
            Array.Fill(mask, true);
            return mask;
        }
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = raw.StartsWith('^');
            var part = negate ? raw[1..] : raw;
            var dash = part.IndexOf('-');
            if (!int.TryParse(dash < 0 ? part : part[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var from)) continue;
            var to = from;
            if (dash >= 0 && !int.TryParse(part[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out to)) continue;
            for (var c = from; c <= to && c < cpus; c++) mask[c] = !negate;
        }
        return mask;
    }
}

/// <summary>The host documents libvirt 9.0's test driver serves, as <c>virsh -c test:///default</c> prints them.</summary>
internal static class TestHostDocuments
{
    public const string Capabilities = CapabilitiesBody + "\n";

    private const string CapabilitiesBody = """
        <capabilities>

          <host>
            <cpu>
              <arch>i686</arch>
              <features>
                <pae/>
                <nonpae/>
              </features>
              <pages unit='KiB' size='4'/>
              <pages unit='KiB' size='8'/>
              <pages unit='KiB' size='2048'/>
              <pages unit='KiB' size='1048576'/>
            </cpu>
            <power_management/>
            <iommu support='no'/>
            <topology>
              <cells num='2'>
                <cell id='0'>
                  <memory unit='KiB'>2097152</memory>
                  <pages unit='KiB' size='4'>524288</pages>
                  <pages unit='KiB' size='2048'>0</pages>
                  <pages unit='KiB' size='1048576'>0</pages>
                  <cpus num='8'>
                    <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0'/>
                    <cpu id='1' socket_id='0' die_id='0' core_id='1' siblings='1'/>
                    <cpu id='2' socket_id='0' die_id='0' core_id='2' siblings='2'/>
                    <cpu id='3' socket_id='0' die_id='0' core_id='3' siblings='3'/>
                    <cpu id='4' socket_id='0' die_id='0' core_id='4' siblings='4'/>
                    <cpu id='5' socket_id='0' die_id='0' core_id='5' siblings='5'/>
                    <cpu id='6' socket_id='0' die_id='0' core_id='6' siblings='6'/>
                    <cpu id='7' socket_id='0' die_id='0' core_id='7' siblings='7'/>
                  </cpus>
                </cell>
                <cell id='1'>
                  <memory unit='KiB'>4194304</memory>
                  <pages unit='KiB' size='8'>524288</pages>
                  <pages unit='KiB' size='2048'>0</pages>
                  <pages unit='KiB' size='1048576'>0</pages>
                  <cpus num='8'>
                    <cpu id='8' socket_id='1' die_id='0' core_id='0' siblings='8'/>
                    <cpu id='9' socket_id='1' die_id='0' core_id='1' siblings='9'/>
                    <cpu id='10' socket_id='1' die_id='0' core_id='2' siblings='10'/>
                    <cpu id='11' socket_id='1' die_id='0' core_id='3' siblings='11'/>
                    <cpu id='12' socket_id='1' die_id='0' core_id='4' siblings='12'/>
                    <cpu id='13' socket_id='1' die_id='0' core_id='5' siblings='13'/>
                    <cpu id='14' socket_id='1' die_id='0' core_id='6' siblings='14'/>
                    <cpu id='15' socket_id='1' die_id='0' core_id='7' siblings='15'/>
                  </cpus>
                </cell>
              </cells>
            </topology>
            <secmodel>
              <model>testSecurity</model>
              <doi></doi>
            </secmodel>
          </host>

          <guest>
            <os_type>hvm</os_type>
            <arch name='i686'>
              <wordsize>32</wordsize>
              <emulator>/usr/bin/test-hv</emulator>
              <domain type='test'/>
            </arch>
            <features>
              <pae/>
              <nonpae/>
            </features>
          </guest>

          <guest>
            <os_type>xen</os_type>
            <arch name='i686'>
              <wordsize>32</wordsize>
              <emulator>/usr/bin/test-hv</emulator>
              <domain type='test'/>
            </arch>
            <features>
              <pae/>
              <nonpae/>
            </features>
          </guest>

        </capabilities>
        """;

    public const string Sysinfo = SysinfoBody + "\n";

    private const string SysinfoBody = """
        <sysinfo type='smbios'>
          <bios>
            <entry name='vendor'>LENOVO</entry>
            <entry name='version'>G4ETA1WW (2.61 )</entry>
            <entry name='date'>05/07/2014</entry>
            <entry name='release'>2.61</entry>
          </bios>
        </sysinfo>
        """;
}
