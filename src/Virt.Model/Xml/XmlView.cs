using System.Globalization;
using System.Xml.Linq;

namespace Virt.Model.Xml;

/// <summary>
/// Base of every typed view: a thin window onto one element of the XML tree. Getters read the tree
/// and setters write it, so the tree stays the single source of truth and anything a view has no
/// property for survives untouched. Getters return null for an absent value and for one they cannot
/// read; the validators report the latter.
/// </summary>
public abstract class XmlView
{
    protected XmlView(XElement element) => Element = element;

    /// <summary>The element this view reads and writes.</summary>
    public XElement Element { get; }

    /// <summary>Child element names in the order libvirt writes them; new children are inserted in that order.</summary>
    protected virtual IReadOnlyList<string> ChildOrder => [];

    public override string ToString() => Element.ToString(SaveOptions.DisableFormatting);

    // ---- attributes of this element ----------------------------------------------------------

    protected string? GetAttr(string name) => Element.Attribute(name)?.Value;
    protected void SetAttr(string name, string? value) => Element.SetAttributeValue(name, value);

    protected int? GetInt(string name) => XmlValue.ParseInt(GetAttr(name));
    protected void SetInt(string name, long? value) => SetAttr(name, XmlValue.Format(value));
    protected uint? GetUInt(string name) => XmlValue.ParseUInt(GetAttr(name));
    protected ulong? GetULong(string name) => XmlValue.ParseULong(GetAttr(name));
    protected void SetULong(string name, ulong? value) => SetAttr(name, XmlValue.Format(value));

    protected bool? GetYesNo(string name) => XmlValue.ParseYesNo(GetAttr(name));
    protected void SetYesNo(string name, bool? value) => SetAttr(name, value is null ? null : value.Value ? "yes" : "no");
    protected bool? GetOnOff(string name) => XmlValue.ParseOnOff(GetAttr(name));
    protected void SetOnOff(string name, bool? value) => SetAttr(name, value is null ? null : value.Value ? "on" : "off");

    protected T? GetEnum<T>(XmlEnumMap<T> map, string name) where T : struct, Enum => map.Parse(GetAttr(name));
    protected void SetEnum<T>(XmlEnumMap<T> map, string name, T? value) where T : struct, Enum =>
        SetAttr(name, value is null ? null : map.ToXml(value.Value));

    /// <summary>The element's own text, trimmed; null when empty.</summary>
    protected string? GetText() => XmlValue.TrimToNull(Element.Value);

    // ---- child elements -----------------------------------------------------------------------

    protected XElement? Child(string name) => Element.Element(name);

    /// <summary>The named child, created at its place in <see cref="ChildOrder"/> when missing.</summary>
    protected XElement ChildOrAdd(string name) => Element.Element(name) ?? XmlOrder.Insert(Element, new XElement(name), ChildOrder);

    /// <summary>Adds a new child after its last same-named sibling (or at its place in <see cref="ChildOrder"/>).</summary>
    protected XElement AddChild(XElement child) => XmlOrder.Insert(Element, child, ChildOrder);

    protected bool HasChild(string name) => Element.Element(name) is not null;

    /// <summary>Adds or removes an empty marker child such as <c>&lt;readonly/&gt;</c>.</summary>
    protected void SetFlag(string name, bool on)
    {
        if (!on) Element.Element(name)?.Remove();
        else if (!HasChild(name)) ChildOrAdd(name);
    }

    protected string? GetChildText(string name) => XmlValue.TrimToNull(Element.Element(name)?.Value);

    protected void SetChildText(string name, string? value)
    {
        if (value is null) Element.Element(name)?.Remove();
        else ChildOrAdd(name).Value = value;
    }

    protected string? GetChildAttr(string child, string name) => Element.Element(child)?.Attribute(name)?.Value;

    /// <summary>Sets an attribute of a child, creating the child; removing the last attribute of an empty child removes it.</summary>
    protected void SetChildAttr(string child, string name, string? value)
    {
        var e = Element.Element(child);
        if (value is null)
        {
            if (e is null) return;
            e.SetAttributeValue(name, null);
            if (!e.HasAttributes && e.IsEmpty) e.Remove();
            return;
        }
        (e ?? ChildOrAdd(child)).SetAttributeValue(name, value);
    }

    protected T? ChildView<T>(string name, Func<XElement, T> view) where T : class =>
        Element.Element(name) is { } e ? view(e) : null;

    protected T ChildViewOrAdd<T>(string name, Func<XElement, T> view) => view(ChildOrAdd(name));

    protected IEnumerable<T> ChildViews<T>(string name, Func<XElement, T> view) => Element.Elements(name).Select(view);

    protected T AddChildView<T>(string name, Func<XElement, T> view) => view(AddChild(new XElement(name)));
}

/// <summary>Inserting children at the place libvirt's formatter would put them.</summary>
public static class XmlOrder
{
    /// <summary>
    /// Inserts <paramref name="child"/> after the last sibling of the same name; failing that, before the
    /// first sibling that comes later in <paramref name="order"/>; failing that, at the end.
    /// </summary>
    public static XElement Insert(XElement parent, XElement child, IReadOnlyList<string> order)
    {
        var name = child.Name.LocalName;
        var lastSame = parent.Elements(child.Name).LastOrDefault();
        if (lastSame is not null)
        {
            lastSame.AddAfterSelf(child);
            return child;
        }
        var rank = IndexOf(order, name);
        if (rank >= 0)
        {
            foreach (var sibling in parent.Elements())
            {
                var r = IndexOf(order, sibling.Name.LocalName);
                if (r > rank)
                {
                    sibling.AddBeforeSelf(child);
                    return child;
                }
            }
        }
        parent.Add(child);
        return child;
    }

    private static int IndexOf(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++)
            if (string.Equals(order[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}

/// <summary>Reading and writing the scalar spellings libvirt uses (decimal numbers, yes/no, on/off).</summary>
public static class XmlValue
{
    public static string? TrimToNull(string? s)
    {
        var t = s?.Trim();
        return string.IsNullOrEmpty(t) ? null : t;
    }

    public static int? ParseInt(string? s) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static uint? ParseUInt(string? s) =>
        uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static ulong? ParseULong(string? s) =>
        ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A number libvirt reads with base 0 (<c>virStrToLong_*(…, 0, …)</c>): decimal, or hex with 0x.</summary>
    public static ulong? ParseULongAnyBase(string? s)
    {
        if (s is null) return null;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null;
        return ParseULong(s);
    }

    public static bool? ParseYesNo(string? s) => s switch { "yes" => true, "no" => false, _ => null };
    public static bool? ParseOnOff(string? s) => s switch { "on" => true, "off" => false, _ => null };

    public static string? Format(long? v) => v?.ToString(CultureInfo.InvariantCulture);
    public static string? Format(ulong? v) => v?.ToString(CultureInfo.InvariantCulture);
}
