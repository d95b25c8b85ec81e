using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>
/// Which attributes of a domain document must hold one of an enum's XML names, as a tree of element
/// paths walked once per validation. Each rule uses the enum's one <see cref="XmlEnumMap{T}"/>, so the
/// allowed values in an error are exactly the values the typed views read. Values that depend on
/// another attribute (controller models, character device targets) are checked in
/// <see cref="DomainValidator"/> itself. Every value of every map here was defined through libvirt 9's
/// test driver, and a value outside the map rejected (except where noted: libvirt takes any interface
/// driver name and shmem role, so those two are not checked).
/// </summary>
public static class DomainEnumRules
{
    /// <summary>One rule: <paramref name="Attribute"/> of the element at the rule's path must be a name of <paramref name="Map"/>.</summary>
    public sealed record Rule(string Attribute, IXmlEnumMap Map, ModelErrorKind Kind)
    {
        internal XName Name { get; } = XName.Get(Attribute);
    }

    // Keyed by XName (atomized, so lookups hash a reference, not a string); "*" is the wildcard.
    private sealed class Node
    {
        public readonly List<Rule> Rules = [];
        public readonly Dictionary<XName, Node> Children = [];
        public Node? Any;
    }

    private static readonly Node Root = Build();

    /// <summary>Every (path, rule) pair, for documentation and tests; <c>*</c> matches any element name.</summary>
    public static IEnumerable<(string Path, Rule Rule)> All => Flatten(Root, "");

