using System.Globalization;
using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>How a NIC reaches the host (<c>interface/@type</c>).</summary>
public enum InterfaceType { Network, Bridge, User, Ethernet, Direct, Hostdev, Mcast, Server, Client, Udp, VhostUser, Internal, Vdpa, Null, Vds }

/// <summary>Link state of a NIC (<c>link/@state</c>).</summary>
public enum LinkState { Up, Down }

/// <summary>macvtap modes of a direct NIC (<c>source/@mode</c>).</summary>
public enum DirectMode { Vepa, Bridge, Private, Passthrough }

/// <summary>NIC backends (<c>driver/@name</c>).</summary>
public enum InterfaceDriverName { Qemu, Vhost, Kvm, Vfio, Xen }

public static class InterfaceTypes
{
    public static readonly XmlEnumMap<InterfaceType> Map = new(
        (InterfaceType.Network, "network"), (InterfaceType.Bridge, "bridge"), (InterfaceType.User, "user"),
        (InterfaceType.Ethernet, "ethernet"), (InterfaceType.Direct, "direct"), (InterfaceType.Hostdev, "hostdev"),
        (InterfaceType.Mcast, "mcast"), (InterfaceType.Server, "server"), (InterfaceType.Client, "client"), (InterfaceType.Udp, "udp"),
        (InterfaceType.VhostUser, "vhostuser"), (InterfaceType.Internal, "internal"), (InterfaceType.Vdpa, "vdpa"),
        (InterfaceType.Null, "null"), (InterfaceType.Vds, "vds"));
}

public static class LinkStates
{
    public static readonly XmlEnumMap<LinkState> Map = new((LinkState.Up, "up"), (LinkState.Down, "down"));
}

public static class DirectModes
{
    public static readonly XmlEnumMap<DirectMode> Map = new(
        (DirectMode.Vepa, "vepa"), (DirectMode.Bridge, "bridge"), (DirectMode.Private, "private"), (DirectMode.Passthrough, "passthrough"));
}

public static class InterfaceDriverNames
{
    public static readonly XmlEnumMap<InterfaceDriverName> Map = new(
        (InterfaceDriverName.Qemu, "qemu"), (InterfaceDriverName.Vhost, "vhost"), (InterfaceDriverName.Kvm, "kvm"),
        (InterfaceDriverName.Vfio, "vfio"), (InterfaceDriverName.Xen, "xen"));
}

/// <summary>An &lt;interface&gt;: a guest NIC and how it reaches the host.</summary>
public sealed class DomainInterface(XElement element) : DomainDevice(element)
{
    /// <summary>Child elements in the order libvirt writes them (checked with the test driver).</summary>
    public static readonly IReadOnlyList<string> FormatOrder =
    [
        "mac", "source", "vlan", "virtualport", "bandwidth", "ip", "route", "script", "downscript", "backenddomain", "target",
        "guest", "model", "driver", "backend", "filterref", "tune", "teaming", "link", "mtu", "coalesce", "boot", "alias", "rom",
        "address", "acpi",
    ];

    protected override IReadOnlyList<string> ChildOrder => FormatOrder;

    public InterfaceType? Type { get => GetEnum(InterfaceTypes.Map, "type"); set => SetEnum(InterfaceTypes.Map, "type", value); }

    /// <summary>The MAC address as written (<c>mac/@address</c>).</summary>
    public string? Mac { get => GetChildAttr("mac", "address"); set => SetChildAttr("mac", "address", value); }

    /// <summary>The libvirt network name of a type='network' NIC.</summary>
    public string? SourceNetwork { get => GetChildAttr("source", "network"); set => SetChildAttr("source", "network", value); }

    /// <summary>The host bridge of a type='bridge' NIC.</summary>
    public string? SourceBridge { get => GetChildAttr("source", "bridge"); set => SetChildAttr("source", "bridge", value); }

    /// <summary>The host device of a type='direct' NIC (or the tap of ethernet).</summary>
    public string? SourceDev { get => GetChildAttr("source", "dev"); set => SetChildAttr("source", "dev", value); }

    public DirectMode? SourceMode
    {
        get => DirectModes.Map.Parse(GetChildAttr("source", "mode"));
        set => SetChildAttr("source", "mode", value is null ? null : DirectModes.Map.ToXml(value.Value));
    }

    public string? Portgroup { get => GetChildAttr("source", "portgroup"); set => SetChildAttr("source", "portgroup", value); }

    /// <summary>Host-side device name (<c>target/@dev</c>).</summary>
    public string? TargetDev { get => GetChildAttr("target", "dev"); set => SetChildAttr("target", "dev", value); }

    /// <summary>The emulated NIC model as written (virtio, e1000e, rtl8139 …; libvirt takes any name).</summary>
    public string? Model { get => GetChildAttr("model", "type"); set => SetChildAttr("model", "type", value); }

    public InterfaceDriverName? DriverName
    {
        get => InterfaceDriverNames.Map.Parse(GetChildAttr("driver", "name"));
        set => SetChildAttr("driver", "name", value is null ? null : InterfaceDriverNames.Map.ToXml(value.Value));
    }

    public int? Queues { get => XmlValue.ParseInt(GetChildAttr("driver", "queues")); set => SetChildAttr("driver", "queues", XmlValue.Format(value)); }

    public LinkState? Link
    {
        get => LinkStates.Map.Parse(GetChildAttr("link", "state"));
        set => SetChildAttr("link", "state", value is null ? null : LinkStates.Map.ToXml(value.Value));
    }

    public int? Mtu { get => XmlValue.ParseInt(GetChildAttr("mtu", "size")); set => SetChildAttr("mtu", "size", XmlValue.Format(value)); }

    public string? FilterRef { get => GetChildAttr("filterref", "filter"); set => SetChildAttr("filterref", "filter", value); }

    /// <summary>Whether <paramref name="mac"/> is six colon-separated hex pairs (libvirt's <c>virMacAddrParse</c>).</summary>
    public static bool IsValidMac(string? mac)
    {
        if (mac is null || mac.Length != 17) return false;
        for (var i = 0; i < 17; i++)
        {
            var c = mac[i];
            if (i % 3 == 2) { if (c != ':') return false; }
            else if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    /// <summary>True for a multicast address (lowest bit of the first octet set), which a NIC cannot use.</summary>
    public static bool IsMulticastMac(string mac) =>
        (byte.Parse(mac.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 1) == 1;

    /// <summary>A random address under libvirt's QEMU/KVM prefix 52:54:00, as <c>virDomainNetGenerateMAC</c> makes.</summary>
    public static string GenerateMac(Random? random = null)
    {
        Span<byte> tail = stackalloc byte[3];
        (random ?? Random.Shared).NextBytes(tail);
        return string.Create(CultureInfo.InvariantCulture, $"52:54:00:{tail[0]:x2}:{tail[1]:x2}:{tail[2]:x2}");
    }
}
