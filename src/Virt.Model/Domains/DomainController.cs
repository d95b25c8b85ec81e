using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>The virtio device model flavours several devices share (<c>@model</c>).</summary>
public enum VirtioModel { Virtio, VirtioTransitional, VirtioNonTransitional }

public static class VirtioModels
{
    public static readonly XmlEnumMap<VirtioModel> Map = new(
        (VirtioModel.Virtio, "virtio"), (VirtioModel.VirtioTransitional, "virtio-transitional"),
        (VirtioModel.VirtioNonTransitional, "virtio-non-transitional"));
}

/// <summary>Controller kinds (<c>controller/@type</c>).</summary>
public enum ControllerType { Ide, Fdc, Scsi, Sata, Usb, Ccid, VirtioSerial, Pci, Xenbus, Isa }

/// <summary>USB controller models.</summary>
public enum UsbControllerModel
{
    Piix3Uhci, Piix4Uhci, Ehci, Ich9Ehci1, Ich9Uhci1, Ich9Uhci2, Ich9Uhci3, Vt82c686bUhci, PciOhci, NecXhci, None,
    Qusb1, Qusb2, QemuXhci,
}

/// <summary>SCSI controller models.</summary>
public enum ScsiControllerModel
{
    Auto, Buslogic, Lsilogic, Lsisas1068, Vmpvscsi, Ibmvscsi, VirtioScsi, Lsisas1078, VirtioTransitional,
    VirtioNonTransitional, Ncr53c90, Dc390, Am53c974,
}

/// <summary>PCI controller models.</summary>
public enum PciControllerModel
{
    PciRoot, PcieRoot, PciBridge, DmiToPciBridge, PcieToPciBridge, PcieRootPort, PcieSwitchUpstreamPort,
    PcieSwitchDownstreamPort, PciExpanderBus, PcieExpanderBus,
}

/// <summary>IDE controller models.</summary>
public enum IdeControllerModel { Piix3, Piix4, Ich6 }

public static class ControllerTypes
{
    public static readonly XmlEnumMap<ControllerType> Map = new(
        (ControllerType.Ide, "ide"), (ControllerType.Fdc, "fdc"), (ControllerType.Scsi, "scsi"), (ControllerType.Sata, "sata"),
        (ControllerType.Usb, "usb"), (ControllerType.Ccid, "ccid"), (ControllerType.VirtioSerial, "virtio-serial"),
        (ControllerType.Pci, "pci"), (ControllerType.Xenbus, "xenbus"), (ControllerType.Isa, "isa"));
}

public static class UsbControllerModels
{
    public static readonly XmlEnumMap<UsbControllerModel> Map = new(
        (UsbControllerModel.Piix3Uhci, "piix3-uhci"), (UsbControllerModel.Piix4Uhci, "piix4-uhci"), (UsbControllerModel.Ehci, "ehci"),
        (UsbControllerModel.Ich9Ehci1, "ich9-ehci1"), (UsbControllerModel.Ich9Uhci1, "ich9-uhci1"), (UsbControllerModel.Ich9Uhci2, "ich9-uhci2"),
        (UsbControllerModel.Ich9Uhci3, "ich9-uhci3"), (UsbControllerModel.Vt82c686bUhci, "vt82c686b-uhci"), (UsbControllerModel.PciOhci, "pci-ohci"),
        (UsbControllerModel.NecXhci, "nec-xhci"), (UsbControllerModel.None, "none"), (UsbControllerModel.Qusb1, "qusb1"),
        (UsbControllerModel.Qusb2, "qusb2"), (UsbControllerModel.QemuXhci, "qemu-xhci"));
}

public static class ScsiControllerModels
{
    public static readonly XmlEnumMap<ScsiControllerModel> Map = new(
        (ScsiControllerModel.Auto, "auto"), (ScsiControllerModel.Buslogic, "buslogic"), (ScsiControllerModel.Lsilogic, "lsilogic"),
        (ScsiControllerModel.Lsisas1068, "lsisas1068"), (ScsiControllerModel.Vmpvscsi, "vmpvscsi"), (ScsiControllerModel.Ibmvscsi, "ibmvscsi"),
        (ScsiControllerModel.VirtioScsi, "virtio-scsi"), (ScsiControllerModel.Lsisas1078, "lsisas1078"),
        (ScsiControllerModel.VirtioTransitional, "virtio-transitional"), (ScsiControllerModel.VirtioNonTransitional, "virtio-non-transitional"),
        (ScsiControllerModel.Ncr53c90, "ncr53c90"), (ScsiControllerModel.Dc390, "dc390"), (ScsiControllerModel.Am53c974, "am53c974"));
}

