using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>Boot devices of the BIOS boot order (<c>boot/@dev</c>).</summary>
public enum BootDevice { Hd, Fd, Cdrom, Network }

/// <summary>Firmware kinds (<c>loader/@type</c>).</summary>
public enum LoaderType { Rom, Pflash }

/// <summary>Automatic firmware selection (<c>os/@firmware</c>).</summary>
public enum FirmwareKind { Bios, Efi }

/// <summary>Where SMBIOS tables come from (<c>smbios/@mode</c>).</summary>
public enum SmbiosMode { Emulate, Host, Sysinfo }

public static class BootDevices
{
    public static readonly XmlEnumMap<BootDevice> Map = new(
        (BootDevice.Hd, "hd"), (BootDevice.Fd, "fd"), (BootDevice.Cdrom, "cdrom"), (BootDevice.Network, "network"));
}

public static class LoaderTypes
{
    public static readonly XmlEnumMap<LoaderType> Map = new((LoaderType.Rom, "rom"), (LoaderType.Pflash, "pflash"));
}

public static class FirmwareKinds
{
    public static readonly XmlEnumMap<FirmwareKind> Map = new((FirmwareKind.Bios, "bios"), (FirmwareKind.Efi, "efi"));
}

public static class SmbiosModes
{
    public static readonly XmlEnumMap<SmbiosMode> Map = new((SmbiosMode.Emulate, "emulate"), (SmbiosMode.Host, "host"), (SmbiosMode.Sysinfo, "sysinfo"));
}

/// <summary>The &lt;os&gt; element: guest type, machine, firmware, boot order and direct kernel boot.</summary>
public sealed class DomainOs(XElement element) : XmlView(element)
{
    /// <summary>Child elements in the order libvirt writes them.</summary>
    public static readonly IReadOnlyList<string> FormatOrder =
    [
        "type", "firmware", "loader", "nvram", "kernel", "initrd", "cmdline", "dtb", "acpi", "boot", "bootmenu", "smbios",
        "bios", "init", "initarg", "initenv", "initdir", "inituser", "initgroup",
    ];

    protected override IReadOnlyList<string> ChildOrder => FormatOrder;

    public string Type => Element.Element("type")?.Value.Trim() ?? "hvm";

    public string? Arch
    {
        get => Element.Element("type").Attr("arch");
        set => SetChildAttr("type", "arch", value);
    }

    public string? Machine
    {
        get => Element.Element("type").Attr("machine");
        set => SetChildAttr("type", "machine", value);
    }

    public FirmwareKind? Firmware { get => GetEnum(FirmwareKinds.Map, "firmware"); set => SetEnum(FirmwareKinds.Map, "firmware", value); }

    public string? Kernel { get => GetChildText("kernel"); set => SetChildText("kernel", value); }
    public string? Initrd { get => GetChildText("initrd"); set => SetChildText("initrd", value); }

    /// <summary>The kernel command line, untrimmed.</summary>
    public string? Cmdline
    {
        get => Element.Element("cmdline")?.Value;
        set => SetChildText("cmdline", value);
    }

    public string? Dtb { get => GetChildText("dtb"); set => SetChildText("dtb", value); }

    /// <summary>The firmware image (<c>&lt;loader&gt;</c>), or null.</summary>
    public OsLoader? Loader => ChildView("loader", e => new OsLoader(e));
    public OsLoader GetOrAddLoader() => ChildViewOrAdd("loader", e => new OsLoader(e));

    /// <summary>The per-domain UEFI variable store (<c>&lt;nvram&gt;</c>), or null.</summary>
    public OsNvram? Nvram => ChildView("nvram", e => new OsNvram(e));
    public OsNvram GetOrAddNvram() => ChildViewOrAdd("nvram", e => new OsNvram(e));

    /// <summary>The BIOS boot order (<c>&lt;boot dev=…/&gt;</c> in document order); unknown devices are skipped.</summary>
    public IReadOnlyList<BootDevice> BootDevices =>
        Element.Elements("boot").Select(b => BootDevicesMap.Parse(b.Attr("dev"))).OfType<BootDevice>().ToList();

    public void SetBootDevices(IEnumerable<BootDevice> devices)
    {
        Element.Elements("boot").Remove();
        foreach (var d in devices) AddChild(new XElement("boot", new XAttribute("dev", BootDevicesMap.ToXml(d))));
    }

    public bool? BootMenu
    {
        get => XmlValue.ParseYesNo(GetChildAttr("bootmenu", "enable"));
        set => SetChildAttr("bootmenu", "enable", value is null ? null : value.Value ? "yes" : "no");
    }

    /// <summary>Boot menu timeout in milliseconds.</summary>
    public int? BootMenuTimeout
    {
        get => XmlValue.ParseInt(GetChildAttr("bootmenu", "timeout"));
        set => SetChildAttr("bootmenu", "timeout", XmlValue.Format(value));
    }

    public SmbiosMode? Smbios
    {
        get => SmbiosModes.Map.Parse(GetChildAttr("smbios", "mode"));
        set => SetChildAttr("smbios", "mode", value is null ? null : SmbiosModes.Map.ToXml(value.Value));
    }

    public bool? BiosUseSerial => XmlValue.ParseYesNo(GetChildAttr("bios", "useserial"));
    public int? BiosRebootTimeout => XmlValue.ParseInt(GetChildAttr("bios", "rebootTimeout"));

    /// <summary>Container init binary (<c>&lt;init&gt;</c>, for lxc/exe domains).</summary>
    public string? Init { get => GetChildText("init"); set => SetChildText("init", value); }

    private static XmlEnumMap<BootDevice> BootDevicesMap => Domains.BootDevices.Map;
}

/// <summary>The &lt;loader&gt; of &lt;os&gt;: firmware image and how it is mapped.</summary>
public sealed class OsLoader(XElement element) : XmlView(element)
{
    public string? Path { get => GetText(); set => Element.Value = value ?? ""; }
    public bool? ReadOnly { get => GetYesNo("readonly"); set => SetYesNo("readonly", value); }
    public LoaderType? Type { get => GetEnum(LoaderTypes.Map, "type"); set => SetEnum(LoaderTypes.Map, "type", value); }
    public bool? Secure { get => GetYesNo("secure"); set => SetYesNo("secure", value); }
    public bool? Stateless { get => GetYesNo("stateless"); set => SetYesNo("stateless", value); }
}

/// <summary>The &lt;nvram&gt; of &lt;os&gt;: the domain's own UEFI variable store and its template.</summary>
public sealed class OsNvram(XElement element) : XmlView(element)
{
    public string? Path { get => GetText(); set => Element.Value = value ?? ""; }
    public string? Template { get => GetAttr("template"); set => SetAttr("template", value); }
}
