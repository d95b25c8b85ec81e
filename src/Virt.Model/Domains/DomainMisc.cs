using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>What happens when a lock manager loses a lock (<c>on_lockfailure</c>).</summary>
public enum LockFailureAction { Poweroff, Restart, Pause, Ignore }

/// <summary>Security label kinds (<c>seclabel/@type</c>).</summary>
public enum SecLabelType { Dynamic, Static, None }

/// <summary>Where sysinfo goes (<c>sysinfo/@type</c>).</summary>
public enum SysinfoType { Smbios, Fwcfg }

public static class LockFailureActions
{
    public static readonly XmlEnumMap<LockFailureAction> Map = new(
        (LockFailureAction.Poweroff, "poweroff"), (LockFailureAction.Restart, "restart"), (LockFailureAction.Pause, "pause"),
        (LockFailureAction.Ignore, "ignore"));
}

public static class SecLabelTypes
{
    public static readonly XmlEnumMap<SecLabelType> Map = new((SecLabelType.Dynamic, "dynamic"), (SecLabelType.Static, "static"), (SecLabelType.None, "none"));
}

public static class SysinfoTypes
{
    public static readonly XmlEnumMap<SysinfoType> Map = new((SysinfoType.Smbios, "smbios"), (SysinfoType.Fwcfg, "fwcfg"));
}

/// <summary>&lt;sysinfo&gt;: SMBIOS strings (bios, system, baseBoard, chassis) or fw_cfg entries.</summary>
public sealed class DomainSysinfo(XElement element) : XmlView(element)
{
    public SysinfoType? Type { get => GetEnum(SysinfoTypes.Map, "type"); set => SetEnum(SysinfoTypes.Map, "type", value); }

    /// <summary>The <c>&lt;entry name=…&gt;</c> value of a block (<c>bios</c>, <c>system</c>, <c>chassis</c> …).</summary>
    public string? Entry(string block, string name) =>
        Element.Element(block)?.Elements("entry").FirstOrDefault(e => e.Attr("name") == name)?.Value;

    public void SetEntry(string block, string name, string value)
    {
        var b = ChildOrAdd(block);
        var entry = b.Elements("entry").FirstOrDefault(e => e.Attr("name") == name);
        if (entry is null) b.Add(new XElement("entry", new XAttribute("name", name), value));
        else entry.Value = value;
    }

    public IEnumerable<(string Block, string Name, string Value)> Entries =>
        Element.Elements().SelectMany(b => b.Elements("entry").Select(e => (b.Name.LocalName, e.Attr("name") ?? "", e.Value)));
}

/// <summary>&lt;pm&gt;: whether the guest may suspend to RAM or disk.</summary>
public sealed class DomainPm(XElement element) : XmlView(element)
{
    public bool? SuspendToMem
    {
        get => XmlValue.ParseYesNo(GetChildAttr("suspend-to-mem", "enabled"));
        set => SetChildAttr("suspend-to-mem", "enabled", value is null ? null : value.Value ? "yes" : "no");
    }

    public bool? SuspendToDisk
    {
        get => XmlValue.ParseYesNo(GetChildAttr("suspend-to-disk", "enabled"));
        set => SetChildAttr("suspend-to-disk", "enabled", value is null ? null : value.Value ? "yes" : "no");
    }
}

/// <summary>A &lt;seclabel&gt; (SELinux, AppArmor, DAC).</summary>
public sealed class DomainSecLabel(XElement element) : XmlView(element)
{
    private static readonly string[] Order = ["label", "imagelabel", "baselabel"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public SecLabelType? Type { get => GetEnum(SecLabelTypes.Map, "type"); set => SetEnum(SecLabelTypes.Map, "type", value); }
    public string? Model { get => GetAttr("model"); set => SetAttr("model", value); }
    public bool? Relabel { get => GetYesNo("relabel"); set => SetYesNo("relabel", value); }
    public string? Label { get => GetChildText("label"); set => SetChildText("label", value); }
    public string? ImageLabel { get => GetChildText("imagelabel"); set => SetChildText("imagelabel", value); }
    public string? BaseLabel { get => GetChildText("baselabel"); set => SetChildText("baselabel", value); }
}

/// <summary>&lt;resource&gt;: the cgroup partition the domain runs in.</summary>
public sealed class DomainResource(XElement element) : XmlView(element)
{
    public string? Partition { get => GetChildText("partition"); set => SetChildText("partition", value); }
}
