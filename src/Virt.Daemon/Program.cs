using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Virt.Daemon.Config;
using Virt.Daemon.Hosting;

// Unix sockets, file modes, signals and pty consoles: virtd is a Linux daemon.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Virt.Daemon;

/// <summary>
/// virtd: serves the Virt engine over libvirt's RPC protocol on unix sockets, so unmodified virsh,
/// python3-libvirt and Ansible's community.libvirt drive it with
/// <c>qemu+unix:///system?socket=/run/virt/virtd-sock</c> (or, with <c>--libvirt-compat</c>, their defaults).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        return await BuildCommand(args).Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
            .ConfigureAwait(false);
    }

    private static RootCommand BuildCommand(string[] rawArgs)
    {
        var socketDir = new Option<string?>("--socket-dir") { Description = "Folder for virtd-sock, virtd-sock-ro and the pid file (default /run/virt as root, $XDG_RUNTIME_DIR/virt otherwise)" };
        var config = new Option<string?>("--config", "-f") { Description = "Configuration file (default /etc/virt/virtd.conf as root, ~/.config/virt/virtd.conf otherwise)" };
        var root = new Option<string?>("--root") { Description = "Keep all qemu driver state (definitions, status, logs, cache) under this folder" };
        var foreground = new Option<bool>("--foreground") { Description = "Stay in the foreground, logging to stderr (otherwise detach, logging to --log-file)" };
        var timeout = new Option<int?>("--timeout", "-t") { Description = "Exit after this many seconds with no clients and no running domains" };
        var pidFile = new Option<string?>("--pid-file", "-p") { Description = "Pid file (default <socket dir>/virtd.pid)" };
        var logFile = new Option<string?>("--log-file") { Description = "Log file when detached (default /var/log/virt/virtd.log as root)" };
        var compat = new Option<bool>("--libvirt-compat") { Description = "Also listen on libvirt's default sockets (/run/libvirt/libvirt-sock{,-ro}) so clients work without a URI" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every connection and call" };

        var command = new RootCommand("virtd: the Virt daemon, speaking libvirt's RPC protocol on unix sockets")
        {
            socketDir, config, root, foreground, timeout, pidFile, logFile, compat, verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var cli = new CommandLineValues(
                SocketDir: parse.GetValue(socketDir),
                ConfigFile: parse.GetValue(config),
                Root: parse.GetValue(root),
                Foreground: parse.GetValue(foreground),
                TimeoutSeconds: parse.GetValue(timeout),
                PidFile: parse.GetValue(pidFile),
                LogFile: parse.GetValue(logFile),
                LibvirtCompat: parse.GetValue(compat),
                Verbose: parse.GetValue(verbose));
            return await RunAsync(cli, rawArgs).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandLineValues cli, string[] rawArgs)
    {
        DaemonSettings settings;
        try
        {
            settings = SettingsResolver.Resolve(cli, DaemonEnvironment.Current);
        }
        catch (Exception ex) when (ex is SettingsException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"virtd: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        if (!settings.Foreground)
            return await Background.StartAsync(rawArgs, settings, Console.Error).ConfigureAwait(false);

        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(settings.LogLevel)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        try
        {
            return await DaemonHost.RunAsync(settings, loggers).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DaemonStartException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"virtd: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
