using System.Globalization;
using System.Xml.Linq;
using Virt.Model.Units;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>
/// A libvirt domain document as a typed view over its XML tree. The tree is the single source of
/// truth, so whatever a user wrote that this class has no property for — unknown elements and
/// attributes, metadata, comments — stays where it was and is written back unchanged.
/// </summary>
public sealed class DomainDefinition
{
    public const string DocumentName = "domain_definition";

    private DomainDefinition(XElement root) => Root = root;

    /// <summary>The underlying &lt;domain&gt; element; edits through it are visible to every property.</summary>
    public XElement Root { get; }

    /// <summary>Parses and validates a document; throws <see cref="ModelException"/> with a clear message.</summary>
    public static DomainDefinition Parse(string xml)
    {
        var def = ParseUnvalidated(xml);
        DomainValidator.Validate(def);
        return def;
    }

    /// <summary>Parses only for well-formedness and the root element; used for documents we wrote ourselves.</summary>
    public static DomainDefinition ParseUnvalidated(string xml)
    {
        var doc = SafeXml.Parse(xml, DocumentName);
        var root = doc.Root!;
        if (root.Name.LocalName != "domain" || root.Name.Namespace != XNamespace.None)
            throw new DomainValidationException("", $"unexpected root element <{root.Name.LocalName}>, expecting <domain>");
        root.Remove();
        return new DomainDefinition(root);
    }

    public string ToXml() => LibvirtXmlWriter.Format(Root);

    public DomainDefinition Clone() => new(new XElement(Root));

    public string Type
    {
        get => Root.Attr("type") ?? "";
        set => Root.SetAttributeValue("type", value);
    }

    /// <summary>The <c>id</c> attribute that live XML of a running domain carries.</summary>
    public int? Id
    {
        get => int.TryParse(Root.Attr("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
        set
        {
            Root.SetAttributeValue("id", value?.ToString(CultureInfo.InvariantCulture));
            // libvirt writes id right after type; keep that order so our output reads like theirs.
            if (value is not null) MoveAttributeAfter("id", "type");
        }
    }

    public string Name
    {
        get => Root.Element("name")?.Value ?? "";
        set => Root.SetChildText("name", value);
    }

    public Guid? Uuid
    {
        get => Guid.TryParse(Root.Element("uuid")?.Value?.Trim(), out var g) ? g : null;
        set
        {
            if (value is null) { Root.Element("uuid")?.Remove(); return; }
            var existing = Root.Element("uuid");
            if (existing is not null) { existing.Value = value.Value.ToString("D"); return; }
            var uuid = new XElement("uuid", value.Value.ToString("D"));
            var name = Root.Element("name");
            if (name is not null) name.AddAfterSelf(uuid); else Root.AddFirst(uuid);
        }
    }

    public string? Title
    {
        get => Root.Element("title")?.Value;
        set => Root.SetChildText("title", value);
    }

    public string? Description
    {
        get => Root.Element("description")?.Value;
        set => Root.SetChildText("description", value);
    }

    /// <summary>&lt;memory&gt; in KiB (0 when missing or unreadable; the validator reports those).</summary>
    public ulong MemoryKiB
    {
        get => ReadMemory("memory");
        set => WriteMemory("memory", value);
    }

    /// <summary>&lt;currentMemory&gt; in KiB; falls back to <see cref="MemoryKiB"/> as libvirt does.</summary>
    public ulong CurrentMemoryKiB
    {
        get => Root.Element("currentMemory") is null ? MemoryKiB : ReadMemory("currentMemory");
        set => WriteMemory("currentMemory", value);
    }

    /// <summary>Maximum vCPUs (the text of &lt;vcpu&gt;); 1 when absent, like libvirt.</summary>
    public int Vcpus
    {
        get => int.TryParse(Root.Element("vcpu")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        set => Root.SetChildText("vcpu", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>vCPUs online at boot (<c>vcpu/@current</c>), defaulting to <see cref="Vcpus"/>.</summary>
    public int CurrentVcpus =>
        int.TryParse(Root.Element("vcpu").Attr("current"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Vcpus;

    public DomainOs Os => new(Root.GetOrAdd("os"));

    public string OsType => Root.Element("os")?.Element("type")?.Value.Trim() ?? "hvm";

    /// <summary>True when &lt;features&gt; has &lt;acpi/&gt; (without it QEMU gets no ACPI, so no power button).</summary>
    public bool Acpi => Root.Element("features")?.Element("acpi") is not null;

    public LifecycleAction OnPoweroff => ReadAction("on_poweroff", LifecycleAction.Destroy);
    public LifecycleAction OnReboot => ReadAction("on_reboot", LifecycleAction.Restart);
    public LifecycleAction OnCrash => ReadAction("on_crash", LifecycleAction.Destroy);

    public XElement Devices => Root.GetOrAdd("devices");

    public string? Emulator
    {
        get => Root.Element("devices")?.Element("emulator")?.Value.Trim();
        set
        {
            if (value is null) { Root.Element("devices")?.Element("emulator")?.Remove(); return; }
            var existing = Devices.Element("emulator");
            if (existing is not null) existing.Value = value; else Devices.AddFirst(new XElement("emulator", value));
        }
    }

    public IEnumerable<DomainDisk> Disks => DeviceElements("disk").Select(e => new DomainDisk(e));
    public IEnumerable<DomainCharDevice> Serials => DeviceElements("serial").Select(e => new DomainCharDevice(e));
    public IEnumerable<DomainCharDevice> Consoles => DeviceElements("console").Select(e => new DomainCharDevice(e));

    private IEnumerable<XElement> DeviceElements(string name) =>
        Root.Element("devices")?.Elements(name) ?? [];

    private LifecycleAction ReadAction(string element, LifecycleAction fallback) =>
        LifecycleActions.Map.TryParse(Root.Element(element)?.Value.Trim(), out var a) ? a : fallback;

    private ulong ReadMemory(string element)
    {
        var e = Root.Element(element);
        return e is not null && MemoryUnits.TryToKiB(e.Value, e.Attr("unit"), out var kib) ? kib : 0;
    }

    private void WriteMemory(string element, ulong kib)
    {
        var e = Root.Element(element);
        if (e is null)
        {
            e = new XElement(element);
            // Keep libvirt's order: memory, currentMemory, vcpu after name/uuid/metadata.
            var anchor = element == "currentMemory" ? Root.Element("memory") : null;
            anchor ??= Root.Element("uuid") ?? Root.Element("name");
            if (anchor is not null) anchor.AddAfterSelf(e); else Root.Add(e);
        }
        e.SetAttributeValue("unit", "KiB");
        e.Value = kib.ToString(CultureInfo.InvariantCulture);
    }

    private void MoveAttributeAfter(string name, string after)
    {
        var attrs = Root.Attributes().ToList();
        var moving = attrs.FirstOrDefault(a => a.Name == name);
        var anchor = attrs.FindIndex(a => a.Name == after);
        if (moving is null || anchor < 0) return;
        attrs.Remove(moving);
        attrs.Insert(Math.Min(anchor + 1, attrs.Count), moving);
        Root.ReplaceAttributes(attrs.Select(a => new XAttribute(a)));
    }
}
