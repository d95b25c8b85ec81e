using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Capabilities;

/// <summary>The &lt;domainCapabilities&gt; document (<c>virsh domcapabilities</c>) as a typed view.</summary>
public sealed class DomainCapabilities : LibvirtDocument
{
    public const string DocumentName = "domain_capabilities";

    private DomainCapabilities(XElement root) : base(root) { }

    public static DomainCapabilities Parse(string xml) => new(LoadXml(xml, DocumentName, "domainCapabilities"));
    public static DomainCapabilities ParseYaml(string yaml) => new(LoadYaml(yaml, DocumentName, "domainCapabilities"));

    public string? EmulatorPath => GetChildText("path");
    public string? DomainType => GetChildText("domain");
    public string? Machine => GetChildText("machine");
    public string? Arch => GetChildText("arch");
    public int? MaxVcpus => XmlValue.ParseInt(GetChildAttr("vcpu", "max"));

    /// <summary>Firmware images offered for &lt;loader&gt; (<c>os/loader/value</c>).</summary>
    public IEnumerable<string> LoaderPaths => Element.Element("os")?.Element("loader")?.Elements("value").Select(v => v.Value.Trim()) ?? [];

    /// <summary>Whether a CPU mode (host-passthrough, host-model, custom, maximum) is supported.</summary>
    public bool? CpuModeSupported(string mode) =>
        XmlValue.ParseYesNo(Element.Element("cpu")?.Elements("mode").FirstOrDefault(m => m.Attr("name") == mode)?.Attr("supported"));

    /// <summary>Custom CPU models and whether each is usable on this host.</summary>
    public IEnumerable<(string Model, string? Usable)> CustomCpuModels =>
        Element.Element("cpu")?.Elements("mode").FirstOrDefault(m => m.Attr("name") == "custom")?.Elements("model")
            .Select(m => (m.Value.Trim(), m.Attr("usable"))) ?? [];

    /// <summary>
    /// The values of an <c>&lt;enum name=…&gt;</c> under a path of elements, such as
    /// <c>Values("devices/disk", "bus")</c> or <c>Values("os", "firmware")</c>; empty when absent.
    /// </summary>
    public IReadOnlyList<string> Values(string path, string enumName)
    {
        var e = Element;
        foreach (var part in path.Split('/')) e = e?.Element(part)!;
        return e?.Elements("enum").FirstOrDefault(x => x.Attr("name") == enumName)?.Elements("value").Select(v => v.Value.Trim()).ToList() ?? [];
    }

    /// <summary>Whether a device kind or feature says supported='yes' (<c>devices/disk</c>, <c>features/sev</c> …).</summary>
    public bool? Supported(string path)
    {
        var e = Element;
        foreach (var part in path.Split('/')) e = e?.Element(part)!;
        return XmlValue.ParseYesNo(e?.Attr("supported"));
    }
}
