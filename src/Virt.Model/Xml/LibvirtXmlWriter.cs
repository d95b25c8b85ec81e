using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Virt.Model.Xml;

/// <summary>Formats XML the way libvirt does: two-space indent, single-quoted attributes, no declaration.</summary>
public static class LibvirtXmlWriter
{
    public static string Format(XElement root)
    {
        var sb = new StringBuilder();
        using (var sw = new StringWriter(sb))
        using (var xw = new XmlTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2, QuoteChar = '\'' })
        {
            root.WriteTo(xw);
        }
        return sb.Append('\n').ToString();
    }
}
