using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Networks;

/// <summary>How a virtual network reaches the outside (<c>forward/@mode</c>).</summary>
public enum ForwardMode { Nat, Route, Open, Bridge, Private, Vepa, Passthrough, Hostdev }

public static class ForwardModes
{
    public static readonly XmlEnumMap<ForwardMode> Map = new(
        (ForwardMode.Nat, "nat"), (ForwardMode.Route, "route"), (ForwardMode.Open, "open"), (ForwardMode.Bridge, "bridge"),
        (ForwardMode.Private, "private"), (ForwardMode.Vepa, "vepa"), (ForwardMode.Passthrough, "passthrough"), (ForwardMode.Hostdev, "hostdev"));
}

/// <summary>A libvirt &lt;network&gt; document as a typed view over its XML tree.</summary>
public sealed class NetworkDefinition : LibvirtDocument
{
    public const string DocumentName = "network_definition";

    private static readonly string[] Order = ["name", "uuid", "metadata", "forward", "bridge", "mtu", "mac", "domain", "dns", "ip", "route", "portgroup"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    private NetworkDefinition(XElement root) : base(root) { }

    public static NetworkDefinition Parse(string xml) => Validated(new NetworkDefinition(LoadXml(xml, DocumentName, "network")));
    public static NetworkDefinition ParseYaml(string yaml) => Validated(new NetworkDefinition(LoadYaml(yaml, DocumentName, "network")));

    private static NetworkDefinition Validated(NetworkDefinition net)
    {
        RequireName(net.Root);
        CheckUuid(net.Root);
        CheckEnum(net.Root.Element("forward"), "mode", ForwardModes.Map);
        foreach (var ip in net.Ips)
            if (ip.Element.Attribute("address") is null)
                throw new DomainValidationException(ip.Element.PathOf(), "missing IP address");
        return net;
    }

    public string Name { get => GetChildText("name") ?? ""; set => SetChildText("name", value); }
    public Guid? Uuid { get => Guid.TryParse(GetChildText("uuid"), out var g) ? g : null; set => SetChildText("uuid", value?.ToString("D")); }

    /// <summary>The forward mode; null means an isolated network (setting null removes &lt;forward&gt;).</summary>
    public ForwardMode? Forward
    {
        get => ForwardModes.Map.Parse(GetChildAttr("forward", "mode"));
        set
        {
            if (value is null) Child("forward")?.Remove();
            else SetChildAttr("forward", "mode", ForwardModes.Map.ToXml(value.Value));
        }
    }

    public string? ForwardDev { get => GetChildAttr("forward", "dev"); set => SetChildAttr("forward", "dev", value); }
    public string? BridgeName { get => GetChildAttr("bridge", "name"); set => SetChildAttr("bridge", "name", value); }
    public bool? Stp { get => XmlValue.ParseOnOff(GetChildAttr("bridge", "stp")); set => SetChildAttr("bridge", "stp", value is null ? null : value.Value ? "on" : "off"); }
    public int? Mtu { get => XmlValue.ParseInt(GetChildAttr("mtu", "size")); set => SetChildAttr("mtu", "size", XmlValue.Format(value)); }
    public string? Mac { get => GetChildAttr("mac", "address"); set => SetChildAttr("mac", "address", value); }
    public string? DomainName { get => GetChildAttr("domain", "name"); set => SetChildAttr("domain", "name", value); }

    public IEnumerable<NetworkIp> Ips => ChildViews("ip", e => new NetworkIp(e));
}

/// <summary>An &lt;ip&gt; of a network, with its DHCP ranges and static hosts.</summary>
public sealed class NetworkIp(XElement element) : XmlView(element)
{
    public string? Address { get => GetAttr("address"); set => SetAttr("address", value); }
    public string? Netmask { get => GetAttr("netmask"); set => SetAttr("netmask", value); }
    public int? Prefix { get => GetInt("prefix"); set => SetInt("prefix", value); }

    /// <summary>ipv4 (the default) or ipv6.</summary>
    public string Family => GetAttr("family") ?? "ipv4";

    public IEnumerable<(string? Start, string? End)> DhcpRanges =>
        Element.Element("dhcp")?.Elements("range").Select(r => (r.Attr("start"), r.Attr("end"))) ?? [];

    public IEnumerable<(string? Mac, string? Name, string? Ip)> DhcpHosts =>
        Element.Element("dhcp")?.Elements("host").Select(h => (h.Attr("mac"), h.Attr("name"), h.Attr("ip"))) ?? [];
}
