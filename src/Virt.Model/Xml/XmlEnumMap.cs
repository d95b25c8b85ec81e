namespace Virt.Model.Xml;

/// <summary>The one enum ⇄ XML-string map of an enum, so both directions can never drift apart.</summary>
public sealed class XmlEnumMap<T> where T : struct, Enum
{
    private readonly Dictionary<T, string> _toXml;
    private readonly Dictionary<string, T> _fromXml;

    public XmlEnumMap(params (T Value, string Xml)[] pairs)
    {
        _toXml = pairs.ToDictionary(p => p.Value, p => p.Xml);
        _fromXml = pairs.ToDictionary(p => p.Xml, p => p.Value, StringComparer.Ordinal);
    }

    public IEnumerable<T> Values => _toXml.Keys;
    public IEnumerable<string> Names => _fromXml.Keys;
    public string ToXml(T value) => _toXml[value];
    public bool TryParse(string? xml, out T value) => _fromXml.TryGetValue(xml ?? "", out value);
}
