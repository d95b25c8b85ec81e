using System.Xml.Linq;
using Virt.Model.Units;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>
/// The semantic rules a parsed domain must keep before any driver sees it. Each error names the
/// element path and the rule, so a person knows what to change. Rules marked "(libvirt)" are the
/// ones libvirt's own parser enforces (checked with the test driver); "(virt)" marks the stricter
/// ones Virt adds.
/// </summary>
public static partial class DomainValidator
{
    /// <summary>Longest name we accept: it becomes a file name (NAME.xml) under the config dir.</summary>
    public const int MaxNameLength = 200;

    private static readonly string[] KnownTypes = ["qemu", "kvm", "test", "kqemu", "xen", "lxc", "uml", "openvz", "vmware", "hyperv", "vbox", "phyp", "vz", "bhyve", "hvf"];

    /// <summary>Actions libvirt allows for on_poweroff and on_reboot (the coredump ones only suit on_crash).</summary>
    private static readonly LifecycleAction[] OffActions =
        [LifecycleAction.Destroy, LifecycleAction.Restart, LifecycleAction.Preserve, LifecycleAction.RenameRestart];

    public static void Validate(DomainDefinition def)
    {
        var root = def.Root;
        var type = root.Attr("type");
        if (string.IsNullOrEmpty(type))
            throw new DomainValidationException("/domain", "missing domain type attribute");
        if (!KnownTypes.Contains(type))
            throw new DomainValidationException("/domain/@type", $"invalid domain type '{type}' (expected one of: {string.Join(", ", KnownTypes)})");

        ValidateName(root.Element("name"));
        ValidateUuid(root.Element("uuid"));
        ValidateMemory(root, "memory", required: true);
        ValidateMemory(root, "currentMemory", required: false);
        ValidateMemory(root, "maxMemory", required: false);
        if (def.CurrentMemoryKiB > def.MemoryKiB && root.Element("currentMemory") is not null)
            def.CurrentMemoryKiB = def.MemoryKiB; // libvirt silently clamps currentMemory to memory.
        ValidateVcpu(root.Element("vcpu"));
        ValidateActions(root);
        DomainEnumRules.Check(root);
        ValidateCpu(def);
        ValidateFirmware(def);
        ValidateDevices(def);
    }

    /// <summary>With firmware autoselection (os/@firmware) libvirt picks loader and template itself.</summary>
    private static void ValidateFirmware(DomainDefinition def)
    {
        var os = def.Root.Element("os");
        if (os?.Attribute("firmware") is null) return;
        var loader = os.Element("loader");
        if (loader is not null)
        {
            foreach (var attr in new[] { "readonly", "type" })
                if (loader.Attribute(attr) is not null)
                    throw new DomainValidationException("/domain/os/loader/@" + attr, $"loader attribute '{attr}' cannot be specified when firmware autoselection is enabled");
            if (!string.IsNullOrWhiteSpace(loader.Value))
                throw new DomainValidationException("/domain/os/loader", "a loader path cannot be specified when firmware autoselection is enabled");
        }
        if (os.Element("nvram")?.Attribute("template") is not null)
            throw new DomainValidationException("/domain/os/nvram/@template", "nvram attribute 'template' cannot be specified when firmware autoselection is enabled");
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
            throw new DomainValidationException($"/domain/{name}/@unit", $"unknown unit '{unit}' (expected one of: {MemoryUnits.Accepted})");
        if (!ulong.TryParse(e.Value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            throw new DomainValidationException($"/domain/{name}", $"invalid value '{e.Value}': expected a non-negative integer");
        if (!MemoryUnits.TryToKiB(e.Value, unit, out var kib))
            throw new DomainValidationException($"/domain/{name}", $"value too large: {e.Value.Trim()}{unit} is more than {MemoryUnits.MaxBytes} bytes");
        if (name == "memory" && kib == 0)
            throw new DomainValidationException("/domain/memory", "memory size must be greater than zero");
        if (name == "maxMemory" && e.Attr("slots") is { } slots && XmlValue.ParseUInt(slots) is null)
            throw new DomainValidationException("/domain/maxMemory/@slots", $"invalid slots '{slots}': expected a non-negative integer");
    }

    private static void ValidateVcpu(XElement? vcpu)
    {
        if (vcpu is null) return;
        if (!uint.TryParse(vcpu.Value.Trim(), out var n) || n == 0)
            throw new DomainValidationException("/domain/vcpu", $"invalid vcpu count '{vcpu.Value}': expected a positive integer");
        var current = vcpu.Attr("current");
        if (current is not null && (!uint.TryParse(current, out var c) || c == 0 || c > n))
            throw new DomainValidationException("/domain/vcpu/@current", $"current vcpu count '{current}' must be between 1 and {n}",
                ModelErrorKind.Unsupported);
    }

    private static void ValidateActions(XElement root)
    {
        foreach (var name in new[] { "on_poweroff", "on_reboot", "on_crash" })
        {
            var e = root.Element(name);
            if (e is null) continue;
            var value = e.Value.Trim();
            if (!LifecycleActions.Map.TryParse(value, out var action))
                throw new DomainValidationException($"/domain/{name}",
                    $"unknown action '{value}' (expected one of: {string.Join(", ", LifecycleActions.Map.Names)})");
            if (name != "on_crash" && !OffActions.Contains(action))
                throw new DomainValidationException($"/domain/{name}",
                    $"action '{value}' is only for on_crash (expected one of: {string.Join(", ", OffActions.Select(LifecycleActions.Map.ToXml))})",
                    ModelErrorKind.Unsupported);
        }
        var lockFailure = root.Element("on_lockfailure");
        if (lockFailure is not null && !LockFailureActions.Map.IsName(lockFailure.Value.Trim()))
            throw new DomainValidationException("/domain/on_lockfailure",
                $"unknown action '{lockFailure.Value.Trim()}' (expected one of: {string.Join(", ", LockFailureActions.Map.Names)})");
    }

    private static void ValidateCpu(DomainDefinition def)
    {
        var topology = def.Root.Element("cpu")?.Element("topology");
        if (topology is null) return;
        foreach (var part in new[] { "sockets", "dies", "cores", "threads" })
        {
            var v = topology.Attr(part);
            if (v is not null && XmlValue.ParseUInt(v) is not > 0)
                throw new DomainValidationException($"/domain/cpu/topology/@{part}", $"invalid value '{v}': expected a positive integer");
        }
    }
}
