using System.Globalization;
using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>The host side of a character device (<c>@type</c> of serial, console, parallel, channel, redirdev).</summary>
public enum CharSourceType { Null, Vc, Pty, Dev, File, Pipe, Stdio, Udp, Tcp, Unix, Spicevmc, Spiceport, Nmdm, QemuVdagent, Dbus }

/// <summary>Wire protocol of a tcp character device (<c>protocol/@type</c>).</summary>
public enum CharProtocol { Raw, Telnet, Telnets, Tls }

/// <summary>Guest side of a &lt;serial&gt; (<c>target/@type</c>).</summary>
public enum SerialTargetType { IsaSerial, UsbSerial, PciSerial, SpaprVioSerial, SystemSerial, SclpSerial, IsaDebug }

/// <summary>Guest side of a &lt;console&gt; (<c>target/@type</c>).</summary>
public enum ConsoleTargetType { Serial, Xen, Uml, Virtio, Lxc, Openvz, Sclp, Sclplm }

/// <summary>Guest side of a &lt;channel&gt; (<c>target/@type</c>).</summary>
public enum ChannelTargetType { Guestfwd, Virtio, Xen }

public static class CharSourceTypes
{
    public static readonly XmlEnumMap<CharSourceType> Map = new(
        (CharSourceType.Null, "null"), (CharSourceType.Vc, "vc"), (CharSourceType.Pty, "pty"), (CharSourceType.Dev, "dev"),
        (CharSourceType.File, "file"), (CharSourceType.Pipe, "pipe"), (CharSourceType.Stdio, "stdio"), (CharSourceType.Udp, "udp"),
        (CharSourceType.Tcp, "tcp"), (CharSourceType.Unix, "unix"), (CharSourceType.Spicevmc, "spicevmc"),
        (CharSourceType.Spiceport, "spiceport"), (CharSourceType.Nmdm, "nmdm"), (CharSourceType.QemuVdagent, "qemu-vdagent"),
        (CharSourceType.Dbus, "dbus"));
}

public static class CharProtocols
{
    public static readonly XmlEnumMap<CharProtocol> Map = new(
        (CharProtocol.Raw, "raw"), (CharProtocol.Telnet, "telnet"), (CharProtocol.Telnets, "telnets"), (CharProtocol.Tls, "tls"));
}

public static class SerialTargetTypes
{
    public static readonly XmlEnumMap<SerialTargetType> Map = new(
        (SerialTargetType.IsaSerial, "isa-serial"), (SerialTargetType.UsbSerial, "usb-serial"), (SerialTargetType.PciSerial, "pci-serial"),
        (SerialTargetType.SpaprVioSerial, "spapr-vio-serial"), (SerialTargetType.SystemSerial, "system-serial"),
        (SerialTargetType.SclpSerial, "sclp-serial"), (SerialTargetType.IsaDebug, "isa-debug"));
}

public static class ConsoleTargetTypes
{
    public static readonly XmlEnumMap<ConsoleTargetType> Map = new(
        (ConsoleTargetType.Serial, "serial"), (ConsoleTargetType.Xen, "xen"), (ConsoleTargetType.Uml, "uml"), (ConsoleTargetType.Virtio, "virtio"),
        (ConsoleTargetType.Lxc, "lxc"), (ConsoleTargetType.Openvz, "openvz"), (ConsoleTargetType.Sclp, "sclp"), (ConsoleTargetType.Sclplm, "sclplm"));
}

public static class ChannelTargetTypes
{
    public static readonly XmlEnumMap<ChannelTargetType> Map = new(
        (ChannelTargetType.Guestfwd, "guestfwd"), (ChannelTargetType.Virtio, "virtio"), (ChannelTargetType.Xen, "xen"));
}

/// <summary>A character device (&lt;serial&gt;, &lt;console&gt;, &lt;channel&gt;, &lt;parallel&gt;).</summary>
public sealed class DomainCharDevice(XElement element) : DomainDevice(element)
{
    /// <summary>The name QEMU's guest agent listens on, as a virtio channel target.</summary>
    public const string GuestAgentChannel = "org.qemu.guest_agent.0";

    private static readonly string[] Order = ["source", "protocol", "log", "target", "alias", "address"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    /// <summary>Host side as written: pty, file, unix, tcp, null, stdio … (pty when absent).</summary>
    public string Type => Element.Attr("type") ?? "pty";

    public CharSourceType? SourceType { get => GetEnum(CharSourceTypes.Map, "type"); set => SetEnum(CharSourceTypes.Map, "type", value); }

    /// <summary>The host path (pty device, log file or unix socket).</summary>
    public string? SourcePath
    {
        get => Element.Element("source").Attr("path");
        set => SetChildAttr("source", "path", value);
    }

    /// <summary>For unix/tcp sources: <c>bind</c> (we listen) or <c>connect</c>.</summary>
    public string? SourceMode
    {
        get => Element.Element("source").Attr("mode");
        set => SetChildAttr("source", "mode", value);
    }

    /// <summary>tcp/udp host and service (port).</summary>
    public string? SourceHost { get => GetChildAttr("source", "host"); set => SetChildAttr("source", "host", value); }
    public string? SourceService { get => GetChildAttr("source", "service"); set => SetChildAttr("source", "service", value); }

    /// <summary>The spiceport channel name (<c>source/@channel</c>).</summary>
    public string? SourceChannel { get => GetChildAttr("source", "channel"); set => SetChildAttr("source", "channel", value); }

    public CharProtocol? Protocol
    {
        get => CharProtocols.Map.Parse(GetChildAttr("protocol", "type"));
        set => SetChildAttr("protocol", "type", value is null ? null : CharProtocols.Map.ToXml(value.Value));
    }

    /// <summary>A file that receives a copy of everything the guest writes (<c>&lt;log file=…/&gt;</c>).</summary>
    public string? LogFile => Element.Element("log").Attr("file");
    public bool LogAppend => Element.Element("log").Attr("append") == "on";

    public string? TargetType
    {
        get => Element.Element("target").Attr("type");
        set => SetChildAttr("target", "type", value);
    }

    public int TargetPort =>
        int.TryParse(Element.Element("target").Attr("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;

    /// <summary>The target port as written, or null.</summary>
    public int? Port
    {
        get => XmlValue.ParseInt(GetChildAttr("target", "port"));
        set => SetChildAttr("target", "port", XmlValue.Format(value));
    }

    /// <summary>A virtio channel's name (<c>org.qemu.guest_agent.0</c>, <c>com.redhat.spice.0</c> …).</summary>
    public string? TargetName { get => GetChildAttr("target", "name"); set => SetChildAttr("target", "name", value); }

    /// <summary>A serial target's device model (<c>target/model/@name</c>: isa-serial, pl011 …).</summary>
    public string? TargetModel => Element.Element("target")?.Element("model").Attr("name");

    /// <summary>The map for <c>target/@type</c> of this kind of device, or null where it has none.</summary>
    public IXmlEnumMap? TargetTypeMap => Kind switch
    {
        "serial" => SerialTargetTypes.Map,
        "console" => ConsoleTargetTypes.Map,
        "channel" => ChannelTargetTypes.Map,
        _ => null,
    };

    public bool IsGuestAgentChannel => Kind == "channel" && TargetName == GuestAgentChannel;
}
