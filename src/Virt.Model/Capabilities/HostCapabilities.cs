using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Capabilities;

/// <summary>The host &lt;capabilities&gt; document (<c>virsh capabilities</c>) as a typed view.</summary>
public sealed class HostCapabilities : LibvirtDocument
{
    public const string DocumentName = "capabilities";

    private HostCapabilities(XElement root) : base(root) { }

    public static HostCapabilities Parse(string xml) => new(LoadXml(xml, DocumentName, "capabilities"));
    public static HostCapabilities ParseYaml(string yaml) => new(LoadYaml(yaml, DocumentName, "capabilities"));

    /// <summary>An empty document to fill in (a driver building its own capabilities).</summary>
    public static HostCapabilities Create() => new(new XElement("capabilities", new XElement("host")));

    private XElement? Host => Element.Element("host");

    public Guid? HostUuid => Guid.TryParse(Host?.Element("uuid")?.Value.Trim(), out var g) ? g : null;
    public string? HostArch => XmlValue.TrimToNull(Host?.Element("cpu")?.Element("arch")?.Value);
    public string? HostCpuModel => XmlValue.TrimToNull(Host?.Element("cpu")?.Element("model")?.Value);
    public string? HostCpuVendor => XmlValue.TrimToNull(Host?.Element("cpu")?.Element("vendor")?.Value);

    /// <summary>Host NUMA cells: id, memory in KiB and CPU count.</summary>
    public IEnumerable<(int? Id, ulong? MemoryKiB, int Cpus)> NumaCells =>
        Host?.Element("topology")?.Element("cells")?.Elements("cell").Select(c => (
            XmlValue.ParseInt(c.Attr("id")),
            XmlValue.ParseULong(c.Element("memory")?.Value.Trim()),
            c.Element("cpus")?.Elements("cpu").Count() ?? 0)) ?? [];

    /// <summary>Security drivers (<c>secmodel/model</c>: selinux, apparmor, dac …).</summary>
    public IEnumerable<string> SecurityModels =>
        Host?.Elements("secmodel").Select(s => s.Element("model")?.Value.Trim() ?? "") ?? [];

    public IEnumerable<CapabilitiesGuest> Guests => ChildViews("guest", e => new CapabilitiesGuest(e));
}

/// <summary>A &lt;guest&gt; of the capabilities: an OS type on an architecture, and which domain types run it.</summary>
public sealed class CapabilitiesGuest(XElement element) : XmlView(element)
{
    public string? OsType => GetChildText("os_type");
    public string? Arch => GetChildAttr("arch", "name");
    public int? WordSize => XmlValue.ParseInt(XmlValue.TrimToNull(Element.Element("arch")?.Element("wordsize")?.Value));
    public string? Emulator => XmlValue.TrimToNull(Element.Element("arch")?.Element("emulator")?.Value);

    /// <summary>Machine types, canonical names first as listed (<c>arch/machine</c>).</summary>
    public IEnumerable<string> Machines => Element.Element("arch")?.Elements("machine").Select(m => m.Value.Trim()) ?? [];

    /// <summary>Domain types (<c>arch/domain/@type</c>: qemu, kvm, test …).</summary>
    public IEnumerable<string> DomainTypes => Element.Element("arch")?.Elements("domain").Select(d => d.Attr("type") ?? "") ?? [];
}
