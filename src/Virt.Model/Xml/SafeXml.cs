using System.Xml;
using System.Xml.Linq;

namespace Virt.Model.Xml;

/// <summary>
/// Parses untrusted XML: no DTDs, no external entities, bounded size and depth, and errors that give
/// the line and column a person has to fix. The tree is built straight from the reader (no line-info
/// annotations kept on the nodes, so a parsed document stays small); whitespace between elements,
/// processing instructions and the XML declaration are dropped; CDATA becomes plain text, and an
/// element written <c>&lt;a&gt;&lt;/a&gt;</c> becomes <c>&lt;a/&gt;</c> (the same thing).
/// </summary>
public static class SafeXml
{
    public const int MaxCharacters = 10 * 1024 * 1024;
    public const int MaxDepth = 64;

    private const string XmlnsUri = "http://www.w3.org/2000/xmlns/";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    public static XDocument Parse(string text, string documentName)
    {
        if (text.Length > MaxCharacters)
            throw new XmlSyntaxException(documentName, 1, 1, $"document is larger than {MaxCharacters} characters");
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        var position = (IXmlLineInfo)reader;
        try
        {
            var doc = new XDocument();
            XContainer parent = doc;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth >= MaxDepth)
                            throw new XmlSyntaxException(documentName, position.LineNumber, position.LinePosition, $"elements nested deeper than {MaxDepth} levels");
                        var element = new XElement(Name(reader.NamespaceURI, reader.LocalName));
                        var empty = reader.IsEmptyElement;
                        if (reader.MoveToFirstAttribute())
                        {
                            do
                            {
                                var name = reader.NamespaceURI == XmlnsUri && reader.LocalName == "xmlns"
                                    ? XNamespace.None.GetName("xmlns")
                                    : Name(reader.NamespaceURI, reader.LocalName);
                                element.Add(new XAttribute(name, reader.Value));
                            }
                            while (reader.MoveToNextAttribute());
                            reader.MoveToElement();
                        }
                        parent.Add(element);
                        if (!empty) parent = element;
                        break;
                    case XmlNodeType.EndElement:
                        parent = parent.Parent ?? (XContainer)doc;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        parent.Add(new XText(reader.Value));
                        break;
                    case XmlNodeType.Comment:
                        parent.Add(new XComment(reader.Value));
                        break;
                }
            }
            if (doc.Root is null) throw new XmlSyntaxException(documentName, 1, 1, "no root element");
            return doc;
        }
        catch (XmlException ex)
        {
            throw new XmlSyntaxException(documentName, ex.LineNumber, ex.LinePosition, StripPosition(ex.Message));
        }
    }

    private static XName Name(string ns, string local) =>
        ns.Length == 0 ? XNamespace.None.GetName(local) : XNamespace.Get(ns).GetName(local);

    // XmlException appends " Line N, position M." to its message; we report the position ourselves.
    private static string StripPosition(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
