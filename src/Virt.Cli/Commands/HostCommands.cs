using System.CommandLine;
using Virt.Api;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>virsh's "Host and Hypervisor" group (virsh-host.c).</summary>
public static class HostCommands
{
    /// <summary>
    /// The libvirt API level Virt implements; <c>version</c> prints it on its "Using API" line, where
    /// virsh prints its library's version, because that line is the one tools read to judge the API.
    /// </summary>
    public const string LibvirtApiVersion = "9.0.0";

    public static IEnumerable<Command> Create(CommandContext ctx) => [Hostname(ctx), NodeInfo(ctx), Uri(ctx), Version(ctx)];

    /// <summary>This library's own version, as <c>major.minor.release</c>.</summary>
    public static string VirtVersion
    {
        get
        {
            var v = typeof(Connect).Assembly.GetName().Version ?? new Version(0, 0, 0);
            return $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
        }
    }

    private static Command Hostname(CommandContext ctx)
    {
        var cmd = new Command("hostname", "print the hypervisor hostname");
        cmd.SetAction(async (_, ct) =>
        {
            var name = await CommandFailure.Wrap(() => ctx.Connection.GetHostnameAsync(ct), "failed to get hostname");
            ctx.Print(name + "\n");
        });
        return cmd;
    }

    private static Command NodeInfo(CommandContext ctx)
    {
        var cmd = new Command("nodeinfo", "node information");
        cmd.SetAction(async (_, ct) =>
        {
            var info = await CommandFailure.Wrap(() => ctx.Connection.GetNodeInfoAsync(ct), "failed to get node information");
            void Line(string label, string value) => ctx.Print($"{label,-20} {value}\n");
            Line("CPU model:", info.Model);
            Line("CPU(s):", info.Cpus.ToString());
            if (info.Mhz != 0) Line("CPU frequency:", $"{info.Mhz} MHz");
            Line("CPU socket(s):", info.Sockets.ToString());
            Line("Core(s) per socket:", info.Cores.ToString());
            Line("Thread(s) per core:", info.Threads.ToString());
            Line("NUMA cell(s):", info.Nodes.ToString());
            Line("Memory size:", $"{info.MemoryKiB} KiB");
        });
        return cmd;
    }

    private static Command Uri(CommandContext ctx)
    {
        var cmd = new Command("uri", "print the hypervisor canonical URI");
        cmd.SetAction(_ => ctx.Print(ctx.Connection.Uri + "\n"));
        return cmd;
    }

    private static Command Version(CommandContext ctx)
    {
        var cmd = new Command("version", "show version");
        cmd.SetAction(async (_, ct) =>
        {
            var type = ctx.Connection.Driver.Type;
            ctx.Print($"Compiled against library: virt {VirtVersion}\n");
            ctx.Print($"Using library: virt {VirtVersion}\n");
            ctx.Print($"Using API: {type} {LibvirtApiVersion}\n");
            var hv = await CommandFailure.Wrap(() => ctx.Connection.GetVersionAsync(ct), "failed to get the hypervisor version");
            ctx.Print(hv == 0
                ? $"Cannot extract running {type} hypervisor version\n"
                : $"Running hypervisor: {type} {hv / 1000000}.{hv % 1000000 / 1000}.{hv % 1000}\n");
        });
        return cmd;
    }
}
