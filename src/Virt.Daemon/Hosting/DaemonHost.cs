using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Virt.Api.Domains;
using Virt.Daemon.Config;
using Virt.Daemon.Drivers;
using Virt.Daemon.Server;

namespace Virt.Daemon.Hosting;

/// <summary>
/// The daemon's life: take the pid file, open the drivers, listen, adopt running domains and start
/// autostart ones, then serve until SIGTERM/SIGINT or the idle timeout; on the way out stop listening,
/// disconnect clients and let go of the drivers. Domains keep running: their QEMUs are detached and
/// their state is on disk, so the next virtd adopts them.
/// </summary>
internal static class DaemonHost
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleCheckInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(DaemonSettings settings, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("virtd");
        using var stop = new CancellationTokenSource();
        var reason = "";
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (context.Signal == PosixSignal.SIGHUP) return; // libvirtd reloads on SIGHUP; there is nothing to reload
            reason = context.Signal.ToString();
            stop.Cancel();
        }
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

        CreateRuntimeDir(settings.SocketDir);
        using var pidFile = PidFile.Acquire(settings.PidFile);
        await using var drivers = new DriverHub(settings);
        var listeners = new List<UnixListener>();
        try
        {
            listeners.Add(UnixListener.Bind(settings.SocketPath, settings.ReadWritePerms, readOnly: false));
            listeners.Add(UnixListener.Bind(settings.ReadOnlySocketPath, settings.ReadOnlyPerms, readOnly: true));
            if (settings.LibvirtCompat)
            {
                CreateRuntimeDir(settings.LibvirtSocketDir);
                var compat = Path.Combine(settings.LibvirtSocketDir, DaemonSettings.LibvirtSocketName);
                var modular = Path.Combine(settings.LibvirtSocketDir, "virtqemud-sock");
                if (File.Exists(modular)) Log.ModularSocketPresent(logger, modular, compat);
                listeners.Add(UnixListener.Bind(compat, settings.ReadWritePerms, readOnly: false));
                listeners.Add(UnixListener.Bind(Path.Combine(settings.LibvirtSocketDir, DaemonSettings.LibvirtReadOnlySocketName),
                    settings.ReadOnlyPerms, readOnly: true));
            }

            await using var server = new RpcServer(settings, drivers, loggers);
            foreach (var listener in listeners) server.Serve(listener);
            Log.Listening(logger, Version, settings.Mode.ToString().ToLowerInvariant(),
                string.Join(", ", listeners.Select(l => l.Path)), settings.QemuPaths.ConfigDir);

            var startup = Task.Run(() => AdoptAndAutostartAsync(drivers, logger, stop.Token));
            reason = await WaitForStopAsync(settings, server, drivers, stop.Token).ConfigureAwait(false) ?? reason;
            Log.Stopping(logger, reason);

            await server.StopAcceptingAsync().ConfigureAwait(false);
            foreach (var listener in listeners) listener.Dispose();
            listeners.Clear();
            await server.StopAsync(StopGrace).ConfigureAwait(false);
            await startup.ConfigureAwait(false);
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
        Log.Stopped(logger);
        return 0;
    }

    /// <summary>Waits for a signal (returns null) or the idle timeout (returns the reason).</summary>
    private static async Task<string?> WaitForStopAsync(DaemonSettings settings, RpcServer server, DriverHub drivers, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(IdleCheckInterval, stop).ConfigureAwait(false);
                if (settings.IdleTimeout is not { } timeout || server.ClientCount > 0 || server.IdleFor < timeout) continue;
                // Like libvirt's session daemon: never leave running domains without a daemon that watches them.
                var active = await drivers.Qemu.ListAllDomainsAsync(ListDomainsFlags.Active, stop).ConfigureAwait(false);
                if (active.Count == 0 && server.ClientCount == 0)
                    return $"idle for {(int)timeout.TotalSeconds} s with no clients and no running domains";
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Re-attaches to running domains (watching their QEMUs), then starts the autostart ones once per boot.</summary>
    private static async Task AdoptAndAutostartAsync(DriverHub drivers, ILogger logger, CancellationToken ct)
    {
        try
        {
            var (adopted, started) = await drivers.Qemu.StartupAsync(ct).ConfigureAwait(false);
            if (adopted > 0) Log.Adopted(logger, adopted);
            if (started > 0) Log.Autostarted(logger, started);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (Exception ex)
        {
            Log.AutostartFailed(logger, ex);
        }
    }

    /// <summary>Creates a socket folder (0755: the sockets' own modes decide who may connect); an existing one is left as it is.</summary>
    private static void CreateRuntimeDir(string path) => Directory.CreateDirectory(path, (UnixFileMode)0b111_101_101);

    public static string Version =>
        typeof(DaemonHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
