using System.Xml.Linq;

namespace Virt.Model.Domains;

/// <summary>
/// The values libvirt fills in when a domain is defined (its post-parse pass), so that
/// <c>dumpxml</c> after <c>define</c> reads like libvirt's: a UUID, memory in KiB, currentMemory,
/// a vcpu count, the os arch, lifecycle actions, disk buses from device names, and a console for
/// the first serial port.
/// </summary>
public static class DomainDefaults
{
    public static void Apply(DomainDefinition def)
    {
        def.Uuid ??= Guid.NewGuid();
        def.MemoryKiB = def.MemoryKiB;               // normalises the unit to KiB
        def.CurrentMemoryKiB = def.CurrentMemoryKiB; // adds currentMemory when missing
        if (def.Root.Element("vcpu") is null) InsertAfter(def.Root, new XElement("vcpu", new XAttribute("placement", "static"), "1"), "currentMemory");
        else if (def.Root.Element("vcpu")!.Attribute("placement") is null) def.Root.Element("vcpu")!.SetAttributeValue("placement", "static");

        var os = def.Os;
        os.Arch ??= "x86_64";

        AddAction(def.Root, "on_poweroff", "destroy");
        AddAction(def.Root, "on_reboot", "restart");
        AddAction(def.Root, "on_crash", "destroy");

        foreach (var disk in def.Disks) disk.TargetBus ??= BusFromDeviceName(disk.TargetDev);

        AddConsoleForSerial(def);
    }

    /// <summary>libvirt's guess from the device name prefix: vdX virtio, sdX sata/scsi, hdX ide, fdX floppy.</summary>
    public static string BusFromDeviceName(string? dev) => dev switch
    {
        not null when dev.StartsWith("vd", StringComparison.Ordinal) => "virtio",
        not null when dev.StartsWith("sd", StringComparison.Ordinal) => "scsi",
        not null when dev.StartsWith("hd", StringComparison.Ordinal) => "ide",
        not null when dev.StartsWith("fd", StringComparison.Ordinal) => "fdc",
        not null when dev.StartsWith("xvd", StringComparison.Ordinal) => "xen",
        not null when dev.StartsWith("ubd", StringComparison.Ordinal) => "uml",
        _ => "ide",
    };

    private static void AddAction(XElement root, string name, string value)
    {
        if (root.Element(name) is not null) return;
        var anchor = root.Elements().LastOrDefault(e => e.Name.LocalName is "on_poweroff" or "on_reboot" or "on_crash" or "clock" or "cpu" or "features" or "os");
        var element = new XElement(name, value);
        if (anchor is not null) anchor.AddAfterSelf(element);
        else
        {
            var devices = root.Element("devices");
            if (devices is not null) devices.AddBeforeSelf(element); else root.Add(element);
        }
    }

    private static void InsertAfter(XElement root, XElement element, string after)
    {
        var anchor = root.Element(after);
        if (anchor is not null) anchor.AddAfterSelf(element); else root.Add(element);
    }

    private static void AddConsoleForSerial(DomainDefinition def)
    {
        var firstSerial = def.Serials.FirstOrDefault();
        if (firstSerial is null || def.Consoles.Any()) return;
        var console = new XElement("console", new XAttribute("type", firstSerial.Type));
        foreach (var source in firstSerial.Element.Elements("source")) console.Add(new XElement(source));
        console.Add(new XElement("target", new XAttribute("type", "serial"),
            new XAttribute("port", firstSerial.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        firstSerial.Element.AddAfterSelf(console);
    }
}
