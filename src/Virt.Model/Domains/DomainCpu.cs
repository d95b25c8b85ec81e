using System.Xml.Linq;
using Virt.Model.Units;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>How vCPUs (or memory) are placed on host CPUs (<c>@placement</c>).</summary>
public enum Placement { Static, Auto }

/// <summary>CPU model selection (<c>cpu/@mode</c>).</summary>
public enum CpuMode { Custom, HostModel, HostPassthrough, Maximum }

/// <summary>How strictly a custom model must match the host (<c>cpu/@match</c>).</summary>
public enum CpuMatch { Minimum, Exact, Strict }

/// <summary>How the started guest CPU is checked (<c>cpu/@check</c>).</summary>
public enum CpuCheck { None, Partial, Full }

/// <summary>Whether libvirt may fall back to another model (<c>model/@fallback</c>).</summary>
public enum CpuFallback { Allow, Forbid }

/// <summary>What to do with a CPU feature (<c>feature/@policy</c>).</summary>
public enum CpuFeaturePolicy { Force, Require, Optional, Disable, Forbid }

/// <summary>Memory access of a NUMA cell or memory backing (<c>@memAccess</c>, <c>access/@mode</c>).</summary>
public enum MemAccess { Shared, Private }

public static class Placements
{
    public static readonly XmlEnumMap<Placement> Map = new((Placement.Static, "static"), (Placement.Auto, "auto"));
}

public static class CpuModes
{
    public static readonly XmlEnumMap<CpuMode> Map = new(
        (CpuMode.Custom, "custom"), (CpuMode.HostModel, "host-model"), (CpuMode.HostPassthrough, "host-passthrough"), (CpuMode.Maximum, "maximum"));
}

public static class CpuMatches
{
    public static readonly XmlEnumMap<CpuMatch> Map = new((CpuMatch.Minimum, "minimum"), (CpuMatch.Exact, "exact"), (CpuMatch.Strict, "strict"));
}

public static class CpuChecks
{
    public static readonly XmlEnumMap<CpuCheck> Map = new((CpuCheck.None, "none"), (CpuCheck.Partial, "partial"), (CpuCheck.Full, "full"));
}

public static class CpuFallbacks
{
    public static readonly XmlEnumMap<CpuFallback> Map = new((CpuFallback.Allow, "allow"), (CpuFallback.Forbid, "forbid"));
}

public static class CpuFeaturePolicies
{
    public static readonly XmlEnumMap<CpuFeaturePolicy> Map = new(
        (CpuFeaturePolicy.Force, "force"), (CpuFeaturePolicy.Require, "require"), (CpuFeaturePolicy.Optional, "optional"),
        (CpuFeaturePolicy.Disable, "disable"), (CpuFeaturePolicy.Forbid, "forbid"));
}

public static class MemAccesses
{
    public static readonly XmlEnumMap<MemAccess> Map = new((MemAccess.Shared, "shared"), (MemAccess.Private, "private"));
}

/// <summary>&lt;vcpu&gt;: the maximum vCPU count (text), how many are online, and their host placement.</summary>
public sealed class DomainVcpu(XElement element) : XmlView(element)
{
    public uint? Count { get => XmlValue.ParseUInt(GetText()); set => Element.Value = XmlValue.Format(value) ?? ""; }
    public uint? Current { get => GetUInt("current"); set => SetAttr("current", XmlValue.Format(value)); }
    public Placement? Placement { get => GetEnum(Placements.Map, "placement"); set => SetEnum(Placements.Map, "placement", value); }

    /// <summary>Host CPUs the vCPUs may run on, as written (<c>0-3,^2</c>).</summary>
    public string? Cpuset { get => GetAttr("cpuset"); set => SetAttr("cpuset", value); }
}

/// <summary>&lt;cputune&gt;: shares, bandwidth and pinning of vCPUs, emulator and I/O threads.</summary>
public sealed class DomainCpuTune(XElement element) : XmlView(element)
{
    private static readonly string[] Order =
    [
        "shares", "period", "quota", "global_period", "global_quota", "emulator_period", "emulator_quota", "iothread_period",
        "iothread_quota", "vcpupin", "emulatorpin", "iothreadpin", "vcpusched", "iothreadsched", "cachetune", "memorytune",
    ];

    protected override IReadOnlyList<string> ChildOrder => Order;

    public ulong? Shares { get => XmlValue.ParseULong(GetChildText("shares")); set => SetChildText("shares", XmlValue.Format(value)); }
    public ulong? Period { get => XmlValue.ParseULong(GetChildText("period")); set => SetChildText("period", XmlValue.Format(value)); }
    public long? Quota { get => XmlValue.ParseInt(GetChildText("quota")); set => SetChildText("quota", XmlValue.Format(value)); }

    public IEnumerable<VcpuPin> VcpuPins => ChildViews("vcpupin", e => new VcpuPin(e));

    public VcpuPin AddVcpuPin(uint vcpu, string cpuset) =>
        new(AddChild(new XElement("vcpupin", new XAttribute("vcpu", vcpu), new XAttribute("cpuset", cpuset))));

    public string? EmulatorPin { get => GetChildAttr("emulatorpin", "cpuset"); set => SetChildAttr("emulatorpin", "cpuset", value); }