    private static Node Build()
    {
        var root = new Node();
        void Add(string path, string attribute, IXmlEnumMap map, ModelErrorKind kind = ModelErrorKind.Invalid)
        {
            var node = root;
            foreach (var part in path.Split('/'))
            {
                if (part == "*")
                {
                    node = node.Any ??= new Node();
                    continue;
                }
                if (!node.Children.TryGetValue(part, out var next)) node.Children[part] = next = new Node();
                node = next;
            }
            node.Rules.Add(new Rule(attribute, map, kind));
        }

        Add("vcpu", "placement", Placements.Map);
        Add("memoryBacking/source", "type", MemorySourceTypes.Map);
        Add("memoryBacking/access", "mode", MemAccesses.Map);
        Add("memoryBacking/allocation", "mode", MemoryAllocationModes.Map);
        Add("numatune/memory", "mode", NumaTuneModes.Map);
        Add("numatune/memory", "placement", Placements.Map);
        Add("numatune/memnode", "mode", NumaTuneModes.Map);
        Add("sysinfo", "type", SysinfoTypes.Map);
        Add("os", "firmware", FirmwareKinds.Map);
        Add("os/loader", "type", LoaderTypes.Map);
        Add("os/boot", "dev", BootDevices.Map);
        Add("os/smbios", "mode", SmbiosModes.Map);
        Add("features/hyperv", "mode", HypervModes.Map);
        Add("features/hyperv/*", "state", FeatureStates.Map);
        Add("features/kvm/*", "state", FeatureStates.Map);
        foreach (var f in new[] { "vmport", "smm", "pmu", "pvspinlock", "htm", "nested-hv", "ccf-assist", "async-teardown" })
            Add("features/" + f, "state", FeatureStates.Map);
        Add("features/ioapic", "driver", IoapicDrivers.Map);
        Add("cpu", "mode", CpuModes.Map);
        Add("cpu", "match", CpuMatches.Map);
        Add("cpu", "check", CpuChecks.Map);
        Add("cpu/model", "fallback", CpuFallbacks.Map);
        Add("cpu/feature", "policy", CpuFeaturePolicies.Map);
        Add("cpu/numa/cell", "memAccess", MemAccesses.Map);
        Add("clock", "offset", ClockOffsets.Map);
        Add("clock/timer", "name", TimerNames.Map);
        Add("clock/timer", "tickpolicy", TickPolicies.Map);
        Add("clock/timer", "track", TimerTracks.Map);
        Add("clock/timer", "mode", TimerModes.Map);
        Add("seclabel", "type", SecLabelTypes.Map);

        Add("devices/*/address", "type", DeviceAddressTypes.Map, ModelErrorKind.Unsupported);
        Add("devices/disk", "type", DiskTypes.Map);
        Add("devices/disk", "device", DiskDevices.Map);
        Add("devices/disk", "model", VirtioModels.Map);
        Add("devices/disk/driver", "type", DiskFormats.Map, ModelErrorKind.Unsupported);
        Add("devices/disk/driver", "cache", DiskCaches.Map);
        Add("devices/disk/driver", "io", DiskIos.Map);
        Add("devices/disk/driver", "discard", DiskDiscards.Map);
        Add("devices/disk/driver", "detect_zeroes", DiskDetectZeroesModes.Map);
        Add("devices/disk/driver", "error_policy", DiskErrorPolicies.Map);
        Add("devices/disk/source", "protocol", DiskProtocols.Map);
        Add("devices/disk/source", "startupPolicy", DiskStartupPolicies.Map);
        Add("devices/disk/target", "bus", DiskBuses.Map);
        Add("devices/disk/target", "tray", DiskTrays.Map);
        Add("devices/controller", "type", ControllerTypes.Map);
        Add("devices/interface", "type", InterfaceTypes.Map);
        Add("devices/interface/link", "state", LinkStates.Map);
        foreach (var kind in new[] { "serial", "console", "parallel", "channel" })
        {
            Add($"devices/{kind}", "type", CharSourceTypes.Map);
            Add($"devices/{kind}/protocol", "type", CharProtocols.Map);
        }
        Add("devices/input", "type", InputTypes.Map);
        Add("devices/input", "bus", InputBuses.Map);
        Add("devices/input", "model", VirtioModels.Map);
        Add("devices/graphics", "type", GraphicsTypes.Map);
        Add("devices/graphics/listen", "type", ListenTypes.Map);
        Add("devices/video/model", "type", VideoModels.Map);
        Add("devices/sound", "model", SoundModels.Map);
        Add("devices/audio", "type", AudioTypes.Map);
        Add("devices/hostdev", "mode", HostdevModes.Map);
        Add("devices/hostdev", "type", HostdevTypes.Map);
        Add("devices/hostdev/driver", "name", HostdevDrivers.Map);
        Add("devices/redirdev", "type", CharSourceTypes.Map);
        Add("devices/smartcard", "mode", SmartcardModes.Map);
        Add("devices/watchdog", "model", WatchdogModels.Map);
        Add("devices/watchdog", "action", WatchdogActions.Map);
        Add("devices/memballoon", "model", MemballoonModels.Map);
        Add("devices/rng", "model", VirtioModels.Map);
        Add("devices/rng/backend", "model", RngBackendModels.Map);
        Add("devices/tpm", "model", TpmModels.Map);
        Add("devices/tpm/backend", "type", TpmBackendTypes.Map);
        Add("devices/filesystem", "type", FilesystemTypes.Map);
        Add("devices/filesystem", "accessmode", FilesystemAccessModes.Map);
        Add("devices/filesystem/driver", "type", FilesystemDriverTypes.Map);
        Add("devices/panic", "model", PanicModels.Map);
        Add("devices/shmem/model", "type", ShmemModels.Map);
        Add("devices/iommu", "model", IommuModels.Map);
        Add("devices/vsock", "model", VirtioModels.Map);
        return root;
    }

    /// <summary>Checks every rule against the tree under <paramref name="domain"/>; the first violation throws.</summary>
    public static void Check(XElement domain) => Walk(domain, Root);

    private static void Walk(XElement element, Node node)
    {
        for (var i = 0; i < node.Rules.Count; i++)
        {
            var rule = node.Rules[i];
            var value = element.Attribute(rule.Name)?.Value;
            if (value is not null && !rule.Map.IsName(value))
                throw new DomainValidationException($"{element.PathOf()}/@{rule.Attribute}",
                    $"unknown value '{value}' (expected one of: {string.Join(", ", rule.Map.Names)})", rule.Kind);
        }
        if (node.Children.Count == 0 && node.Any is null) return;
        for (var n = element.FirstNode; n is not null; n = n.NextNode)
        {
            if (n is not XElement child) continue;
            if (node.Children.TryGetValue(child.Name, out var next)) Walk(child, next);
            if (node.Any is not null) Walk(child, node.Any);
        }
    }

    private static IEnumerable<(string, Rule)> Flatten(Node node, string path)
    {
        foreach (var r in node.Rules) yield return (path, r);
        foreach (var (name, child) in node.Children)
            foreach (var x in Flatten(child, path.Length == 0 ? name.LocalName : path + "/" + name.LocalName)) yield return x;
        if (node.Any is not null)
            foreach (var x in Flatten(node.Any, path + "/*")) yield return x;
    }
}
