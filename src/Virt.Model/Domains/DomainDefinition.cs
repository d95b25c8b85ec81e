using System.Globalization;
using System.Xml.Linq;
using Virt.Model.Units;
using Virt.Model.Xml;
using Virt.Model.Yaml;

namespace Virt.Model.Domains;

/// <summary>
/// A libvirt domain document as a typed view over its XML tree. The tree is the single source of
/// truth, so whatever a user wrote that this class has no property for — unknown elements and
/// attributes, metadata, comments — stays where it was and is written back unchanged.
/// </summary>
public sealed partial class DomainDefinition
{
    public const string DocumentName = "domain_definition";

    /// <summary>Top-level elements in the order libvirt's formatter writes them; new ones are inserted accordingly.</summary>
    public static readonly IReadOnlyList<string> FormatOrder =
    [
        "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory", "currentMemory", "blkiotune",
        "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads", "iothreadids", "defaultiothread", "cputune", "numatune",
        "resource", "sysinfo", "bootloader", "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff",
        "on_reboot", "on_crash", "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity",
    ];

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
    public static DomainDefinition ParseUnvalidated(string xml) => new(LoadRoot(SafeXml.Parse(xml, DocumentName)));

    /// <summary>Parses and validates the YAML form (see <see cref="XmlYamlConverter"/>).</summary>
    public static DomainDefinition ParseYaml(string yaml)
    {
        var def = new DomainDefinition(LoadRoot(XmlYamlConverter.FromYaml(yaml, DocumentName)));
        DomainValidator.Validate(def);
        return def;
    }

    private static XElement LoadRoot(XDocument doc)
    {
        var root = doc.Root!;
        if (root.Name.LocalName != "domain" || root.Name.Namespace != XNamespace.None)
            throw new DomainValidationException("", $"unexpected root element <{root.Name.LocalName}>, expecting <domain>");
        root.Remove();
        return root;
    }

    /// <summary>
    /// A view over a &lt;domain&gt; element that lives inside another document (a snapshot's saved
    /// domain); edits go straight into that document's tree. Not validated.
    /// </summary>
    public static DomainDefinition ViewOf(XElement domain) =>
        domain.Name == "domain" ? new DomainDefinition(domain) : throw new ArgumentException("not a <domain> element", nameof(domain));

    public string ToXml() => LibvirtXmlWriter.Format(Root);

