using System.Xml.Linq;

namespace Virt.Model.Domains;

/// <summary>The &lt;os&gt; element: guest type, machine and direct kernel boot.</summary>
public sealed class DomainOs(XElement element)
{
    public XElement Element { get; } = element;

    public string Type => Element.Element("type")?.Value.Trim() ?? "hvm";

    public string? Arch
    {
        get => Element.Element("type").Attr("arch");
        set => Element.GetOrAdd("type").SetAttributeValue("arch", value);
    }

    public string? Machine
    {
        get => Element.Element("type").Attr("machine");
        set => Element.GetOrAdd("type").SetAttributeValue("machine", value);
    }

    public string? Kernel => Text("kernel");
    public string? Initrd => Text("initrd");
    public string? Cmdline => Element.Element("cmdline")?.Value;
    public string? Dtb => Text("dtb");

    private string? Text(string name)
    {
        var v = Element.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }
}
