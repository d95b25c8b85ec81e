using System.Text;
using System.Xml.Linq;

namespace Virt.Model.Xml;

/// <summary>
/// Formats XML the way libvirt does: two-space indent, single-quoted attributes, <c>&lt;x/&gt;</c> for
/// empty elements, no declaration, a final newline, and libvirt's escapes (<c>&amp;apos;</c>,
/// <c>&amp;quot;</c> in text as well as in attributes). Elements holding text and elements side by side
/// (mixed content) are written inline so their text is not changed. An empty <c>&lt;devices&gt;</c> or
/// <c>&lt;redirdev&gt;</c> keeps libvirt's open/close pair, and the content of <c>&lt;metadata&gt;</c> is
/// written as libxml2 writes it (double quotes, no quote escapes in text), as libvirt copies it through.
/// </summary>
public static class LibvirtXmlWriter
{
    public static string Format(XElement root)
    {
        var sb = new StringBuilder(16 * 1024);
        WriteElement(sb, root, 0, indent: true, foreign: false);
        return sb.Append('\n').ToString();
    }

    private static bool KeepsOpenClose(XElement e) => e.Name.LocalName is "devices" or "redirdev" && e.Name.Namespace == XNamespace.None;

    private static void WriteElement(StringBuilder sb, XElement e, int depth, bool indent, bool foreign)
    {
        if (indent) sb.Append(' ', depth * 2);
        sb.Append('<');
        AppendName(sb, e, e.Name);
        for (var a = e.FirstAttribute; a is not null; a = a.NextAttribute)
        {
            sb.Append(' ');
            AppendAttributeName(sb, e, a);
            sb.Append(foreign ? "=\"" : "='");
            Escape(sb, a.Value, attribute: true, foreign);
            sb.Append(foreign ? '"' : '\'');
        }
        if (e.FirstNode is null)
        {
            if (KeepsOpenClose(e) && indent && !foreign)
            {
                sb.Append(">\n").Append(' ', depth * 2).Append("</");
                AppendName(sb, e, e.Name);
                sb.Append('>');
            }
            else if (e.IsEmpty) sb.Append("/>");
            else
            {
                sb.Append("></");
                AppendName(sb, e, e.Name);
                sb.Append('>');
            }
            return;
        }
        sb.Append('>');
        var childForeign = foreign || (e.Name.LocalName == "metadata" && e.Name.Namespace == XNamespace.None && e.Parent is not null);
        var anyText = false;
        var onlyText = true;
        for (var n = e.FirstNode; n is not null; n = n.NextNode)
        {
            if (n is XText) anyText = true; else onlyText = false;
        }
        var mixed = !indent || anyText;
        if (onlyText)
        {
            for (var n = e.FirstNode; n is not null; n = n.NextNode) Escape(sb, ((XText)n).Value, attribute: false, foreign);
        }
        else if (mixed)
        {
            for (var n = e.FirstNode; n is not null; n = n.NextNode) WriteNode(sb, n, depth + 1, indent: false, childForeign);
        }
        else
        {
            for (var n = e.FirstNode; n is not null; n = n.NextNode)
            {
                sb.Append('\n');
                WriteNode(sb, n, depth + 1, indent: true, childForeign);
            }
            sb.Append('\n').Append(' ', depth * 2);
        }
        sb.Append("</");
        AppendName(sb, e, e.Name);
        sb.Append('>');
    }

    private static void WriteNode(StringBuilder sb, XNode node, int depth, bool indent, bool foreign)
    {
        switch (node)
        {
            case XElement child:
                WriteElement(sb, child, depth, indent, foreign);
                break;
            case XComment comment:
                if (indent) sb.Append(' ', depth * 2);
                sb.Append("<!--").Append(comment.Value).Append("-->");
                break;
            case XText text:
                Escape(sb, text.Value, attribute: false, foreign);
                break;
        }
    }

    private static void AppendName(StringBuilder sb, XElement scope, XName name)
    {
        if (name.Namespace != XNamespace.None)
        {
            var prefix = scope.GetPrefixOfNamespace(name.Namespace);
            if (!string.IsNullOrEmpty(prefix)) sb.Append(prefix).Append(':');
        }
        sb.Append(name.LocalName);
    }

    private static void AppendAttributeName(StringBuilder sb, XElement scope, XAttribute a)
    {
        if (a.IsNamespaceDeclaration)
        {
            sb.Append(a.Name.Namespace == XNamespace.None ? "xmlns" : "xmlns:" + a.Name.LocalName);
            return;
        }
        if (a.Name.Namespace == XNamespace.Xml) sb.Append("xml:");
        else if (a.Name.Namespace != XNamespace.None)
        {
            var prefix = scope.GetPrefixOfNamespace(a.Name.Namespace);
            if (!string.IsNullOrEmpty(prefix)) sb.Append(prefix).Append(':');
        }
        sb.Append(a.Name.LocalName);
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("<>&'\"\r\n\t");

    private static void Escape(StringBuilder sb, string s, bool attribute, bool foreign)
    {
        if (s.AsSpan().IndexOfAny(Special) < 0)
        {
            sb.Append(s);
            return;
        }
        foreach (var c in s)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\'' when !foreign: sb.Append("&apos;"); break;
                case '"' when !foreign || attribute: sb.Append("&quot;"); break;
                case '\r': sb.Append("&#13;"); break;
                case '\n' when attribute: sb.Append("&#10;"); break;
                case '\t' when attribute: sb.Append("&#9;"); break;
                default: sb.Append(c); break;
            }
        }
    }
}
