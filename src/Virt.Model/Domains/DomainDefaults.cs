using System.Globalization;
using System.Xml.Linq;
using Virt.Model.Units;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>
/// The values libvirt fills in when a domain is defined (its generic post-parse pass), so that
/// <c>dumpxml</c> after <c>define</c> reads like libvirt's. Every default here was checked against
/// libvirt 9's own test driver (<c>virsh -c test:///default 'define f.xml; dumpxml NAME'</c>):
/// <list type="bullet">
/// <item>a UUID; memory, currentMemory and maxMemory in KiB; currentMemory added;</item>
/// <item><c>&lt;vcpu placement='static'&gt;</c> (1 when missing), attributes in libvirt's order;</item>
/// <item>os arch (x86_64 unless a driver sets its own first) and <c>&lt;boot dev='hd'/&gt;</c> when nothing
/// else says how to boot; <c>&lt;clock offset='utc'/&gt;</c>; on_poweroff/on_reboot/on_crash;</item>
/// <item>custom CPU models: <c>match='exact'</c>, <c>fallback='allow'</c>, topology <c>dies='1'</c>;</item>
/// <item>an empty <c>&lt;devices&gt;</c>; disks: type file, device disk, bus from the device name, cdroms
/// read-only, drive addresses on ide/scsi/sata/fdc, and the implicit controllers for those buses,
/// virtio-serial (for virtio channels and consoles) and ccid (for smartcards);</item>
/// <item>interfaces: a MAC under QEMU's prefix 52:54:00; serial and parallel target ports; the
/// serial console pairing (console for the first serial, or a serial for a lone console);</item>
/// <item>graphics: VNC port -1 with autoport, autoport='no' with a fixed port, a &lt;listen&gt; element
/// (address, or none for a SPICE display with neither port nor autoport);</item>
/// <item>video: heads 1, the first adapter primary, libvirt's default VRAM per model;
/// filesystems: type mount, accessmode passthrough;</item>
/// <item>values libvirt does not write back because they are its default (a closed tray, SPICE
/// defaultMode any) are dropped, and elements are put in libvirt's order (<see cref="DomainOrder"/>).</item>
/// </list>
/// Defaults that libvirt's QEMU driver adds on top (PCI/USB controllers, PS/2 inputs, memballoon,
/// PCI addresses, machine type, emulator) need libvirtd and are not applied here. libvirt also re-sorts
/// disks by bus; Virt keeps the order they were written in.
/// </summary>
public static class DomainDefaults
{
    public static void Apply(DomainDefinition def)
    {
        def.Uuid ??= Guid.NewGuid();
        DomainOrder.SortDisks(def);
        NormaliseMaxMemory(def);
        def.MemoryKiB = def.MemoryKiB;               // normalises the unit to KiB
        def.CurrentMemoryKiB = def.CurrentMemoryKiB; // adds currentMemory when missing
        ApplyVcpu(def);

        var os = def.Os;
        os.Arch ??= "x86_64";
        ApplyBoot(def);
        ApplyCpu(def);
        if (def.Root.Element("clock") is null) def.GetOrAddClock().Offset = ClockOffset.Utc;

        AddAction(def, "on_poweroff", "destroy");
        AddAction(def, "on_reboot", "restart");
        AddAction(def, "on_crash", "destroy");

        _ = def.Devices; // libvirt always writes <devices>, even empty
        ApplyDisks(def);
        foreach (var nic in def.Interfaces) if (nic.Mac is null) nic.Mac = DomainInterface.GenerateMac();
        ApplyCharDevices(def);
        ApplyGraphics(def);
        ApplyVideo(def);
        foreach (var fs in def.Filesystems)
        {
            if (fs.Element.Attribute("type") is null) fs.Type = FilesystemType.Mount;
            if (fs.Element.Attribute("accessmode") is null && fs.Type == FilesystemType.Mount) fs.AccessMode = FilesystemAccessMode.Passthrough;
        }
        AssignControllerIndexes(def);
        AddImplicitControllers(def);
        AssignSmartcardAddresses(def);
        foreach (var cell in def.Cpu?.NumaCells ?? []) NormaliseUnit(cell.Element, "memory");
        DomainOrder.Apply(def);
    }