    public IEnumerable<(uint? IoThread, string? Cpuset)> IoThreadPins =>
        Element.Elements("iothreadpin").Select(e => (XmlValue.ParseUInt(e.Attr("iothread")), e.Attr("cpuset")));
}

/// <summary>One &lt;vcpupin vcpu=… cpuset=…/&gt;.</summary>
public sealed class VcpuPin(XElement element) : XmlView(element)
{
    public uint? Vcpu { get => GetUInt("vcpu"); set => SetAttr("vcpu", XmlValue.Format(value)); }
    public string? Cpuset { get => GetAttr("cpuset"); set => SetAttr("cpuset", value); }
}

/// <summary>The &lt;cpu&gt; element: model, topology, features and guest NUMA cells.</summary>
public sealed class DomainCpu(XElement element) : XmlView(element)
{
    /// <summary>Child elements in the order libvirt writes them.</summary>
    public static readonly IReadOnlyList<string> FormatOrder = ["model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa"];
    protected override IReadOnlyList<string> ChildOrder => FormatOrder;

    public CpuMode? Mode { get => GetEnum(CpuModes.Map, "mode"); set => SetEnum(CpuModes.Map, "mode", value); }
    public CpuMatch? Match { get => GetEnum(CpuMatches.Map, "match"); set => SetEnum(CpuMatches.Map, "match", value); }
    public CpuCheck? Check { get => GetEnum(CpuChecks.Map, "check"); set => SetEnum(CpuChecks.Map, "check", value); }
    public bool? Migratable { get => GetOnOff("migratable"); set => SetOnOff("migratable", value); }

    /// <summary>The CPU model name (<c>&lt;model&gt;</c> text).</summary>
    public string? Model { get => GetChildText("model"); set => SetChildText("model", value); }

    public CpuFallback? Fallback
    {
        get => CpuFallbacks.Map.Parse(GetChildAttr("model", "fallback"));
        set => SetChildAttr("model", "fallback", value is null ? null : CpuFallbacks.Map.ToXml(value.Value));
    }

    public string? Vendor { get => GetChildText("vendor"); set => SetChildText("vendor", value); }

    public CpuTopology? Topology => ChildView("topology", e => new CpuTopology(e));
    public CpuTopology GetOrAddTopology() => ChildViewOrAdd("topology", e => new CpuTopology(e));

    public IEnumerable<CpuFeature> Features => ChildViews("feature", e => new CpuFeature(e));

    public CpuFeature AddFeature(CpuFeaturePolicy policy, string name) =>
        new(AddChild(new XElement("feature", new XAttribute("policy", CpuFeaturePolicies.Map.ToXml(policy)), new XAttribute("name", name))));

    /// <summary>Guest NUMA cells (<c>numa/cell</c>).</summary>
    public IEnumerable<NumaCell> NumaCells => Element.Element("numa")?.Elements("cell").Select(e => new NumaCell(e)) ?? [];
}

/// <summary>&lt;topology sockets dies cores threads/&gt;.</summary>
public sealed class CpuTopology(XElement element) : XmlView(element)
{
    public uint? Sockets { get => GetUInt("sockets"); set => SetAttr("sockets", XmlValue.Format(value)); }
    public uint? Dies { get => GetUInt("dies"); set => SetAttr("dies", XmlValue.Format(value)); }
    public uint? Cores { get => GetUInt("cores"); set => SetAttr("cores", XmlValue.Format(value)); }
    public uint? Threads { get => GetUInt("threads"); set => SetAttr("threads", XmlValue.Format(value)); }

    /// <summary>sockets × dies × cores × threads (dies default to 1), or null when a part is missing.</summary>
    public ulong? Total => Sockets is { } s && Cores is { } c && Threads is { } t ? (ulong)s * (Dies ?? 1) * c * t : null;
}

/// <summary>&lt;feature policy=… name=…/&gt; of a CPU.</summary>
public sealed class CpuFeature(XElement element) : XmlView(element)
{
    public CpuFeaturePolicy? Policy { get => GetEnum(CpuFeaturePolicies.Map, "policy"); set => SetEnum(CpuFeaturePolicies.Map, "policy", value); }
    public string? Name { get => GetAttr("name"); set => SetAttr("name", value); }
}

/// <summary>A guest NUMA &lt;cell&gt;.</summary>
public sealed class NumaCell(XElement element) : XmlView(element)
{
    public uint? Id { get => GetUInt("id"); set => SetAttr("id", XmlValue.Format(value)); }
    public string? Cpus { get => GetAttr("cpus"); set => SetAttr("cpus", value); }

    /// <summary>Cell memory in KiB (<c>@memory</c> with <c>@unit</c>).</summary>
    public ulong? MemoryKiB =>
        GetAttr("memory") is { } m && MemoryUnits.TryToKiB(m, GetAttr("unit"), out var kib) ? kib : null;

    public MemAccess? MemAccess { get => GetEnum(MemAccesses.Map, "memAccess"); set => SetEnum(MemAccesses.Map, "memAccess", value); }
    public bool? Discard { get => GetYesNo("discard"); set => SetYesNo("discard", value); }
}
