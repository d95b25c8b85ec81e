using System.Xml.Linq;
using Virt.Model.Domains;
using Virt.Model.Units;
using Virt.Model.Yaml;

namespace Virt.Model.Xml;

/// <summary>
/// Base of the typed views over whole libvirt documents other than domains (networks, pools,
/// volumes, snapshots, capabilities): the same lossless design as <see cref="DomainDefinition"/> —
/// the XML tree is the truth, the properties are windows onto it — with the same safe parser,
/// formatter and YAML form.
/// </summary>
public abstract class LibvirtDocument(XElement root) : XmlView(root)
{
    /// <summary>The document's root element.</summary>
    public XElement Root => Element;

    public string ToXml() => LibvirtXmlWriter.Format(Element);

    /// <summary>The YAML form (see <see cref="XmlYamlConverter"/>).</summary>
    public string ToYaml() => XmlYamlConverter.ToYaml(Element);

    protected static XElement LoadXml(string xml, string documentName, string rootName) =>
        CheckRoot(SafeXml.Parse(xml, documentName), rootName);

    protected static XElement LoadYaml(string yaml, string documentName, string rootName) =>
        CheckRoot(XmlYamlConverter.FromYaml(yaml, documentName), rootName);

    private static XElement CheckRoot(XDocument doc, string rootName)
    {
        var root = doc.Root!;
        if (root.Name.LocalName != rootName || root.Name.Namespace != XNamespace.None)
            throw new DomainValidationException("", $"unexpected root element <{root.Name.LocalName}>, expecting <{rootName}>");
        root.Remove();
        return root;
    }

    /// <summary>A required, non-empty &lt;name&gt;; names become file names, so no '/'.</summary>
    protected static void RequireName(XElement root)
    {
        var name = root.Element("name")?.Value;
        if (string.IsNullOrEmpty(name))
            throw new DomainValidationException("", "missing name information", ModelErrorKind.NoName);
        if (name.Contains('/'))
            throw new DomainValidationException($"/{root.Name.LocalName}/name", $"name '{name}' cannot contain '/'");
    }

    protected static void CheckUuid(XElement root)
    {
        var uuid = root.Element("uuid");
        if (uuid is not null && !Guid.TryParse(uuid.Value.Trim(), out _))
            throw new DomainValidationException($"/{root.Name.LocalName}/uuid", $"malformed uuid element '{uuid.Value}'");
    }

    protected static void CheckEnum(XElement? element, string attribute, IXmlEnumMap map)
    {
        var value = element?.Attribute(attribute)?.Value;
        if (value is not null && !map.IsName(value))
            throw new DomainValidationException($"{element!.PathOf()}/@{attribute}",
                $"unknown value '{value}' (expected one of: {string.Join(", ", map.Names)})");
    }

    /// <summary>A scaled size element (<c>&lt;capacity unit='bytes'&gt;N&lt;/capacity&gt;</c>) in bytes; no unit means bytes.</summary>
    protected ulong? Bytes(string child)
    {
        var e = Child(child);
        return e is not null && MemoryUnits.TryToBytes(e.Value, e.Attr("unit"), 1, out var b) ? b : null;
    }

    protected static void CheckBytes(XElement root, string child)
    {
        var e = root.Element(child);
        if (e is null) return;
        if (!MemoryUnits.IsKnownUnit(e.Attr("unit")))
            throw new DomainValidationException($"/{root.Name.LocalName}/{child}/@unit", $"unknown unit '{e.Attr("unit")}' (expected one of: {MemoryUnits.Accepted})");
        if (!MemoryUnits.TryToBytes(e.Value, e.Attr("unit"), 1, out _))
            throw new DomainValidationException($"/{root.Name.LocalName}/{child}", $"invalid size '{e.Value.Trim()}'");
    }
}