    private static void NormaliseUnit(XElement e, string attribute)
    {
        var value = e.Attr(attribute);
        if (value is null || !MemoryUnits.TryToKiB(value, e.Attr("unit"), out var kib)) return;
        e.SetAttributeValue(attribute, kib.ToString(CultureInfo.InvariantCulture));
        e.SetAttributeValue("unit", "KiB");
        var attrs = e.Attributes().ToList();
        var unit = attrs.First(a => a.Name == "unit");
        attrs.Remove(unit);
        attrs.Insert(attrs.FindIndex(a => a.Name == attribute) + 1, unit);
        e.ReplaceAttributes(attrs.Select(a => new XAttribute(a)));
    }

    /// <summary>libvirt's guess from the device name prefix: vdX virtio, sdX scsi, hdX ide, fdX floppy.</summary>
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

    /// <summary>libvirt's <c>virDiskNameToIndex</c>: the letters after the prefix as a base-26 number (vda 0, vdz 25, vdaa 26).</summary>
    public static int? DiskNameToIndex(string? dev)
    {
        if (dev is null) return null;
        var start = dev.StartsWith("xvd", StringComparison.Ordinal) || dev.StartsWith("ubd", StringComparison.Ordinal) ? 3 : 2;
        if (dev.Length <= start) return null;
        var index = 0;
        var i = start;
        for (; i < dev.Length && dev[i] is >= 'a' and <= 'z'; i++)
        {
            index = index * 26 + (dev[i] - 'a' + 1);
            if (index > 1_000_000) return null;
        }
        return i == start ? null : index - 1;
    }

    private static void NormaliseMaxMemory(DomainDefinition def)
    {
        var max = def.Root.Element("maxMemory");
        if (max is null || !MemoryUnits.TryToKiB(max.Value, max.Attr("unit"), out var kib)) return;
        max.SetAttributeValue("unit", "KiB");
        max.Value = kib.ToString(CultureInfo.InvariantCulture);
    }

    private static void ApplyVcpu(DomainDefinition def)
    {
        var vcpu = def.Root.Element("vcpu");
        if (vcpu is null)
        {
            def.GetOrAddVcpu().Element.Value = "1";
            vcpu = def.Root.Element("vcpu")!;
        }
        if (vcpu.Attribute("placement") is null) vcpu.SetAttributeValue("placement", "static");
        SortAttributes(vcpu, ["placement", "cpuset", "current"]);
    }

    /// <summary><c>&lt;boot dev='hd'/&gt;</c> for hvm guests with neither os/boot nor a per-device boot order.</summary>
    private static void ApplyBoot(DomainDefinition def)
    {
        var os = def.Root.Element("os")!;
        if (def.OsType != "hvm" || os.Element("boot") is not null) return;
        if (def.Root.Element("devices")?.Elements().Any(d => d.Element("boot") is not null) == true) return;
        def.Os.SetBootDevices([BootDevice.Hd]);
    }

    private static void ApplyCpu(DomainDefinition def)
    {
        var cpu = def.Cpu;
        if (cpu is null) return;
        var mode = cpu.Element.Attribute("mode") is null ? CpuMode.Custom : cpu.Mode;
        if (mode == CpuMode.Custom && cpu.Model is not null)
        {
            if (cpu.Element.Attribute("match") is null) cpu.Match = CpuMatch.Exact;
            if (cpu.Fallback is null && cpu.Element.Element("model")!.Attribute("fallback") is null) cpu.Fallback = CpuFallback.Allow;
            if (cpu.Element.Attribute("mode") is null) cpu.Mode = CpuMode.Custom;
            SortAttributes(cpu.Element, ["mode", "match", "check", "migratable"]);
        }
        if (cpu.Topology is { } topology && topology.Element.Attribute("dies") is null)
        {
            topology.Dies = 1;
            SortAttributes(topology.Element, ["sockets", "dies", "clusters", "cores", "threads"]);
        }
    }

