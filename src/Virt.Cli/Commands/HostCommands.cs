using System.CommandLine;
using System.Globalization;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>virsh's "Host and Hypervisor" group (virsh-host.c).</summary>
public static class HostCommands
{
    /// <summary>In virsh's help order.</summary>
    public static IEnumerable<CommandFactory> Factories =>
    [
        new("capabilities", Capabilities), new("domcapabilities", DomCapabilities), new("hostname", Hostname),
        new("nodeinfo", NodeInfo), new("sysinfo", Sysinfo), new("uri", Uri), new("version", Version),
    ];

    private static VirshCommand Capabilities(CommandContext ctx)
    {
        var cmd = new VirshCommand("capabilities", "capabilities", VirshGroup.Host, "Returns capabilities of hypervisor/driver.");
        cmd.SetAction(async (_, ct) =>
        {
            var caps = await CommandFailure.Wrap(() => ctx.Connection.Driver.GetCapabilitiesAsync(ct), "failed to get capabilities");
            ctx.Print(caps + "\n");
        });
        return cmd;
    }

    private static VirshCommand DomCapabilities(CommandContext ctx)
    {
        var cmd = new VirshCommand("domcapabilities", "domain capabilities", VirshGroup.Host,
            "Returns capabilities of emulator with respect to host and libvirt.");
        var virttype = cmd.Text("virttype", "virtualization type (/domain/@type)");
        var emulator = cmd.Text("emulatorbin", "path to emulator binary (/domain/devices/emulator)");
        var arch = cmd.Text("arch", "domain architecture (/domain/os/type/@arch)");
        var machine = cmd.Text("machine", "machine type (/domain/os/type/@machine)");
        cmd.SetAction(async (parse, ct) =>
        {
            var query = new DomainCapabilitiesQuery(parse.OptionalText(emulator), parse.OptionalText(arch),
                parse.OptionalText(machine), parse.OptionalText(virttype));
            var caps = await CommandFailure.Wrap(() => ctx.Connection.Driver.GetDomainCapabilitiesAsync(query, ct),
                "failed to get emulator capabilities");
            ctx.Print(caps + "\n");
        });
        return cmd;
    }

    private static VirshCommand Hostname(CommandContext ctx)
    {
        var cmd = new VirshCommand("hostname", "print the hypervisor hostname", VirshGroup.Host);
        cmd.SetAction(async (_, ct) =>
        {
            var name = await CommandFailure.Wrap(() => ctx.Connection.GetHostnameAsync(ct), "failed to get hostname");
            ctx.Print(name + "\n");
        });
        return cmd;
    }

