using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>Hyper-V enlightenment mode (<c>hyperv/@mode</c>).</summary>
public enum HypervMode { Custom, Passthrough }

/// <summary>Which side emulates the IOAPIC (<c>ioapic/@driver</c>).</summary>
public enum IoapicDriver { Qemu, Kvm }

/// <summary>A feature's on/off state (<c>@state</c>) as libvirt spells it.</summary>
public enum FeatureState { On, Off }

public static class HypervModes
{
    public static readonly XmlEnumMap<HypervMode> Map = new((HypervMode.Custom, "custom"), (HypervMode.Passthrough, "passthrough"));
}

public static class IoapicDrivers
{
    public static readonly XmlEnumMap<IoapicDriver> Map = new((IoapicDriver.Qemu, "qemu"), (IoapicDriver.Kvm, "kvm"));
}

public static class FeatureStates
{
    public static readonly XmlEnumMap<FeatureState> Map = new((FeatureState.On, "on"), (FeatureState.Off, "off"));
}

/// <summary>
/// The &lt;features&gt; element. Plain switches (acpi, apic, pae, hap …) are present-or-absent elements;
/// tri-state ones (vmport, smm, pmu …) carry <c>@state</c>; hyperv and kvm hold their own lists.
/// </summary>
public sealed class DomainFeatures(XElement element) : XmlView(element)
{
    /// <summary>Feature elements in the order libvirt writes them (its <c>virDomainFeature</c> enum).</summary>
    public static readonly IReadOnlyList<string> FormatOrder =
    [
        "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock", "capabilities", "pmu", "vmport",
        "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm", "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs",
        "tcg", "async-teardown",
    ];

    protected override IReadOnlyList<string> ChildOrder => FormatOrder;

    public bool Acpi { get => HasChild("acpi"); set => SetFlag("acpi", value); }
    public bool Apic { get => HasChild("apic"); set => SetFlag("apic", value); }
    public bool Pae { get => HasChild("pae"); set => SetFlag("pae", value); }
    public bool Hap { get => HasChild("hap"); set => SetFlag("hap", value); }
    public bool Privnet { get => HasChild("privnet"); set => SetFlag("privnet", value); }
    public bool Viridian { get => HasChild("viridian"); set => SetFlag("viridian", value); }
    public bool VmCoreInfo { get => HasChild("vmcoreinfo"); set => SetFlag("vmcoreinfo", value); }

    /// <summary>VMware I/O port emulation (<c>&lt;vmport state=…/&gt;</c>).</summary>
    public FeatureState? Vmport { get => State("vmport"); set => SetState("vmport", value); }

    /// <summary>System management mode (<c>&lt;smm state=…/&gt;</c>), needed by secure-boot firmware.</summary>
    public FeatureState? Smm { get => State("smm"); set => SetState("smm", value); }

    public FeatureState? Pmu { get => State("pmu"); set => SetState("pmu", value); }
    public FeatureState? Pvspinlock { get => State("pvspinlock"); set => SetState("pvspinlock", value); }

    public IoapicDriver? Ioapic
    {
        get => IoapicDrivers.Map.Parse(GetChildAttr("ioapic", "driver"));
        set => SetChildAttr("ioapic", "driver", value is null ? null : IoapicDrivers.Map.ToXml(value.Value));
    }

    /// <summary>Hyper-V enlightenments, or null when there is no &lt;hyperv&gt;.</summary>
    public HypervFeatures? Hyperv => ChildView("hyperv", e => new HypervFeatures(e));
    public HypervFeatures GetOrAddHyperv() => ChildViewOrAdd("hyperv", e => new HypervFeatures(e));

    /// <summary>KVM-specific switches, or null when there is no &lt;kvm&gt;.</summary>
    public KvmFeatures? Kvm => ChildView("kvm", e => new KvmFeatures(e));
    public KvmFeatures GetOrAddKvm() => ChildViewOrAdd("kvm", e => new KvmFeatures(e));

    /// <summary>The <c>@state</c> of any feature element, by name.</summary>
    public FeatureState? State(string feature) => FeatureStates.Map.Parse(GetChildAttr(feature, "state"));

    public void SetState(string feature, FeatureState? value) =>
        SetChildAttr(feature, "state", value is null ? null : FeatureStates.Map.ToXml(value.Value));
}

/// <summary>
/// &lt;hyperv&gt;: each enlightenment is a child with <c>@state</c>; spinlocks carries <c>@retries</c>,
/// vendor_id <c>@value</c>, stimer a &lt;direct&gt; child.
/// </summary>
public sealed class HypervFeatures(XElement element) : XmlView(element)
{
    /// <summary>Enlightenment names in libvirt's order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset", "vendor_id", "frequencies",
        "reenlightenment", "tlbflush", "ipi", "evmcs", "avic",
    ];

    protected override IReadOnlyList<string> ChildOrder => Names;

    public HypervMode? Mode { get => GetEnum(HypervModes.Map, "mode"); set => SetEnum(HypervModes.Map, "mode", value); }

    public FeatureState? this[string name]
    {
        get => FeatureStates.Map.Parse(GetChildAttr(name, "state"));
        set => SetChildAttr(name, "state", value is null ? null : FeatureStates.Map.ToXml(value.Value));
    }

    public IEnumerable<(string Name, FeatureState? State)> All =>
        Element.Elements().Select(e => (e.Name.LocalName, FeatureStates.Map.Parse(e.Attr("state"))));

    public int? SpinlockRetries
    {
        get => XmlValue.ParseInt(GetChildAttr("spinlocks", "retries"));
        set => SetChildAttr("spinlocks", "retries", XmlValue.Format(value));
    }

    public string? VendorId { get => GetChildAttr("vendor_id", "value"); set => SetChildAttr("vendor_id", "value", value); }
}

/// <summary>&lt;kvm&gt;: hidden, hint-dedicated, poll-control, pv-ipi, dirty-ring (each with <c>@state</c>).</summary>
public sealed class KvmFeatures(XElement element) : XmlView(element)
{
    public static readonly IReadOnlyList<string> Names = ["hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring"];
    protected override IReadOnlyList<string> ChildOrder => Names;

    public FeatureState? this[string name]
    {
        get => FeatureStates.Map.Parse(GetChildAttr(name, "state"));
        set => SetChildAttr(name, "state", value is null ? null : FeatureStates.Map.ToXml(value.Value));
    }

    public bool Hidden => this["hidden"] == FeatureState.On;
}
