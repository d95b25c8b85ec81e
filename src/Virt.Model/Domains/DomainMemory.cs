using System.Xml.Linq;
using Virt.Model.Units;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>Backing of guest memory (<c>memoryBacking/source/@type</c>).</summary>
public enum MemorySourceType { File, Anonymous, Memfd }

/// <summary>When guest memory is allocated (<c>memoryBacking/allocation/@mode</c>).</summary>
public enum MemoryAllocationMode { Immediate, Ondemand }

/// <summary>NUMA memory policy (<c>numatune/memory/@mode</c>).</summary>
public enum NumaTuneMode { Strict, Preferred, Interleave, Restrictive }

public static class MemorySourceTypes
{
    public static readonly XmlEnumMap<MemorySourceType> Map = new(
        (MemorySourceType.File, "file"), (MemorySourceType.Anonymous, "anonymous"), (MemorySourceType.Memfd, "memfd"));
}

public static class MemoryAllocationModes
{
    public static readonly XmlEnumMap<MemoryAllocationMode> Map = new(
        (MemoryAllocationMode.Immediate, "immediate"), (MemoryAllocationMode.Ondemand, "ondemand"));
}

public static class NumaTuneModes
{
    public static readonly XmlEnumMap<NumaTuneMode> Map = new(
        (NumaTuneMode.Strict, "strict"), (NumaTuneMode.Preferred, "preferred"), (NumaTuneMode.Interleave, "interleave"),
        (NumaTuneMode.Restrictive, "restrictive"));
}

/// <summary>&lt;maxMemory slots=… unit=…&gt;: the hotplug ceiling.</summary>
public sealed class DomainMaxMemory(XElement element) : XmlView(element)
{
    public uint? Slots { get => GetUInt("slots"); set => SetAttr("slots", XmlValue.Format(value)); }
    public ulong? KiB => MemoryUnits.TryToKiB(Element.Value, GetAttr("unit"), out var kib) ? kib : null;
}

/// <summary>&lt;memoryBacking&gt;: huge pages, sharing, locking, source, access and allocation.</summary>
public sealed class DomainMemoryBacking(XElement element) : XmlView(element)
{
    private static readonly string[] Order = ["hugepages", "nosharepages", "locked", "source", "access", "allocation", "discard"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public bool HasHugepages => HasChild("hugepages");

    /// <summary>Explicit huge page sizes (<c>hugepages/page</c>); empty with <see cref="HasHugepages"/> means the default size.</summary>
    public IEnumerable<HugePage> Hugepages => Element.Element("hugepages")?.Elements("page").Select(e => new HugePage(e)) ?? [];

    public void EnableHugepages() => ChildOrAdd("hugepages");

    public bool NoSharePages { get => HasChild("nosharepages"); set => SetFlag("nosharepages", value); }
    public bool Locked { get => HasChild("locked"); set => SetFlag("locked", value); }
    public bool Discard { get => HasChild("discard"); set => SetFlag("discard", value); }

    public MemorySourceType? Source
    {
        get => MemorySourceTypes.Map.Parse(GetChildAttr("source", "type"));
        set => SetChildAttr("source", "type", value is null ? null : MemorySourceTypes.Map.ToXml(value.Value));
    }

    public MemAccess? Access
    {
        get => MemAccesses.Map.Parse(GetChildAttr("access", "mode"));
        set => SetChildAttr("access", "mode", value is null ? null : MemAccesses.Map.ToXml(value.Value));
    }

    public MemoryAllocationMode? Allocation
    {
        get => MemoryAllocationModes.Map.Parse(GetChildAttr("allocation", "mode"));
        set => SetChildAttr("allocation", "mode", value is null ? null : MemoryAllocationModes.Map.ToXml(value.Value));
    }
}

/// <summary>A &lt;page size=… unit=… nodeset=…/&gt; of &lt;hugepages&gt;.</summary>
public sealed class HugePage(XElement element) : XmlView(element)
{
    public ulong? SizeKiB => GetAttr("size") is { } s && MemoryUnits.TryToKiB(s, GetAttr("unit"), out var kib) ? kib : null;
    public string? Nodeset { get => GetAttr("nodeset"); set => SetAttr("nodeset", value); }
}

/// <summary>&lt;numatune&gt;: host NUMA policy for guest memory.</summary>
public sealed class DomainNumaTune(XElement element) : XmlView(element)
{
    public NumaTuneMode? Mode
    {
        get => NumaTuneModes.Map.Parse(GetChildAttr("memory", "mode"));
        set => SetChildAttr("memory", "mode", value is null ? null : NumaTuneModes.Map.ToXml(value.Value));
    }

    public string? Nodeset { get => GetChildAttr("memory", "nodeset"); set => SetChildAttr("memory", "nodeset", value); }

    public Placement? Placement
    {
        get => Placements.Map.Parse(GetChildAttr("memory", "placement"));
        set => SetChildAttr("memory", "placement", value is null ? null : Placements.Map.ToXml(value.Value));
    }

    /// <summary>Per guest cell policies (<c>memnode cellid mode nodeset</c>).</summary>
    public IEnumerable<(uint? CellId, NumaTuneMode? Mode, string? Nodeset)> MemNodes =>
        Element.Elements("memnode").Select(e => (XmlValue.ParseUInt(e.Attr("cellid")), NumaTuneModes.Map.Parse(e.Attr("mode")), e.Attr("nodeset")));
}
