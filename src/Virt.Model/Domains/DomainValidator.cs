using System.Xml.Linq;
using Virt.Model.Units;

namespace Virt.Model.Domains;

/// <summary>
/// The semantic rules a parsed domain must keep before any driver sees it. Each error names the
/// element path and the rule, so a person knows what to change.
/// </summary>
public static class DomainValidator
{
    /// <summary>Longest name we accept: it becomes a file name (NAME.xml) under the config dir.</summary>
    public const int MaxNameLength = 200;

    private static readonly string[] KnownTypes = ["qemu", "kvm", "test", "kqemu", "xen", "lxc", "uml", "openvz", "vmware", "hyperv", "vbox", "phyp", "vz", "bhyve"];

    public static void Validate(DomainDefinition def)
    {
        var root = def.Root;
        var type = root.Attr("type");
        if (string.IsNullOrEmpty(type))
            throw new DomainValidationException("/domain", "missing domain type attribute");
        if (!KnownTypes.Contains(type))
            throw new DomainValidationException("/domain/@type", $"invalid domain type '{type}'");

        ValidateName(root.Element("name"));
        ValidateUuid(root.Element("uuid"));
        ValidateMemory(root, "memory", required: true);
        ValidateMemory(root, "currentMemory", required: false);
        ValidateMemory(root, "maxMemory", required: false);
        if (def.CurrentMemoryKiB > def.MemoryKiB && root.Element("currentMemory") is not null)
            def.CurrentMemoryKiB = def.MemoryKiB; // libvirt silently clamps currentMemory to memory.
        ValidateVcpu(root.Element("vcpu"));
        ValidateActions(root);
        ValidateDisks(def);
    }

    /// <summary>Names become file names and appear in error texts: no '/', no control characters, not '.' or '..'.</summary>
    public static void ValidateName(XElement? nameElement)
    {
        var name = nameElement?.Value;
        if (string.IsNullOrEmpty(name))
            throw new DomainValidationException("", "missing name information", ModelErrorKind.NoName);
        const string path = "/domain/name";
        if (name.Contains('/'))
            throw new DomainValidationException(path, $"name '{name}' cannot contain '/'");
        if (name.Any(char.IsControl))
            throw new DomainValidationException(path, "name cannot contain control characters");
        if (name is "." or ".." || name.Contains("/.."))
            throw new DomainValidationException(path, $"name '{name}' is not allowed");
        if (name.Length > MaxNameLength)
            throw new DomainValidationException(path, $"name is longer than {MaxNameLength} characters");
    }

    private static void ValidateUuid(XElement? uuid)
    {
        if (uuid is null) return;
        if (!Guid.TryParse(uuid.Value.Trim(), out _))
            throw new DomainValidationException("/domain/uuid", $"malformed uuid element '{uuid.Value}'");
    }

    private static void ValidateMemory(XElement root, string name, bool required)
    {
        var e = root.Element(name);
        if (e is null)
        {
            if (required) throw new DomainValidationException($"/domain/{name}", "missing element memory: the domain needs a memory size");
            return;
        }
        var unit = e.Attr("unit");
        if (!MemoryUnits.IsKnownUnit(unit))
            throw new DomainValidationException($"/domain/{name}", $"unknown unit '{unit}'");
        if (name == "maxMemory") return; // maxMemory carries slots too; only its unit and number matter here.
        if (!MemoryUnits.TryToKiB(e.Value, unit, out var kib))
            throw new DomainValidationException($"/domain/{name}", $"invalid value '{e.Value}': expected a non-negative integer");
        if (name == "memory" && kib == 0)
            throw new DomainValidationException("/domain/memory", "memory size must be greater than zero");
    }

    private static void ValidateVcpu(XElement? vcpu)
    {
        if (vcpu is null) return;
        if (!uint.TryParse(vcpu.Value.Trim(), out var n) || n == 0)
            throw new DomainValidationException("/domain/vcpu", $"invalid vcpu count '{vcpu.Value}': expected a positive integer");
        var current = vcpu.Attr("current");
        if (current is not null && (!uint.TryParse(current, out var c) || c == 0 || c > n))
            throw new DomainValidationException("/domain/vcpu/@current", $"current vcpu count '{current}' must be between 1 and {n}");
    }

    private static void ValidateActions(XElement root)
    {
        foreach (var name in new[] { "on_poweroff", "on_reboot", "on_crash" })
        {
            var e = root.Element(name);
            if (e is not null && !LifecycleActions.Map.TryParse(e.Value.Trim(), out _))
                throw new DomainValidationException($"/domain/{name}",
                    $"unknown action '{e.Value.Trim()}' (expected one of: {string.Join(", ", LifecycleActions.Map.Names)})");
        }
    }

    private static void ValidateDisks(DomainDefinition def)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in def.Disks)
        {
            var dev = disk.TargetDev;
            if (string.IsNullOrEmpty(dev))
                throw new DomainValidationException(disk.Element.PathOf() + "/target", "missing target dev");
            if (!seen.Add(dev))
                throw new DomainValidationException(disk.Element.PathOf() + "/target", $"dev '{dev}' is used twice");
        }
    }
}
