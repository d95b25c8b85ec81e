using System.Xml;
using System.Xml.Linq;

namespace Virt.Model.Xml;

/// <summary>Small helpers for the typed views, which read and write straight into the XML tree.</summary>
internal static class XElementExtensions
{
    public static string? Attr(this XElement? e, string name) => e?.Attribute(name)?.Value;

    public static XElement GetOrAdd(this XElement parent, string name)
    {
        var child = parent.Element(name);
        if (child is null)
        {
            child = new XElement(name);
            parent.Add(child);
        }
        return child;
    }

    /// <summary>Sets or removes (when null) a child element's text, keeping its attributes.</summary>
    public static void SetChildText(this XElement parent, string name, string? value)
    {
        if (value is null)
        {
            parent.Element(name)?.Remove();
            return;
        }
        parent.GetOrAdd(name).Value = value;
    }

    /// <summary>The XPath-like location of an element (<c>/domain/devices/disk[2]/target</c>) for error messages.</summary>
    public static string PathOf(this XElement element)
    {
        var parts = new Stack<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var index = 0;
            var count = 0;
            if (e.Parent is not null)
            {
                foreach (var sibling in e.Parent.Elements(e.Name))
                {
                    count++;
                    if (sibling == e) index = count;
                }
            }
            parts.Push(count > 1 ? $"{e.Name.LocalName}[{index}]" : e.Name.LocalName);
        }
        return "/" + string.Join('/', parts);
    }

    public static int Line(this XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? ((IXmlLineInfo)e).LineNumber : 0;
}