    private static void ApplyDisks(DomainDefinition def)
    {
        foreach (var disk in def.Disks)
        {
            if (disk.Element.Attribute("type") is null) disk.Type = DiskType.File;
            if (disk.Element.Attribute("device") is null) disk.DeviceKind = DiskDevice.Disk;
            SortAttributes(disk.Element, ["type", "device", "model", "rawio", "sgio", "snapshot"]);
            if (disk.Element.Element("driver") is { } driver)
                SortAttributes(driver, ["name", "type", "cache", "error_policy", "rerror_policy", "io", "ioeventfd", "event_idx", "copy_on_read", "discard", "iothread", "detect_zeroes", "queues", "queue_size"]);
            disk.TargetBus ??= BusFromDeviceName(disk.TargetDev);
            if (disk.DeviceKind == DiskDevice.Cdrom) disk.ReadOnly = true;
            if (disk.Tray == DiskTray.Closed) disk.Tray = null; // libvirt writes the tray only when open
            if (disk.Address is null && DriveAddress(disk.Bus, DiskNameToIndex(disk.TargetDev)) is var (controller, bus, unit))
            {
                var address = new XElement("address", new XAttribute("type", "drive"),
                    new XAttribute("controller", controller), new XAttribute("bus", bus), new XAttribute("target", 0), new XAttribute("unit", unit));
                disk.Element.Add(address);
            }
        }
    }

    /// <summary>libvirt's <c>virDomainDiskDefAssignAddress</c>: where a disk on a drive bus sits, from its index.</summary>
    private static (int Controller, int Bus, int Unit)? DriveAddress(DiskBus? bus, int? index) => (bus, index) switch
    {
        (DiskBus.Scsi, int i) => (i / 7, 0, i % 7),
        (DiskBus.Ide, int i) => (i / 4, i % 4 / 2, i % 2),
        (DiskBus.Sata, int i) => (i / 6, 0, i % 6),
        (DiskBus.Fdc, int i) => (i / 2, 0, i % 2),
        _ => null,
    };

    private static void ApplyCharDevices(DomainDefinition def)
    {
        AssignPorts(def.Serials);
        AssignPorts(def.Parallels);
        if (def.OsType != "hvm") return;

        var firstSerial = def.Serials.FirstOrDefault();
        var firstConsole = def.Consoles.FirstOrDefault();
        if (firstConsole is not null && firstConsole.TargetType is null or "serial")
        {
            if (firstSerial is null)
            {
                // A lone console becomes the first serial port, and the console points at it.
                var serial = new XElement("serial", firstConsole.Element.Attributes().Select(a => new XAttribute(a)),
                    firstConsole.Element.Elements().Where(e => e.Name.LocalName is "source" or "protocol" or "log").Select(e => new XElement(e)),
                    new XElement("target", new XAttribute("port", 0)));
                def.AddDevice(serial);
                firstSerial = new DomainCharDevice(serial);
            }
            ReplaceConsole(firstConsole.Element, firstSerial);
        }
        else if (firstSerial is not null)
        {
            // The first console is not a serial one (or there is none): libvirt puts a serial console first.
            var console = new XElement("console");
            if (firstConsole is not null) firstConsole.Element.AddBeforeSelf(console);
            else def.AddDevice(console);
            ReplaceConsole(console, firstSerial);
        }
        foreach (var chr in def.Serials.Concat(def.Consoles).Concat(def.Channels).Concat(def.Parallels))
        {
            if (chr.SourceType == CharSourceType.Tcp && chr.Element.Element("protocol") is null) chr.Protocol = CharProtocol.Raw;
        }
    }

