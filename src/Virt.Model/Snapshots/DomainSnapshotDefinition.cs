using System.Xml.Linq;
using Virt.Model.Domains;
using Virt.Model.Xml;

namespace Virt.Model.Snapshots;

/// <summary>How a disk or the memory is captured (<c>@snapshot</c>).</summary>
public enum SnapshotMode { No, Internal, External, Manual }

/// <summary>The state a domain was in when the snapshot was taken (<c>&lt;state&gt;</c>).</summary>
public enum SnapshotState { Running, Blocked, Paused, Shutdown, Shutoff, Crashed, Pmsuspended, DiskSnapshot }

public static class SnapshotModes
{
    public static readonly XmlEnumMap<SnapshotMode> Map = new(
        (SnapshotMode.No, "no"), (SnapshotMode.Internal, "internal"), (SnapshotMode.External, "external"), (SnapshotMode.Manual, "manual"));
}

public static class SnapshotStates
{
    public static readonly XmlEnumMap<SnapshotState> Map = new(
        (SnapshotState.Running, "running"), (SnapshotState.Blocked, "blocked"), (SnapshotState.Paused, "paused"),
        (SnapshotState.Shutdown, "shutdown"), (SnapshotState.Shutoff, "shutoff"), (SnapshotState.Crashed, "crashed"),
        (SnapshotState.Pmsuspended, "pmsuspended"), (SnapshotState.DiskSnapshot, "disk-snapshot"));
}

/// <summary>A libvirt &lt;domainsnapshot&gt; document as a typed view over its XML tree.</summary>
public sealed class DomainSnapshotDefinition : LibvirtDocument
{
    public const string DocumentName = "domain_snapshot";

    private static readonly string[] Order = ["name", "description", "state", "creationTime", "parent", "memory", "disks", "active", "domain", "inactiveDomain", "cookie"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    private DomainSnapshotDefinition(XElement root) : base(root) { }

    public static DomainSnapshotDefinition Parse(string xml) => Validated(new DomainSnapshotDefinition(LoadXml(xml, DocumentName, "domainsnapshot")));
    public static DomainSnapshotDefinition ParseYaml(string yaml) => Validated(new DomainSnapshotDefinition(LoadYaml(yaml, DocumentName, "domainsnapshot")));

    private static DomainSnapshotDefinition Validated(DomainSnapshotDefinition snap)
    {
        var state = snap.Root.Element("state");
        if (state is not null && !SnapshotStates.Map.IsName(state.Value.Trim()))
            throw new DomainValidationException("/domainsnapshot/state",
                $"unknown value '{state.Value.Trim()}' (expected one of: {string.Join(", ", SnapshotStates.Map.Names)})");
        CheckEnum(snap.Root.Element("memory"), "snapshot", SnapshotModes.Map);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in snap.Disks)
        {
            CheckEnum(disk.Element, "snapshot", SnapshotModes.Map);
            if (string.IsNullOrEmpty(disk.Name)) throw new DomainValidationException(disk.Element.PathOf(), "disk is missing its name");
            if (!names.Add(disk.Name)) throw new DomainValidationException(disk.Element.PathOf(), $"disk '{disk.Name}' is listed twice");
        }
        return snap;
    }

    /// <summary>The snapshot name (libvirt generates one from the time when absent).</summary>
    public string? Name { get => GetChildText("name"); set => SetChildText("name", value); }
    public string? Description { get => Element.Element("description")?.Value; set => SetChildText("description", value); }
    public SnapshotState? State { get => SnapshotStates.Map.Parse(GetChildText("state")); set => SetChildText("state", value is null ? null : SnapshotStates.Map.ToXml(value.Value)); }

    /// <summary>Seconds since the epoch (<c>&lt;creationTime&gt;</c>).</summary>
    public long? CreationTime => XmlValue.ParseULong(GetChildText("creationTime")) is { } t ? (long)t : null;

    public string? Parent => XmlValue.TrimToNull(Element.Element("parent")?.Element("name")?.Value);

    public SnapshotMode? Memory
    {
        get => SnapshotModes.Map.Parse(GetChildAttr("memory", "snapshot"));
        set => SetChildAttr("memory", "snapshot", value is null ? null : SnapshotModes.Map.ToXml(value.Value));
    }

    public string? MemoryFile => GetChildAttr("memory", "file");

    public IEnumerable<SnapshotDisk> Disks => Element.Element("disks")?.Elements("disk").Select(e => new SnapshotDisk(e)) ?? [];

    /// <summary>The domain definition saved with the snapshot, as a typed view over the same tree (edits show in <see cref="LibvirtDocument.ToXml"/>).</summary>
    public DomainDefinition? Domain => Element.Element("domain") is { } d ? DomainDefinition.ViewOf(d) : null;
}

/// <summary>A &lt;disk&gt; of a snapshot: which domain disk, how, and where an external overlay goes.</summary>
public sealed class SnapshotDisk(XElement element) : XmlView(element)
{
    public string Name => GetAttr("name") ?? "";
    public SnapshotMode? Snapshot { get => GetEnum(SnapshotModes.Map, "snapshot"); set => SetEnum(SnapshotModes.Map, "snapshot", value); }
    public string? SourceFile => GetChildAttr("source", "file");
    public string? DriverType => GetChildAttr("driver", "type");
}
