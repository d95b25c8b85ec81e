using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using Virt.Api.Errors;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>
/// What virsh reads from a domain's XML on the client side (<c>domblklist</c>, <c>domiflist</c>,
/// <c>undefine --storage</c>, <c>dumpxml --xpath</c>), and libxml2's way of printing nodes.
/// </summary>
internal static class DomainXml
{
    public sealed record Disk(string? Type, string? Device, string Target, string? Source, bool HasSource);

    public sealed record Interface(string? Target, string? Type, string? Source, string? Model, string? Mac);

    public static XDocument Parse(string xml)
    {
        try
        {
            return XDocument.Parse(xml);
        }
        catch (XmlException ex)
        {
            throw new CommandFailure(null, VirtErrors.XmlDetail(ex.Message));
        }
    }

    /// <summary>virsh's <c>./devices/disk</c> walk; a disk without a target is virsh's "unable to query block list".</summary>
    public static IReadOnlyList<Disk> Disks(string xml) =>
        Parse(xml).Root?.Element("devices")?.Elements("disk").Select(d =>
        {
            var target = NonEmpty(d.Element("target")?.Attribute("dev")?.Value)
                         ?? throw new CommandFailure("unable to query block list");
            var source = d.Element("source");
            return new Disk(NonEmpty(d.Attribute("type")?.Value), NonEmpty(d.Attribute("device")?.Value), target,
                First(source, "file", "dev", "dir", "name", "volume"), source is not null);
        }).ToList() ?? [];

    public static IReadOnlyList<Interface> Interfaces(string xml) =>
        Parse(xml).Root?.Element("devices")?.Elements("interface").Select(i => new Interface(
            NonEmpty(i.Element("target")?.Attribute("dev")?.Value),
            NonEmpty(i.Attribute("type")?.Value),
            First(i.Element("source"), "bridge", "dev", "network", "name", "path"),
            NonEmpty(i.Element("model")?.Attribute("type")?.Value),
            NonEmpty(i.Element("mac")?.Attribute("address")?.Value))).ToList() ?? [];

    /// <summary>XPath's <c>string(./source/@a|./source/@b…)</c>: the first of those attributes in document order.</summary>
    private static string? First(XElement? element, params string[] names) =>
        NonEmpty(element?.Attributes().FirstOrDefault(a => names.Contains(a.Name.LocalName))?.Value);

    /// <summary>libvirt's <c>virXPathString</c> answers NULL for an empty string.</summary>
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// virsh's <c>virshDumpXML</c> with <c>--xpath</c>: each node the expression selects, printed the
    /// way libxml2 prints it, or all of them inside <c>&lt;nodes&gt;</c> with <c>--wrap</c>.
    /// </summary>
    public static string Select(string xml, string xpath, bool wrap, CommandContext ctx)
    {
        var doc = XDocument.Parse(xml);
        object result;
        try
        {
            result = doc.XPathEvaluate(xpath);
        }
        catch (XPathException)
        {
            // libxml2 reports a bad expression on stderr itself and virsh carries on with no nodes.
            ctx.Out.Flush();
            ctx.Error.Write($"XPath error : Invalid expression\n{xpath}\n^\n");
            return wrap ? "<nodes/>\n" : "";
        }
        if (result is not IEnumerable<object> selected)
            throw new CommandFailure(null, VirtErrors.Internal($"Incorrect xpath '{xpath}'", ErrorDomain.Xml));
        var nodes = selected.ToList();
        var sb = new StringBuilder();
        if (wrap)
        {
            var root = new XElement("nodes");
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case XAttribute a: root.SetAttributeValue(a.Name, a.Value); break;
                    case XElement e: root.Add(new XElement(e)); break;
                    case XText t: root.Add(new XText(t.Value)); break;
                    case XComment c: root.Add(new XComment(c.Value)); break;
                }
            }
            Format(root, 0, sb);
            sb.Append('\n');
            return sb.ToString();
        }
        foreach (var node in nodes)
        {
            switch (node)
            {
                case XAttribute a: sb.Append(' ').Append(a.Name.LocalName).Append("=\"").Append(EscapeAttr(a.Value)).Append('"'); break;
                case XText t: sb.Append(EscapeText(t.Value)); break;
                case XNode n: Format(n, 0, sb); break;
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>libxml2's formatted node dump: two-space indentation unless an element holds text, <c>&lt;x/&gt;</c> when empty.</summary>
    private static void Format(XNode node, int indent, StringBuilder sb)
    {
        switch (node)
        {
            case XText text:
                sb.Append(EscapeText(text.Value));
                return;
            case XComment comment:
                sb.Append("<!--").Append(comment.Value).Append("-->");
                return;
            case XElement element:
                var name = QualifiedName(element);
                sb.Append('<').Append(name);
                foreach (var attr in element.Attributes())
                {
                    var attrName = attr.IsNamespaceDeclaration
                        ? attr.Name.Namespace == XNamespace.None ? "xmlns" : "xmlns:" + attr.Name.LocalName
                        : attr.Name.Namespace == XNamespace.None ? attr.Name.LocalName
                        : (element.GetPrefixOfNamespace(attr.Name.Namespace) ?? "") + ":" + attr.Name.LocalName;
                    sb.Append(' ').Append(attrName).Append("=\"").Append(EscapeAttr(attr.Value)).Append('"');
                }
                var children = element.Nodes().Where(n => n is not XText t || !string.IsNullOrWhiteSpace(t.Value) || element.Nodes().Count() == 1).ToList();
                if (children.Count == 0)
                {
                    sb.Append("/>");
                    return;
                }
                sb.Append('>');
                if (children.Any(c => c is XText))
                {
                    foreach (var child in element.Nodes()) Format(child, 0, sb);
                }
                else
                {
                    foreach (var child in children)
                    {
                        sb.Append('\n').Append(' ', indent + 2);
                        Format(child, indent + 2, sb);
                    }
                    sb.Append('\n').Append(' ', indent);
                }
                sb.Append("</").Append(name).Append('>');
                return;
        }
    }

    private static string QualifiedName(XElement e)
    {
        if (e.Name.Namespace == XNamespace.None) return e.Name.LocalName;
        var prefix = e.GetPrefixOfNamespace(e.Name.Namespace);
        return string.IsNullOrEmpty(prefix) ? e.Name.LocalName : prefix + ":" + e.Name.LocalName;
    }

    private static string EscapeText(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string EscapeAttr(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("\n", "&#10;");
}