public static class PciControllerModels
{
    public static readonly XmlEnumMap<PciControllerModel> Map = new(
        (PciControllerModel.PciRoot, "pci-root"), (PciControllerModel.PcieRoot, "pcie-root"), (PciControllerModel.PciBridge, "pci-bridge"),
        (PciControllerModel.DmiToPciBridge, "dmi-to-pci-bridge"), (PciControllerModel.PcieToPciBridge, "pcie-to-pci-bridge"),
        (PciControllerModel.PcieRootPort, "pcie-root-port"), (PciControllerModel.PcieSwitchUpstreamPort, "pcie-switch-upstream-port"),
        (PciControllerModel.PcieSwitchDownstreamPort, "pcie-switch-downstream-port"), (PciControllerModel.PciExpanderBus, "pci-expander-bus"),
        (PciControllerModel.PcieExpanderBus, "pcie-expander-bus"));
}

public static class IdeControllerModels
{
    public static readonly XmlEnumMap<IdeControllerModel> Map = new(
        (IdeControllerModel.Piix3, "piix3"), (IdeControllerModel.Piix4, "piix4"), (IdeControllerModel.Ich6, "ich6"));
}

/// <summary>A &lt;controller&gt;: a bus the other devices plug into.</summary>
public sealed class DomainController(XElement element) : DomainDevice(element)
{
    private static readonly string[] Order = ["master", "model", "target", "driver", "pcihole64", "alias", "address"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public ControllerType? Type { get => GetEnum(ControllerTypes.Map, "type"); set => SetEnum(ControllerTypes.Map, "type", value); }
    public int? Index { get => GetInt("index"); set => SetInt("index", value); }

    /// <summary>The model as written; its meaning depends on <see cref="Type"/> (see the typed getters).</summary>
    public string? Model { get => GetAttr("model"); set => SetAttr("model", value); }

    public UsbControllerModel? UsbModel => Type == ControllerType.Usb ? UsbControllerModels.Map.Parse(Model) : null;
    public ScsiControllerModel? ScsiModel => Type == ControllerType.Scsi ? ScsiControllerModels.Map.Parse(Model) : null;
    public PciControllerModel? PciModel => Type == ControllerType.Pci ? PciControllerModels.Map.Parse(Model) : null;
    public IdeControllerModel? IdeModel => Type == ControllerType.Ide ? IdeControllerModels.Map.Parse(Model) : null;
    public VirtioModel? VirtioSerialModel => Type == ControllerType.VirtioSerial ? VirtioModels.Map.Parse(Model) : null;

    /// <summary>The map that checks <see cref="Model"/> for this controller type, or null where libvirt takes any model.</summary>
    public static IXmlEnumMap? ModelMapFor(ControllerType? type) => type switch
    {
        ControllerType.Usb => UsbControllerModels.Map,
        ControllerType.Scsi => ScsiControllerModels.Map,
        ControllerType.Pci => PciControllerModels.Map,
        ControllerType.Ide => IdeControllerModels.Map,
        ControllerType.VirtioSerial => VirtioModels.Map,
        _ => null,
    };

    /// <summary>Virtio-serial ports, USB ports.</summary>
    public int? Ports { get => GetInt("ports"); set => SetInt("ports", value); }
    public int? Vectors { get => GetInt("vectors"); set => SetInt("vectors", value); }

    /// <summary>Multiqueue (<c>driver/@queues</c>) of virtio-scsi.</summary>
    public int? Queues
    {
        get => XmlValue.ParseInt(GetChildAttr("driver", "queues"));
        set => SetChildAttr("driver", "queues", XmlValue.Format(value));
    }

    public int? IoThread
    {
        get => XmlValue.ParseInt(GetChildAttr("driver", "iothread"));
        set => SetChildAttr("driver", "iothread", XmlValue.Format(value));
    }

    /// <summary>The PCI controller's emulated device name (<c>model/@name</c>: pcie-root-port, pci-bridge …).</summary>
    public string? ModelName { get => GetChildAttr("model", "name"); set => SetChildAttr("model", "name", value); }

    public int? TargetChassis { get => XmlValue.ParseInt(GetChildAttr("target", "chassis")); set => SetChildAttr("target", "chassis", XmlValue.Format(value)); }
    public int? TargetPort => (int?)XmlValue.ParseULongAnyBase(GetChildAttr("target", "port"));
    public int? TargetBusNr { get => XmlValue.ParseInt(GetChildAttr("target", "busNr")); set => SetChildAttr("target", "busNr", XmlValue.Format(value)); }
}
