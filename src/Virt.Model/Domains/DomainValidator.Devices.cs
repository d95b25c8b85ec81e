using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

public static partial class DomainValidator
{
    private static void ValidateDevices(DomainDefinition def)
    {
        ValidateDisks(def);
        ValidateInterfaces(def);
        ValidateControllers(def);
        ValidateCharDevices(def);
        ValidateVideos(def);
        ValidateGraphics(def);
        ValidateBootOrder(def);
        ValidateIommu(def);
    }

    /// <summary>One IOMMU at most, and interrupt remapping needs the split I/O APIC (libvirt).</summary>
    private static void ValidateIommu(DomainDefinition def)
    {
        var iommus = def.Root.Element("devices")?.Elements("iommu").ToList() ?? [];
        if (iommus.Count > 1)
            throw new DomainValidationException(iommus[1].PathOf(), "only a single IOMMU device is supported");
        if (iommus.Count == 1 && new DomainIommu(iommus[0]).InterruptRemapping == true
            && def.Features?.Ioapic != IoapicDriver.Qemu)
            throw new DomainValidationException(iommus[0].PathOf() + "/driver/@intremap",
                "IOMMU interrupt remapping requires split I/O APIC (<features><ioapic driver='qemu'/></features>)", ModelErrorKind.Unsupported);
    }

    private static void ValidateDisks(DomainDefinition def)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in def.Disks)
        {
            var dev = disk.TargetDev;
            if (string.IsNullOrEmpty(dev))
                throw new DomainValidationException(disk.Element.PathOf() + "/target", "missing target dev");
            if (!seen.Add(dev))
                throw new DomainValidationException(disk.Element.PathOf() + "/target", $"dev '{dev}' is used twice");
        }
    }

    /// <summary>MAC syntax and unicast (libvirt); one MAC per domain (virt: two NICs with one MAC break the guest's network).</summary>
    private static void ValidateInterfaces(DomainDefinition def)
    {
        var macs = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var nic in def.Interfaces)
        {
            var mac = nic.Mac;
            if (mac is null) continue;
            if (!DomainInterface.IsValidMac(mac))
                throw new DomainValidationException(nic.Element.PathOf() + "/mac/@address", $"unable to parse mac address '{mac}': expected six hex pairs like 52:54:00:12:34:56");
            if (DomainInterface.IsMulticastMac(mac))
                throw new DomainValidationException(nic.Element.PathOf() + "/mac/@address", $"expected unicast mac address, found multicast '{mac}'");
            if (macs.TryGetValue(mac, out var first))
                throw new DomainValidationException(nic.Element.PathOf() + "/mac/@address", $"mac address '{mac}' is already used by {first.PathOf()}");
            macs[mac] = nic.Element;
        }
    }

    /// <summary>The model must suit the controller type (libvirt: "Unknown model type").</summary>
    private static void ValidateControllers(DomainDefinition def)
    {
        foreach (var controller in def.Controllers)
        {
            var index = controller.Element.Attr("index");
            if (index is not null && XmlValue.ParseUInt(index) is null)
                throw new DomainValidationException(controller.Element.PathOf() + "/@index", $"invalid index '{index}': expected a non-negative integer");
            var model = controller.Model;
            var map = DomainController.ModelMapFor(controller.Type);
            if (model is not null && map is not null && !map.IsName(model))
                throw new DomainValidationException(controller.Element.PathOf() + "/@model",
                    $"unknown model '{model}' for a {controller.Element.Attr("type")} controller (expected one of: {string.Join(", ", map.Names)})",
                    ModelErrorKind.Unsupported);
        }
    }

    /// <summary>The target type must suit the kind of character device (libvirt: "unknown target type").</summary>
    private static void ValidateCharDevices(DomainDefinition def)
    {
        foreach (var chr in def.Serials.Concat(def.Consoles).Concat(def.Channels))
        {
            var target = chr.TargetType;
            var map = chr.TargetTypeMap;
            if (target is null || map is null || map.IsName(target)) continue;
            throw new DomainValidationException(chr.Element.PathOf() + "/target/@type",
                $"unknown target type '{target}' for a {chr.Kind} (expected one of: {string.Join(", ", map.Names)})", ModelErrorKind.Unsupported);
        }
    }

    /// <summary>At most one primary video device (libvirt); heads and memory sizes are numbers.</summary>
    private static void ValidateVideos(DomainDefinition def)
    {
        XElement? primary = null;
        foreach (var video in def.Videos)
        {
            var model = video.Element.Element("model");
            foreach (var attr in new[] { "vram", "ram", "vgamem", "heads", "vram64" })
            {
                var v = model.Attr(attr);
                if (v is not null && XmlValue.ParseULong(v) is null)
                    throw new DomainValidationException(video.Element.PathOf() + "/model/@" + attr, $"invalid value '{v}': expected a non-negative integer");
            }
            if (video.Primary != true) continue;
            if (primary is not null)
                throw new DomainValidationException(video.Element.PathOf() + "/model/@primary",
                    $"only one primary video device is supported; {primary.PathOf()} is primary already", ModelErrorKind.Unsupported);
            primary = video.Element;
        }
    }

    /// <summary>Ports are numbers (-1 asks for one) and autoport is yes or no.</summary>
    private static void ValidateGraphics(DomainDefinition def)
    {
        foreach (var g in def.Graphics)
        {
            foreach (var attr in new[] { "port", "tlsPort", "websocket" })
            {
                var v = g.Element.Attr(attr);
                if (v is not null && XmlValue.ParseInt(v) is not >= -1)
                    throw new DomainValidationException(g.Element.PathOf() + "/@" + attr, $"invalid port '{v}': expected a number, or -1 to allocate one");
            }
            var autoport = g.Element.Attr("autoport");
            if (autoport is not null && XmlValue.ParseYesNo(autoport) is null)
                throw new DomainValidationException(g.Element.PathOf() + "/@autoport", $"unknown value '{autoport}' (expected one of: yes, no)");
        }
    }

    /// <summary>
    /// Per-device boot orders are positive and unique, and cannot be mixed with &lt;os&gt;&lt;boot dev&gt;
    /// (libvirt, both "unsupported configuration").
    /// </summary>
    private static void ValidateBootOrder(DomainDefinition def)
    {
        var devices = def.Root.Element("devices");
        if (devices is null) return;
        var orders = new Dictionary<uint, XElement>();
        foreach (var device in devices.Elements())
        {
            var boot = device.Element("boot");
            if (boot is null) continue;
            var text = boot.Attr("order");
            if (XmlValue.ParseUInt(text) is not { } order || order == 0)
                throw new DomainValidationException(device.PathOf() + "/boot/@order", $"invalid boot order '{text}': expected a positive integer");
            if (orders.TryGetValue(order, out var first))
                throw new DomainValidationException(device.PathOf() + "/boot/@order", $"boot order '{order}' used for more than one device ({first.PathOf()} has it too)",
                    ModelErrorKind.Unsupported);
            orders[order] = device;
        }
        if (orders.Count > 0 && def.Root.Element("os")?.Element("boot") is not null)
            throw new DomainValidationException("/domain/os/boot",
                "per-device boot elements cannot be used together with os/boot elements", ModelErrorKind.Unsupported);
    }
}
