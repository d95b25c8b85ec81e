using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>Host device assignment modes (<c>hostdev/@mode</c>).</summary>
public enum HostdevMode { Subsystem, Capabilities }

/// <summary>Host device kinds (<c>hostdev/@type</c>): subsystem types first, then capabilities types.</summary>
public enum HostdevType { Usb, Pci, Scsi, ScsiHost, Mdev, Storage, Misc, Net }

/// <summary>Backend that assigns a PCI device (<c>driver/@name</c>).</summary>
public enum HostdevDriver { Kvm, Vfio, Xen }

/// <summary>Smartcard modes (<c>smartcard/@mode</c>).</summary>
public enum SmartcardMode { Host, HostCertificates, Passthrough }

public static class HostdevModes
{
    public static readonly XmlEnumMap<HostdevMode> Map = new((HostdevMode.Subsystem, "subsystem"), (HostdevMode.Capabilities, "capabilities"));
}

public static class HostdevTypes
{
    public static readonly XmlEnumMap<HostdevType> Map = new(
        (HostdevType.Usb, "usb"), (HostdevType.Pci, "pci"), (HostdevType.Scsi, "scsi"), (HostdevType.ScsiHost, "scsi_host"),
        (HostdevType.Mdev, "mdev"), (HostdevType.Storage, "storage"), (HostdevType.Misc, "misc"), (HostdevType.Net, "net"));
}

public static class HostdevDrivers
{
    public static readonly XmlEnumMap<HostdevDriver> Map = new((HostdevDriver.Kvm, "kvm"), (HostdevDriver.Vfio, "vfio"), (HostdevDriver.Xen, "xen"));
}

public static class SmartcardModes
{
    public static readonly XmlEnumMap<SmartcardMode> Map = new(
        (SmartcardMode.Host, "host"), (SmartcardMode.HostCertificates, "host-certificates"), (SmartcardMode.Passthrough, "passthrough"));
}

/// <summary>A &lt;hostdev&gt;: a host PCI, USB, SCSI or mediated device given to the guest.</summary>
public sealed class DomainHostdev(XElement element) : DomainDevice(element)
{
    private static readonly string[] Order = ["driver", "source", "rom", "boot", "readonly", "shareable", "alias", "address"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public HostdevMode? Mode { get => GetEnum(HostdevModes.Map, "mode"); set => SetEnum(HostdevModes.Map, "mode", value); }
    public HostdevType? Type { get => GetEnum(HostdevTypes.Map, "type"); set => SetEnum(HostdevTypes.Map, "type", value); }
    public bool? Managed { get => GetYesNo("managed"); set => SetYesNo("managed", value); }

    public HostdevDriver? Driver
    {
        get => HostdevDrivers.Map.Parse(GetChildAttr("driver", "name"));
        set => SetChildAttr("driver", "name", value is null ? null : HostdevDrivers.Map.ToXml(value.Value));
    }

    /// <summary>The host address of a PCI or USB device (<c>source/address</c>).</summary>
    public DeviceAddress? SourceAddress => Element.Element("source")?.Element("address") is { } a ? new DeviceAddress(a) : null;

    public DeviceAddress SetSourceAddress()
    {
        var source = ChildOrAdd("source");
        source.Element("address")?.Remove();
        var address = new XElement("address");
        source.AddFirst(address);
        return new DeviceAddress(address);
    }

    /// <summary>USB vendor and product ids (<c>source/vendor/@id</c>, <c>source/product/@id</c>), as written (0x1234).</summary>
    public string? UsbVendor => Element.Element("source")?.Element("vendor").Attr("id");
    public string? UsbProduct => Element.Element("source")?.Element("product").Attr("id");

    /// <summary>Whether the device's option ROM is visible (<c>rom/@bar</c>).</summary>
    public bool? RomBar { get => XmlValue.ParseOnOff(GetChildAttr("rom", "bar")); set => SetChildAttr("rom", "bar", value is null ? null : value.Value ? "on" : "off"); }
}

/// <summary>A &lt;redirdev&gt;: USB redirection over SPICE or TCP.</summary>
public sealed class DomainRedirdev(XElement element) : DomainDevice(element)
{
    public string? Bus { get => GetAttr("bus"); set => SetAttr("bus", value); }
    public CharSourceType? Type { get => GetEnum(CharSourceTypes.Map, "type"); set => SetEnum(CharSourceTypes.Map, "type", value); }
}

/// <summary>A &lt;smartcard&gt; reader.</summary>
public sealed class DomainSmartcard(XElement element) : DomainDevice(element)
{
    public SmartcardMode? Mode { get => GetEnum(SmartcardModes.Map, "mode"); set => SetEnum(SmartcardModes.Map, "mode", value); }

    /// <summary>For passthrough: the character device kind carrying the card (spicevmc, tcp …).</summary>
    public CharSourceType? Type { get => GetEnum(CharSourceTypes.Map, "type"); set => SetEnum(CharSourceTypes.Map, "type", value); }

    public IEnumerable<string> Certificates => Element.Elements("certificate").Select(e => e.Value.Trim());
    public string? Database { get => GetChildText("database"); set => SetChildText("database", value); }
}

/// <summary>A &lt;hub&gt; (USB hub).</summary>
public sealed class DomainHub(XElement element) : DomainDevice(element)
{
    public string? Type { get => GetAttr("type"); set => SetAttr("type", value); }
}
