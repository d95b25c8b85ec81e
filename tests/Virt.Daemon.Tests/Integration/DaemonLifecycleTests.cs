using System.Diagnostics;
using Virt.Daemon.Tests.Infrastructure;
using static Virt.Daemon.Tests.Infrastructure.VirshFormat;

namespace Virt.Daemon.Tests.Integration;

/// <summary>
/// The daemon's own life: VMs outlive it (even kill -9) and are adopted by the next one, autostart
/// domains start with it, it leaves when idle, refuses a second instance, detaches itself, and
/// scripts/virtd.sh drives it. Each test has a daemon of its own.
/// </summary>
public sealed class DaemonLifecycleTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private static async Task<string> Virsh(DaemonProcess daemon, params string[] args)
    {
        var r = await Clients.VirshAsync(daemon.Uri, args);
        Assert.True(r.ExitCode == 0, $"virsh {string.Join(' ', args)}: {r}");
        return r.Stdout;
    }

    [Fact]
    public async Task A_running_vm_survives_kill_9_of_the_daemon_and_is_adopted_by_the_next()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        await Virsh(daemon, "define", Guests.WriteXml(daemon, "keep1"));
        await Virsh(daemon, "start", "keep1");
        var id = (await Virsh(daemon, "domid", "keep1")).Trim();
        var qemu = Assert.Single(daemon.QemuPids());

        await daemon.KillAsync();
        Assert.True(IsAlive(qemu), "QEMU must outlive the daemon");
        Assert.True(File.Exists(daemon.SocketPath), "kill -9 leaves the socket file behind");

        await daemon.StartAgainAsync(); // replaces the stale socket and pid file
        await daemon.WaitForLogAsync("1 running domain(s) adopted", TimeSpan.FromSeconds(60));
        Assert.Equal(List((id, "keep1", "running")), await Virsh(daemon, "list"));
        Assert.Equal(Line("running (booted)"), await Virsh(daemon, "domstate", "--reason", "keep1"));

        Assert.Equal(Line("Domain 'keep1' destroyed"), await Virsh(daemon, "destroy", "keep1"));
        Assert.False(IsAlive(qemu), "QEMU is gone once destroy returns");
        Assert.Equal(Line("shut off (destroyed)"), await Virsh(daemon, "domstate", "--reason", "keep1"));
    }

    [Fact]
    public async Task Sigterm_stops_cleanly_and_autostart_domains_start_once_per_host_boot()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        await Virsh(daemon, "define", Guests.WriteXml(daemon, "auto1"));
        await Virsh(daemon, "define", Guests.WriteXml(daemon, "manual1"));
        await Virsh(daemon, "autostart", "auto1");

        Assert.Equal(0, await daemon.StopAsync());
        Assert.False(File.Exists(daemon.SocketPath));
        Assert.False(File.Exists(daemon.ReadOnlySocketPath));
        Assert.False(File.Exists(Path.Combine(daemon.SocketDir, "virtd.pid")));

        // Same boot: like libvirt, a restarted daemon does not start domains again.
        await daemon.StartAgainAsync();
        Assert.Equal(Line("shut off"), await Virsh(daemon, "domstate", "auto1"));
        Assert.Equal(0, await daemon.StopAsync());

        // A host reboot empties the run directory (tmpfs on real hosts); simulate that.
        File.Delete(Path.Combine(daemon.Root, "run", "qemu", "autostarted"));
        await daemon.StartAgainAsync();
        await daemon.WaitForLogAsync("autostart started 1 domain(s)", Guests.BootTimeout);
        Assert.Equal(Line("running"), await Virsh(daemon, "domstate", "auto1"));
        Assert.Equal(Line("shut off"), await Virsh(daemon, "domstate", "manual1"));
        await Virsh(daemon, "destroy", "auto1");
    }

    [Fact]
    public async Task Idle_timeout_exits_only_when_no_client_is_connected()
    {
        await using var daemon = await DaemonProcess.StartAsync("--timeout", "2");
        await using (var client = await RawClient.OpenAsync(daemon.SocketPath))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.False(daemon.HasExited, "a connected client keeps the daemon up");
        }
        var stopped = await daemon.WaitForExitAsync(ExitTimeout);
        Assert.Equal(0, stopped);
        Assert.Contains("stopping: idle for 2 s with no clients and no running domains", daemon.Log);
        Assert.False(File.Exists(daemon.SocketPath));
    }

    [Fact]
    public async Task A_second_daemon_on_the_same_sockets_is_refused()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var second = await Clients.RunAsync(DaemonProcess.Binary, ["--foreground", "--socket-dir", daemon.SocketDir, "--root", daemon.Root]);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"virtd: virtd is already running (pid {daemon.Pid}, pid file {daemon.SocketDir}/virtd.pid)", second.Stderr);
        Assert.Equal(List(), await Virsh(daemon, "list", "--all")); // the first one is untouched
    }

    [Fact]
    public async Task Bad_settings_are_reported_and_exit_1()
    {
        var dir = Path.Combine("/tmp", "vd-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var config = Path.Combine(dir, "virtd.conf");
            await File.WriteAllTextAsync(config, "socket_dir = \"/tmp/x\"\nlisten_tcp = 1\n");
            var r = await Clients.RunAsync(DaemonProcess.Binary, ["--foreground", "--config", config]);
            Assert.Equal((1, $"virtd: {config}:2: unknown setting 'listen_tcp'\n"), (r.ExitCode, r.Stderr));

            var missing = await Clients.RunAsync(DaemonProcess.Binary, ["--foreground", "--config", Path.Combine(dir, "nope.conf")]);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("cannot read config file", missing.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Config_file_settings_are_used()
    {
        var dir = Path.Combine("/tmp", "vd-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "virtd.conf");
        await File.WriteAllTextAsync(config, $"""
            # test
            socket_dir = "{dir}/sock"
            root = "{dir}/state"
            unix_sock_ro_perms = "0660"
            max_workers = 3
            prio_workers = 2
            """);
        using var daemon = Clients.Start(DaemonProcess.Binary, ["--foreground", "--config", config]);
        try
        {
            var socket = Path.Combine(dir, "sock", "virtd-sock");
            await WaitUntilAsync(() => Hosting.UnixListener.IsAnswering(socket), "the daemon answers");
            Assert.Equal((UnixFileMode)0b110_110_000, File.GetUnixFileMode(Path.Combine(dir, "sock", "virtd-sock-ro")));
            Assert.True(Directory.Exists(Path.Combine(dir, "state", "etc", "qemu")));
            var r = await Clients.VirshAsync($"qemu+unix:///system?socket={socket}", "list", "--all");
            Assert.True(r.ExitCode == 0, r.ToString());
        }
        finally
        {
            daemon.Kill();
            await daemon.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Without_foreground_virtd_detaches_and_the_script_starts_and_stops_it()
    {
        var dir = Path.Combine("/tmp", "vd-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var socketDir = Path.Combine(dir, "s");
        var pidFile = Path.Combine(socketDir, "virtd.pid");
        var env = new Dictionary<string, string> { ["VIRTD"] = DaemonProcess.Binary, ["VIRTD_SOCKET_DIR"] = socketDir };
        var script = Path.Combine(Guests.RepoRoot, "scripts", "virtd.sh");
        string[] options = ["--root", Path.Combine(dir, "r"), "--log-file", Path.Combine(dir, "virtd.log")];
        try
        {
            Assert.Equal(3, (await Clients.RunAsync(script, ["status"], env)).ExitCode);
            Assert.Equal(0, (await Clients.RunAsync(script, ["stop"], env)).ExitCode); // idempotent

            var start = await Clients.RunAsync(script, ["start", .. options], env);
            Assert.True(start.ExitCode == 0, start.ToString());
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(IsAlive(pid));
            var again = await Clients.RunAsync(script, ["start", .. options], env);
            Assert.True(again.ExitCode == 0 && again.Stderr.Contains($"already running (pid {pid})"), again.ToString());
            var status = await Clients.RunAsync(script, ["status"], env);
            Assert.Equal((0, $"virtd is running (pid {pid}), socket {socketDir}/virtd-sock\n"), (status.ExitCode, status.Stdout));

            // Detached: its own session, and the clients reach it.
            Assert.Equal(pid, SessionOf(pid));
            var list = await Clients.VirshAsync($"qemu+unix:///system?socket={socketDir}/virtd-sock", "list", "--all");
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Contains("listening on", await File.ReadAllTextAsync(Path.Combine(dir, "virtd.log")));

            var stop = await Clients.RunAsync(script, ["stop"], env);
            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.False(IsAlive(pid));
            Assert.False(File.Exists(pidFile));
            Assert.Equal(3, (await Clients.RunAsync(script, ["status"], env)).ExitCode);
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var left) && IsAlive(left))
                Process.GetProcessById(left).Kill();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task With_libvirt_compat_virsh_works_without_any_uri()
    {
        const string compat = "/run/libvirt/libvirt-sock";
        if (Hosting.UnixListener.IsAnswering(compat))
            throw new InvalidOperationException($"{compat} is taken by another daemon; this test needs it free");
        await using var daemon = await DaemonProcess.StartAsync("--libvirt-compat");
        try
        {
            Assert.True(Hosting.UnixListener.IsAnswering(compat));
            // No -c, no LIBVIRT_DEFAULT_URI: virsh (root) opens "" on libvirt's socket and asks for the URI.
            var uri = await Clients.RunAsync("virsh", ["uri"]);
            Assert.Equal((0, "qemu:///system\n\n"), (uri.ExitCode, uri.Stdout));
            var list = await Clients.RunAsync("virsh", ["list", "--all"]);
            Assert.Equal((0, List()), (list.ExitCode, list.Stdout));
            var ro = await Clients.RunAsync("virsh", ["-r", "hostname"]);
            Assert.Equal(0, ro.ExitCode);
            var py = await Clients.RunAsync(Clients.Python, ["-c", "import libvirt; print(libvirt.open('qemu:///system').getType())"]);
            Assert.Equal((0, "QEMU\n"), (py.ExitCode, py.Stdout));
        }
        finally
        {
            Assert.Equal(0, await daemon.StopAsync());
        }
        Assert.False(File.Exists(compat), "the compat sockets are removed on exit");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    private static int SessionOf(int pid) =>
        int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + DaemonProcess.StartTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(50);
        }
    }
}