    /// <summary>The serial console mirrors the serial port it shows: same type and source, target type serial.</summary>
    private static void ReplaceConsole(XElement console, DomainCharDevice serial)
    {
        var keep = console.Elements().Where(e => e.Name.LocalName is "alias" or "address").ToList();
        console.RemoveAll();
        foreach (var a in serial.Element.Attributes()) console.SetAttributeValue(a.Name, a.Value);
        foreach (var e in serial.Element.Elements().Where(e => e.Name.LocalName is "source" or "protocol" or "log")) console.Add(new XElement(e));
        console.Add(new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", serial.TargetPort.ToString(CultureInfo.InvariantCulture))));
        foreach (var e in keep) console.Add(e);
    }

    private static void AssignPorts(IEnumerable<DomainCharDevice> devices)
    {
        var list = devices.ToList();
        var used = list.Select(d => d.Port).OfType<int>().ToHashSet();
        var next = 0;
        foreach (var d in list)
        {
            if (d.Port is not null) continue;
            while (used.Contains(next)) next++;
            d.Port = next;
            used.Add(next);
            var target = d.Element.Element("target")!;
            SortAttributes(target, ["type", "port", "name", "state"]);
        }
    }

    private static void ApplyGraphics(DomainDefinition def)
    {
        foreach (var g in def.Graphics)
        {
            var e = g.Element;
            if (g.Type == GraphicsType.Vnc)
            {
                if (g.Port is null or -1)
                {
                    if (e.Attribute("port") is null) g.Port = -1;
                    if (e.Attribute("autoport") is null) g.Autoport = true;
                }
                else if (e.Attribute("autoport") is null) g.Autoport = false;
            }
            if (g.Type is GraphicsType.Vnc or GraphicsType.Spice && e.Element("listen") is null)
            {
                var address = g.ListenAddress;
                var hasNetwork = address is not null || g.Autoport == true || g.Port > 0 || g.TlsPort > 0;
                var listen = g.AddListen(hasNetwork ? ListenType.Address : ListenType.None);
                if (address is not null) listen.Address = address;
                if (g.Element.Elements().First() != listen.Element)
                {
                    listen.Element.Remove();
                    e.AddFirst(listen.Element);
                }
            }
            if (g.Type == GraphicsType.Spice && e.Attr("defaultMode") == "any") e.SetAttributeValue("defaultMode", null); // libvirt omits its default
            // libvirt mirrors the first address listener in the legacy listen attribute.
            if (g.Type is GraphicsType.Vnc or GraphicsType.Spice or GraphicsType.Rdp && g.ListenAddress is null
                && g.Listens.FirstOrDefault() is { Type: ListenType.Address, Address: { } first })
                g.ListenAddress = first;
            SortAttributes(e, ["type", "socket", "port", "tlsPort", "autoport", "websocket", "sharePolicy", "listen", "keymap", "defaultMode", "passwd", "passwdValidTo", "connected"]);
        }
    }

    private static void ApplyVideo(DomainDefinition def)
    {
        var videos = def.Videos.ToList();
        var hasPrimary = videos.Any(v => v.Primary == true);
        foreach (var video in videos)
        {
            var model = video.Element.Element("model");
            if (model is null) continue;
            var type = video.Model;
            if (type is null or VideoModel.None) continue;
            if (video.VramKiB is null && DefaultVram(def, type.Value) is > 0 and var vram)
            {
                video.VramKiB = vram;
                if (type == VideoModel.Qxl && video.RamKiB is null) video.RamKiB = vram;
            }
            if (video.Heads is null) video.Heads = 1;
            if (!hasPrimary)
            {
                video.Primary = true;
                hasPrimary = true;
            }
            SortAttributes(model, ["type", "ram", "vram", "vram64", "vgamem", "heads", "primary"]);
        }
    }

    /// <summary>libvirt's <c>virDomainVideoDefaultRAM</c> in KiB.</summary>
    private static ulong DefaultVram(DomainDefinition def, VideoModel model) => model switch
    {
        VideoModel.Vga or VideoModel.Cirrus or VideoModel.Vmvga => def.Type switch { "vbox" => 8 * 1024, "vmware" => 4 * 1024, _ => 16 * 1024 },
        VideoModel.Bochs => 16 * 1024,
        VideoModel.Xen => 4 * 1024,
        VideoModel.Qxl => 64 * 1024,
        _ => 0,
    };

    /// <summary>libvirt's <c>virDomainDefAddImplicitControllers</c>: scsi, fdc, ide, sata for disks, then virtio-serial and ccid.</summary>
    private static void AddImplicitControllers(DomainDefinition def)
    {
        foreach (var (type, bus) in new[] { ("scsi", DiskBus.Scsi), ("fdc", DiskBus.Fdc), ("ide", DiskBus.Ide), ("sata", DiskBus.Sata) })
        {
            var maxController = -1;
            foreach (var disk in def.Disks)
            {
                if (disk.Bus != bus) continue;
                var controller = disk.Address is { Type: DeviceAddressType.Drive } a ? (int?)a.Controller : null;
                maxController = Math.Max(maxController, controller ?? 0);
            }
            for (var i = 0; i <= maxController; i++) EnsureController(def, type, i);
        }
        var virtioSerial = def.Channels.Any(c => c.TargetType == "virtio") || def.Consoles.Any(c => c.TargetType == "virtio");
        if (virtioSerial) EnsureController(def, "virtio-serial", 0);
        if (def.Smartcards.Any()) EnsureController(def, "ccid", 0);
    }

    private static void EnsureController(DomainDefinition def, string type, int index)
    {
        var sameType = def.Controllers.Where(c => c.Element.Attr("type") == type).ToList();
        if (sameType.Any(c => c.Index == index)) return;
        var element = new XElement("controller", new XAttribute("type", type), new XAttribute("index", index));
        var anchor = sameType.LastOrDefault(c => c.Index < index) ?? def.Controllers.LastOrDefault();
        if (anchor is not null) anchor.Element.AddAfterSelf(element);
        else def.AddDevice(element);
    }

    /// <summary>Smartcards sit on the first CCID controller, one slot each (libvirt assigns these itself).</summary>
    private static void AssignSmartcardAddresses(DomainDefinition def)
    {
        var used = def.Smartcards.Select(s => s.Address).Where(a => a?.Type == DeviceAddressType.Ccid).Select(a => a!.Element.Attr("slot")).ToHashSet();
        var slot = 0;
        foreach (var card in def.Smartcards)
        {
            if (card.Address is not null) continue;
            while (used.Contains(slot.ToString(CultureInfo.InvariantCulture))) slot++;
            card.Element.Add(new XElement("address", new XAttribute("type", "ccid"), new XAttribute("controller", 0), new XAttribute("slot", slot)));
            used.Add(slot.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Controllers written without an index get the lowest free one of their type, as libvirt assigns.</summary>
    private static void AssignControllerIndexes(DomainDefinition def)
    {
        foreach (var group in def.Controllers.GroupBy(c => c.Element.Attr("type") ?? ""))
        {
            var used = group.Select(c => c.Index).OfType<int>().ToHashSet();
            var next = 0;
            foreach (var c in group)
            {
                if (c.Element.Attribute("index") is not null) continue;
                while (used.Contains(next)) next++;
                c.Index = next;
                used.Add(next);
                SortAttributes(c.Element, ["type", "index", "model"]);
            }
        }
    }

    private static void AddAction(DomainDefinition def, string name, string value)
    {
        if (def.Root.Element(name) is null) def.Top(name).Value = value;
    }

    /// <summary>Puts the named attributes first, in the given order (libvirt's), keeping the others after them.</summary>
    private static void SortAttributes(XElement e, string[] order)
    {
        var attrs = e.Attributes().ToList();
        var sorted = attrs.OrderBy(a => Array.IndexOf(order, a.Name.LocalName) is var i && i >= 0 ? i : order.Length).ToList();
        if (sorted.SequenceEqual(attrs)) return;
        e.ReplaceAttributes(sorted.Select(a => new XAttribute(a)));
    }
}
