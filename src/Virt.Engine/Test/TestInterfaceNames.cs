using System.Xml.Linq;
using Virt.Api.Errors;
using Virt.Model.Domains;

namespace Virt.Engine.Test;

/// <summary>
/// libvirt's <c>testDomainGenerateIfnames</c>: every &lt;interface&gt; without a target device gets
/// the first free <c>testnetN</c> name of its domain.
/// </summary>
internal static class TestInterfaceNames
{
    private const int MaxInterfaces = 1024;

    /// <summary>Elements libvirt writes before &lt;target&gt; inside an &lt;interface&gt;.</summary>
    private static readonly HashSet<string> BeforeTarget =
        ["mac", "source", "vlan", "virtualport", "ip", "route", "script", "downscript", "backenddomain"];

    public static void Assign(DomainDefinition def)
    {
        var interfaces = def.Root.Element("devices")?.Elements("interface").ToList() ?? [];
        foreach (var nic in interfaces)
        {
            var target = nic.Element("target");
            if (!string.IsNullOrEmpty(target?.Attribute("dev")?.Value)) continue;
            var name = FreeName(interfaces);
            if (target is not null)
            {
                target.SetAttributeValue("dev", name);
                continue;
            }
            target = new XElement("target", new XAttribute("dev", name));
            var anchor = nic.Elements().LastOrDefault(e => BeforeTarget.Contains(e.Name.LocalName));
            if (anchor is not null) anchor.AddAfterSelf(target);
            else nic.AddFirst(target);
        }
    }

    private static string FreeName(List<XElement> interfaces)
    {
        var used = interfaces.Select(n => n.Element("target")?.Attribute("dev")?.Value).ToHashSet();
        for (var i = 0; i < MaxInterfaces; i++)
        {
            var name = $"testnet{i}";
            if (!used.Contains(name)) return name;
        }
        throw VirtErrors.Internal($"Exceeded max iface limit {MaxInterfaces}", ErrorDomain.Test);
    }
}