    private static VirshCommand NodeInfo(CommandContext ctx)
    {
        var cmd = new VirshCommand("nodeinfo", "node information", VirshGroup.Host, "Returns basic information about the node.");
        var json = cmd.Flag("json", "print the information as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            var info = await CommandFailure.Wrap(() => ctx.Connection.GetNodeInfoAsync(ct), "failed to get node information");
            if (parse.GetValue(json))
            {
                ctx.Print(Json.Object(w =>
                {
                    w.WriteString("cpu_model", info.Model);
                    w.WriteNumber("cpus", info.Cpus);
                    w.WriteNumber("cpu_mhz", info.Mhz);
                    w.WriteNumber("cpu_sockets", info.Sockets);
                    w.WriteNumber("cores_per_socket", info.Cores);
                    w.WriteNumber("threads_per_core", info.Threads);
                    w.WriteNumber("numa_cells", info.Nodes);
                    w.WriteNumber("memory_kib", info.MemoryKiB);
                }));
                return;
            }
            void Line(string label, string value) => ctx.Print($"{label,-20} {value}\n");
            Line("CPU model:", info.Model);
            Line("CPU(s):", info.Cpus.ToString(CultureInfo.InvariantCulture));
            if (info.Mhz != 0) Line("CPU frequency:", $"{info.Mhz} MHz");
            Line("CPU socket(s):", info.Sockets.ToString(CultureInfo.InvariantCulture));
            Line("Core(s) per socket:", info.Cores.ToString(CultureInfo.InvariantCulture));
            Line("Thread(s) per core:", info.Threads.ToString(CultureInfo.InvariantCulture));
            Line("NUMA cell(s):", info.Nodes.ToString(CultureInfo.InvariantCulture));
            Line("Memory size:", $"{info.MemoryKiB} KiB");
        });
        return cmd;
    }

    private static VirshCommand Sysinfo(CommandContext ctx)
    {
        var cmd = new VirshCommand("sysinfo", "print the hypervisor sysinfo", VirshGroup.Host,
            "output an XML string for the hypervisor sysinfo, if available");
        cmd.SetAction(async (_, ct) =>
        {
            ctx.Print(await CommandFailure.Wrap(() => ctx.Connection.Driver.GetSysinfoAsync(ct), "failed to get sysinfo"));
        });
        return cmd;
    }

    private static VirshCommand Uri(CommandContext ctx)
    {
        var cmd = new VirshCommand("uri", "print the hypervisor canonical URI", VirshGroup.Host);
        cmd.SetAction(_ => ctx.Print(ctx.Connection.Uri + "\n"));
        return cmd;
    }

    private static VirshCommand Version(CommandContext ctx)
    {
        var cmd = new VirshCommand("version", "show version", VirshGroup.Host, "Display the system version information.");
        var daemon = cmd.Flag("daemon", "report daemon version too");
        var json = cmd.Flag("json", "print the versions as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            var type = ctx.Connection.Driver.Type;
            var asJson = parse.GetValue(json);
            if (!asJson)
            {
                ctx.Print($"Compiled against library: virt {VirtInfo.Version}\n");
                ctx.Print($"Using library: virt {VirtInfo.Version}\n");
                ctx.Print($"Using API: {type} {VirtInfo.LibvirtApiVersion}\n");
            }
            var hv = await CommandFailure.Wrap(() => ctx.Connection.GetVersionAsync(ct), "failed to get the hypervisor version");
            if (!asJson)
                ctx.Print(hv == 0 ? $"Cannot extract running {type} hypervisor version\n" : $"Running hypervisor: {type} {Dotted(hv)}\n");
            ulong? daemonVersion = null;
            if (parse.GetValue(daemon)) daemonVersion = await LibVersionAsync(ctx, ct);
            if (asJson)
            {
                ctx.Print(Json.Object(w =>
                {
                    w.WriteString("library", "virt " + VirtInfo.Version);
                    w.WriteString("api", VirtInfo.LibvirtApiVersion);
                    w.WriteString("hypervisor_type", type);
                    w.WriteString("hypervisor_version", hv == 0 ? null : Dotted(hv));
                    if (daemonVersion is { } d) w.WriteString("daemon", Dotted(d));
                }));
                return;
            }
            if (daemonVersion is { } version) ctx.Print($"Running against daemon: {Dotted(version)}\n");
        });
        return cmd;
    }

    /// <summary>
    /// <c>virConnectGetLibVersion</c>; a driver without its own answer serves this library's API
    /// level, as libvirt's library answers for drivers that lack the call.
    /// </summary>
    private static async Task<ulong> LibVersionAsync(CommandContext ctx, CancellationToken ct)
    {
        try
        {
            return await ctx.Connection.Driver.GetLibVersionAsync(ct);
        }
        catch (VirtException ex) when (ex.Code == ErrorCode.NoSupport)
        {
            return VirtInfo.LibvirtApiVersionNumber;
        }
        catch (VirtException ex)
        {
            throw new CommandFailure("failed to get the daemon version", ex);
        }
    }

    private static string Dotted(ulong v) => $"{v / 1000000}.{v % 1000000 / 1000}.{v % 1000}";
}
