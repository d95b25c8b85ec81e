using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>What every device element may carry: an alias, a guest address and a boot order.</summary>
public abstract class DomainDevice(XElement element) : XmlView(element)
{
    /// <summary>The device's element name (disk, interface, …).</summary>
    public string Kind => Element.Name.LocalName;

    /// <summary>User or libvirt alias (<c>&lt;alias name=…/&gt;</c>).</summary>
    public string? Alias
    {
        get => GetChildAttr("alias", "name");
        set => SetChildAttr("alias", "name", value);
    }

    /// <summary>The guest-side address (<c>&lt;address type=…/&gt;</c>), or null when libvirt is to assign one.</summary>
    public DeviceAddress? Address => ChildView("address", e => new DeviceAddress(e));

    public DeviceAddress SetAddress(DeviceAddressType type)
    {
        Element.Element("address")?.Remove();
        var address = new DeviceAddress(ChildOrAdd("address")) { Type = type };
        return address;
    }

    /// <summary>Per-device boot order (<c>&lt;boot order='N'/&gt;</c>), for devices that can boot.</summary>
    public int? BootOrder
    {
        get => XmlValue.ParseInt(GetChildAttr("boot", "order"));
        set => SetChildAttr("boot", "order", XmlValue.Format(value));
    }

    /// <summary>The typed view for any device element, by its name; <see cref="DomainGenericDevice"/> for the rest.</summary>
    public static DomainDevice For(XElement element) => element.Name.LocalName switch
    {
        "disk" => new DomainDisk(element),
        "controller" => new DomainController(element),
        "interface" => new DomainInterface(element),
        "serial" or "console" or "parallel" or "channel" => new DomainCharDevice(element),
        "input" => new DomainInput(element),
        "graphics" => new DomainGraphics(element),
        "video" => new DomainVideo(element),
        "sound" => new DomainSound(element),
        "audio" => new DomainAudio(element),
        "hostdev" => new DomainHostdev(element),
        "redirdev" => new DomainRedirdev(element),
        "smartcard" => new DomainSmartcard(element),
        "hub" => new DomainHub(element),
        "watchdog" => new DomainWatchdog(element),
        "memballoon" => new DomainMemballoon(element),
        "rng" => new DomainRng(element),
        "tpm" => new DomainTpm(element),
        "filesystem" => new DomainFilesystem(element),
        "panic" => new DomainPanic(element),
        "shmem" => new DomainShmem(element),
        "iommu" => new DomainIommu(element),
        "vsock" => new DomainVsock(element),
        _ => new DomainGenericDevice(element),
    };

    /// <summary>
    /// The order libvirt's formatter writes devices in (checked against <c>virsh dumpxml</c> of the
    /// test driver); a device added through the model goes after the last of its kind, or here.
    /// </summary>
    public static readonly IReadOnlyList<string> KindOrder =
    [
        "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard", "serial", "parallel",
        "console", "channel", "input", "tpm", "graphics", "sound", "audio", "video", "hostdev", "redirdev",
        "redirfilter", "hub", "watchdog", "memballoon", "rng", "panic", "shmem", "memory", "iommu", "vsock", "crypto",
    ];
}

/// <summary>A device the model has no typed view for (lease, memory, crypto …); kept as written.</summary>
public sealed class DomainGenericDevice(XElement element) : DomainDevice(element);

/// <summary>The kinds of guest address (<c>address/@type</c>).</summary>
public enum DeviceAddressType { Pci, Drive, VirtioSerial, Ccid, Usb, SpaprVio, Ccw, Isa, VirtioMmio, Dimm, Unassigned }

public static class DeviceAddressTypes
{
    public static readonly XmlEnumMap<DeviceAddressType> Map = new(
        (DeviceAddressType.Pci, "pci"), (DeviceAddressType.Drive, "drive"), (DeviceAddressType.VirtioSerial, "virtio-serial"),
        (DeviceAddressType.Ccid, "ccid"), (DeviceAddressType.Usb, "usb"), (DeviceAddressType.SpaprVio, "spapr-vio"),
        (DeviceAddressType.Ccw, "ccw"), (DeviceAddressType.Isa, "isa"), (DeviceAddressType.VirtioMmio, "virtio-mmio"),
        (DeviceAddressType.Dimm, "dimm"), (DeviceAddressType.Unassigned, "unassigned"));
}

/// <summary>
/// A guest address. PCI parts are kept as written (libvirt writes them in hex: <c>0x0000</c>); the
/// numeric getters read decimal or 0x-hex as libvirt does.
/// </summary>
public sealed class DeviceAddress(XElement element) : XmlView(element)
{
    public DeviceAddressType? Type
    {
        get => GetEnum(DeviceAddressTypes.Map, "type");
        set => SetEnum(DeviceAddressTypes.Map, "type", value);
    }

    public ulong? Domain { get => Num("domain"); set => SetHex("domain", value, 4); }
    public ulong? Bus { get => Num("bus"); set => SetAttr("bus", Element.Attr("type") == "pci" ? Hex(value, 2) : XmlValue.Format(value)); }
    public ulong? Slot { get => Num("slot"); set => SetAttr("slot", Element.Attr("type") == "pci" ? Hex(value, 2) : XmlValue.Format(value)); }
    public ulong? Function { get => Num("function"); set => SetHex("function", value, 1); }
    public bool? Multifunction { get => GetOnOff("multifunction"); set => SetOnOff("multifunction", value); }
    public ulong? Controller { get => Num("controller"); set => SetAttr("controller", XmlValue.Format(value)); }
    public ulong? Target { get => Num("target"); set => SetAttr("target", XmlValue.Format(value)); }
    public ulong? Unit { get => Num("unit"); set => SetAttr("unit", XmlValue.Format(value)); }

    /// <summary>USB hub port path (<c>1.2</c>) or virtio-serial port number, as written.</summary>
    public string? Port { get => GetAttr("port"); set => SetAttr("port", value); }

    private ulong? Num(string name) => XmlValue.ParseULongAnyBase(GetAttr(name));
    private void SetHex(string name, ulong? value, int digits) => SetAttr(name, Hex(value, digits));
    private static string? Hex(ulong? value, int digits) => value is null ? null : "0x" + value.Value.ToString("x" + digits, System.Globalization.CultureInfo.InvariantCulture);
}
