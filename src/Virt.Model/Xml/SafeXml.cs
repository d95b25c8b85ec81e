using System.Xml;
using System.Xml.Linq;

namespace Virt.Model.Xml;

/// <summary>
/// Parses untrusted XML: no DTDs, no external entities, bounded size and depth, line info kept so
/// that errors can point at the place a person has to fix.
/// </summary>
public static class SafeXml
{
    public const int MaxCharacters = 10 * 1024 * 1024;
    public const int MaxDepth = 64;

    public static XDocument Parse(string text, string documentName)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
            CheckDepth(doc.Root!, 1, documentName);
            return doc;
        }
        catch (XmlException ex)
        {
            throw new XmlSyntaxException(documentName, ex.LineNumber, ex.LinePosition, StripPosition(ex.Message));
        }
    }

    private static void CheckDepth(XElement element, int depth, string documentName)
    {
        if (depth > MaxDepth)
        {
            var info = (IXmlLineInfo)element;
            throw new XmlSyntaxException(documentName, info.LineNumber, info.LinePosition,
                $"elements nested deeper than {MaxDepth} levels");
        }
        foreach (var child in element.Elements()) CheckDepth(child, depth + 1, documentName);
    }

    // XmlException appends " Line N, position M." to its message; we report the position ourselves.
    private static string StripPosition(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