    /// <summary>The YAML form of the same tree; <see cref="ParseYaml"/> reads it back to an equal document.</summary>
    public string ToYaml() => XmlYamlConverter.ToYaml(Root);

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
        set => SetTopText("name", value);
    }

    public Guid? Uuid
    {
        get => Guid.TryParse(Root.Element("uuid")?.Value?.Trim(), out var g) ? g : null;
        set => SetTopText("uuid", value?.ToString("D"));
    }

    public string? Title
    {
        get => Root.Element("title")?.Value;
        set => SetTopText("title", value);
    }

    public string? Description
    {
        get => Root.Element("description")?.Value;
        set => SetTopText("description", value);
    }

    /// <summary>&lt;metadata&gt;: application-owned XML in its own namespaces, kept verbatim.</summary>
    public XElement? Metadata => Root.Element("metadata");

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

    /// <summary>&lt;maxMemory&gt; (memory hotplug ceiling and slots), or null.</summary>
    public DomainMaxMemory? MaxMemory => TopView("maxMemory", e => new DomainMaxMemory(e));

    /// <summary>&lt;memoryBacking&gt;, or null.</summary>
    public DomainMemoryBacking? MemoryBacking => TopView("memoryBacking", e => new DomainMemoryBacking(e));
    public DomainMemoryBacking GetOrAddMemoryBacking() => new(Top("memoryBacking"));

    /// <summary>Maximum vCPUs (the text of &lt;vcpu&gt;); 1 when absent, like libvirt.</summary>
    public int Vcpus
    {
        get => int.TryParse(Root.Element("vcpu")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        set => SetTopText("vcpu", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>vCPUs online at boot (<c>vcpu/@current</c>), defaulting to <see cref="Vcpus"/>.</summary>
    public int CurrentVcpus =>
        int.TryParse(Root.Element("vcpu").Attr("current"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Vcpus;

    /// <summary>The &lt;vcpu&gt; element (placement, cpuset, current), or null.</summary>
    public DomainVcpu? Vcpu => TopView("vcpu", e => new DomainVcpu(e));
    public DomainVcpu GetOrAddVcpu() => new(Top("vcpu"));

    /// <summary>Number of I/O threads (&lt;iothreads&gt;), or null.</summary>
    public uint? IoThreads
    {
        get => XmlValue.ParseUInt(Root.Element("iothreads")?.Value.Trim());
        set => SetTopText("iothreads", XmlValue.Format(value));
    }

    public IEnumerable<uint?> IoThreadIds =>
        Root.Element("iothreadids")?.Elements("iothread").Select(e => XmlValue.ParseUInt(e.Attr("id"))) ?? [];

    public DomainCpuTune? CpuTune => TopView("cputune", e => new DomainCpuTune(e));
    public DomainCpuTune GetOrAddCpuTune() => new(Top("cputune"));

    public DomainNumaTune? NumaTune => TopView("numatune", e => new DomainNumaTune(e));
    public DomainResource? Resource => TopView("resource", e => new DomainResource(e));
    public IEnumerable<DomainSysinfo> Sysinfo => Root.Elements("sysinfo").Select(e => new DomainSysinfo(e));

    public DomainOs Os => new(Top("os"));

    public string OsType => Root.Element("os")?.Element("type")?.Value.Trim() ?? "hvm";

    /// <summary>&lt;features&gt;, or null.</summary>
    public DomainFeatures? Features => TopView("features", e => new DomainFeatures(e));
    public DomainFeatures GetOrAddFeatures() => new(Top("features"));

    /// <summary>True when &lt;features&gt; has &lt;acpi/&gt; (without it QEMU gets no ACPI, so no power button).</summary>
    public bool Acpi => Root.Element("features")?.Element("acpi") is not null;

    public DomainCpu? Cpu => TopView("cpu", e => new DomainCpu(e));
    public DomainCpu GetOrAddCpu() => new(Top("cpu"));

    public DomainClock? Clock => TopView("clock", e => new DomainClock(e));
    public DomainClock GetOrAddClock() => new(Top("clock"));

    public LifecycleAction OnPoweroff
    {
        get => ReadAction("on_poweroff", LifecycleAction.Destroy);
        set => SetTopText("on_poweroff", LifecycleActions.Map.ToXml(value));
    }

    public LifecycleAction OnReboot
    {
        get => ReadAction("on_reboot", LifecycleAction.Restart);
        set => SetTopText("on_reboot", LifecycleActions.Map.ToXml(value));
    }

    public LifecycleAction OnCrash
    {
        get => ReadAction("on_crash", LifecycleAction.Destroy);
        set => SetTopText("on_crash", LifecycleActions.Map.ToXml(value));
    }

    /// <summary>&lt;on_lockfailure&gt;, or null when absent (libvirt's default then depends on the lock manager).</summary>
    public LockFailureAction? OnLockFailure
    {
        get => LockFailureActions.Map.Parse(Root.Element("on_lockfailure")?.Value.Trim());
        set => SetTopText("on_lockfailure", value is null ? null : LockFailureActions.Map.ToXml(value.Value));
    }

    public DomainPm? Pm => TopView("pm", e => new DomainPm(e));
    public IEnumerable<DomainSecLabel> SecLabels => Root.Elements("seclabel").Select(e => new DomainSecLabel(e));

    // ---- helpers ----------------------------------------------------------------------------

    /// <summary>The top-level element <paramref name="name"/>, created at its place in <see cref="FormatOrder"/>.</summary>
    internal XElement Top(string name) => Root.Element(name) ?? XmlOrder.Insert(Root, new XElement(name), FormatOrder);

    private T? TopView<T>(string name, Func<XElement, T> view) where T : class => Root.Element(name) is { } e ? view(e) : null;

    private void SetTopText(string name, string? value)
    {
        if (value is null) Root.Element(name)?.Remove();
        else Top(name).Value = value;
    }

    private LifecycleAction ReadAction(string element, LifecycleAction fallback) =>
        LifecycleActions.Map.TryParse(Root.Element(element)?.Value.Trim(), out var a) ? a : fallback;

    private ulong ReadMemory(string element)
    {
        var e = Root.Element(element);
        return e is not null && MemoryUnits.TryToKiB(e.Value, e.Attr("unit"), out var kib) ? kib : 0;
    }

    private void WriteMemory(string element, ulong kib)
    {
        var e = Top(element);
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
