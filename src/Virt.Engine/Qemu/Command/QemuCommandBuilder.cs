using System.Globalization;
using System.Text.Json.Nodes;
using Virt.Api.Errors;
using Virt.Model.Domains;

namespace Virt.Engine.Qemu.Command;

/// <summary>
/// Builds QEMU's argv from a domain (libvirt's <c>qemu_command.c</c>). The VM is always started
/// with <c>-S</c> (paused) so the monitor is connected before the first guest instruction runs;
/// the driver then sends <c>cont</c>, as libvirt does.
/// </summary>
public sealed class QemuCommandBuilder(QemuCapabilities caps)
{
    public QemuCommandLine Build(DomainDefinition def, QemuRuntimePaths paths)
    {
        var emulator = def.Emulator ?? caps.EmulatorPath;
        var a = new List<string> { emulator };
        a.AddRange(["-name", $"guest={EscapeOption(def.Name)},debug-threads=on"]);
        a.Add("-S");
        a.AddRange(["-machine", MachineOption(def)]);
        a.AddRange(["-accel", AccelFor(def)]);
        a.AddRange(["-m", $"size={def.CurrentMemoryKiB.ToString(CultureInfo.InvariantCulture)}k"]);
        a.AddRange(["-overcommit", "mem-lock=off"]);
        a.AddRange(["-smp", SmpOption(def)]);
        if (def.Uuid is { } uuid) a.AddRange(["-uuid", uuid.ToString("D")]);
        a.AddRange(["-display", "none", "-no-user-config", "-nodefaults"]);
        a.AddRange(["-chardev", $"socket,id=charmonitor,path={EscapeOption(paths.MonitorSocket)},server=on,wait=off"]);
        a.AddRange(["-mon", "chardev=charmonitor,id=monitor,mode=control"]);
        a.AddRange(["-rtc", "base=utc"]);
        AddLifecycleActions(def, a);
        a.AddRange(["-boot", "strict=on"]);
        AddKernelBoot(def, a);
        new DiskArguments(def).AddTo(a);
        AddSerials(def, a);
        a.AddRange(["-msg", "timestamp=on"]);
        return new QemuCommandLine(emulator, a);
    }

    private string MachineOption(DomainDefinition def)
    {
        var machine = caps.ExpandMachineAlias(def.Os.Machine ?? caps.DefaultMachine);
        var opts = $"{machine},usb=off,dump-guest-core=off";
        // Without <acpi/> the guest gets no ACPI tables, so it can never see the power button.
        if (!def.Acpi && !machine.StartsWith("microvm", StringComparison.Ordinal)) opts += ",acpi=off";
        return opts;
    }

    public static string AccelFor(DomainDefinition def) => def.Type switch
    {
        "kvm" => "kvm",
        "qemu" => "tcg",
        _ => throw VirtErrors.ConfigUnsupported($"domain type '{def.Type}' is not supported by the QEMU driver"),
    };

    private static string SmpOption(DomainDefinition def)
    {
        var max = def.Vcpus;
        var current = def.CurrentVcpus;
        var topology = def.Root.Element("cpu")?.Element("topology");
        string sockets = Attr(topology, "sockets") ?? max.ToString(CultureInfo.InvariantCulture);
        string cores = Attr(topology, "cores") ?? "1";
        string threads = Attr(topology, "threads") ?? "1";
        var smp = current.ToString(CultureInfo.InvariantCulture);
        if (current != max) smp += $",maxcpus={max}";
        return $"{smp},sockets={sockets},cores={cores},threads={threads}";
    }

    private static string? Attr(System.Xml.Linq.XElement? e, string name) => e?.Attribute(name)?.Value;

    private static void AddLifecycleActions(DomainDefinition def, List<string> a)
    {
        // QEMU itself exits on guest poweroff (and, with reboot=shutdown, on guest reboot); the
        // driver restarts the domain afterwards when an action says restart. Nothing here needs a
        // watcher to stay alive, because the VM outlives the engine instance that started it.
        Reject("on_poweroff", def.OnPoweroff, LifecycleAction.Destroy, LifecycleAction.Restart);
        Reject("on_reboot", def.OnReboot, LifecycleAction.Destroy, LifecycleAction.Restart);
        Reject("on_crash", def.OnCrash, LifecycleAction.Destroy, LifecycleAction.Restart, LifecycleAction.Preserve);
        if (def.OnReboot == LifecycleAction.Destroy) a.AddRange(["-action", "reboot=shutdown"]);
        a.AddRange(["-action", def.OnCrash == LifecycleAction.Preserve ? "panic=pause" : "panic=shutdown"]);
        // Records why QEMU shut down in its log, so the reason survives when nobody watched (ExitClassifier).
        a.AddRange(["-trace", "qemu_system_shutdown_request"]);
    }

    private static void Reject(string element, LifecycleAction action, params LifecycleAction[] supported)
    {
        if (!supported.Contains(action))
            throw VirtErrors.ConfigUnsupported($"{element} action '{LifecycleActions.Map.ToXml(action)}' is not supported by the QEMU driver");
    }

    private static void AddKernelBoot(DomainDefinition def, List<string> a)
    {
        var os = def.Os;
        if (os.Kernel is { } kernel) a.AddRange(["-kernel", kernel]);
        if (os.Initrd is { } initrd) a.AddRange(["-initrd", initrd]);
        if (os.Cmdline is { } cmdline) a.AddRange(["-append", cmdline]);
        if (os.Dtb is { } dtb) a.AddRange(["-dtb", dtb]);
    }

    private static void AddSerials(DomainDefinition def, List<string> a)
    {
        var index = 0;
        foreach (var serial in def.Serials)
        {
            var id = $"charserial{index}";
            a.AddRange(["-chardev", CharBackend(serial, id)]);
            var device = new JsonObject { ["driver"] = "isa-serial", ["chardev"] = id, ["id"] = $"serial{index}", ["index"] = serial.TargetPort };
            a.AddRange(["-device", new DeviceProps(device).ToArgument()]);
            index++;
        }
    }

    /// <summary>The <c>-chardev</c> backend for a character device's host side.</summary>
    public static string CharBackend(DomainCharDevice dev, string id)
    {
        var opts = dev.Type switch
        {
            "pty" => $"pty,id={id}",
            "file" => $"file,id={id},path={EscapeOption(Required(dev))},append={(dev.Element.Element("source")?.Attribute("append")?.Value == "on" ? "on" : "off")}",
            "unix" => $"socket,id={id},path={EscapeOption(Required(dev))}" + (dev.SourceMode == "connect" ? ",server=off" : ",server=on,wait=off"),
            "null" => $"null,id={id}",
            "stdio" => throw VirtErrors.ConfigUnsupported("stdio character devices are not supported: the VM runs detached"),
            _ => throw VirtErrors.ConfigUnsupported($"unsupported serial type '{dev.Type}'"),
        };
        if (dev.LogFile is { } log) opts += $",logfile={EscapeOption(log)},logappend={(dev.LogAppend ? "on" : "off")}";
        return opts;
    }

    private static string Required(DomainCharDevice dev) =>
        dev.SourcePath ?? throw VirtErrors.XmlError($"{dev.Element.Name.LocalName} of type '{dev.Type}' needs <source path=.../>");

    /// <summary>QEMU's option syntax doubles commas inside values.</summary>
    public static string EscapeOption(string value) => value.Replace(",", ",,");
}
