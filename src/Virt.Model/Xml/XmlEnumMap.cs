namespace Virt.Model.Xml;

/// <summary>What every <see cref="XmlEnumMap{T}"/> tells without its type argument (error texts, tests).</summary>
public interface IXmlEnumMap
{
    Type EnumType { get; }

    /// <summary>The XML spellings, in declaration order.</summary>
    IReadOnlyList<string> Names { get; }

    bool IsName(string? xml);
}

/// <summary>The one enum ⇄ XML-string map of an enum, so both directions can never drift apart.</summary>
public sealed class XmlEnumMap<T> : IXmlEnumMap where T : struct, Enum
{
    private readonly Dictionary<T, string> _toXml;
    private readonly Dictionary<string, T> _fromXml;
    private readonly string[] _names;

    public XmlEnumMap(params (T Value, string Xml)[] pairs)
    {
        _toXml = pairs.ToDictionary(p => p.Value, p => p.Xml);
        _fromXml = pairs.ToDictionary(p => p.Xml, p => p.Value, StringComparer.Ordinal);
        _names = pairs.Select(p => p.Xml).ToArray();
    }

    public Type EnumType => typeof(T);
    public IEnumerable<T> Values => _toXml.Keys;
    IReadOnlyList<string> IXmlEnumMap.Names => _names;
    public IEnumerable<string> Names => _names;
    public string ToXml(T value) => _toXml[value];
    public bool TryParse(string? xml, out T value) => _fromXml.TryGetValue(xml ?? "", out value);
    public bool IsName(string? xml) => xml is not null && _fromXml.ContainsKey(xml);

    /// <summary>The enum value for <paramref name="xml"/>, or null when absent or not one of <see cref="Names"/>.</summary>
    public T? Parse(string? xml) => xml is not null && _fromXml.TryGetValue(xml, out var v) ? v : null;
}
