using System.Diagnostics;
using Virt.Cli.Tests.Differential;
using Virt.Cli.Tests.Interactive;
using static Virt.Cli.Tests.Interactive.Pty;

namespace Virt.Cli.Tests.Qemu;

/// <summary>
/// The built <c>virt</c> on the QEMU driver with a real (TCG) guest: the console on a terminal,
/// events seen by one process for what other processes do, and the queries the driver answers
/// from its definitions and from QEMU.
/// </summary>
[Collection("qemu")]
public sealed class CliQemuExtrasTests : IDisposable
{
    private const string GuestDir = "/var/lib/virt/guest";
    private readonly string _root = Path.Combine("/tmp", "vx-" + Guid.NewGuid().ToString("N")[..10]);

    public CliQemuExtrasTests()
    {
        if (!File.Exists(Path.Combine(GuestDir, "vmlinux")))
            throw new InvalidOperationException($"example guest missing in {GuestDir}: run examples/guest/build.sh");
        Directory.CreateDirectory(_root);
    }

    private string Uri => $"qemu:///embed?root={_root}";
    private Task<CliResult> Virt(params string[] args) => VirtBinary.RunAsync(Uri, args);
    private string ConsoleLog(string name) => Path.Combine(_root, name + ".console");

    private string WriteXml(string name, int vcpus = 1)
    {
        var file = Path.Combine(_root, name + ".xml");
        File.WriteAllText(file, $"""
            <domain type='qemu'>
              <name>{name}</name>
              <title>guest {name}</title>
              <memory unit='MiB'>128</memory>
              <vcpu>{vcpus}</vcpu>
              <os>
                <type arch='x86_64' machine='q35'>hvm</type>
                <kernel>{GuestDir}/vmlinux</kernel>
                <initrd>{GuestDir}/initramfs.cpio.gz</initrd>
                <cmdline>console=ttyS0</cmdline>
              </os>
              <features><acpi/></features>
              <devices>
                <serial type='pty'><log file='{ConsoleLog(name)}' append='off'/><target port='0'/></serial>
              </devices>
            </domain>
            """);
        return file;
    }

    private async Task BootAsync(string name, int vcpus = 1)
    {
        Assert.Equal(0, (await Virt("define", WriteXml(name, vcpus))).ExitCode);
        Assert.Equal(0, (await Virt("start", name)).ExitCode);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(File.Exists(ConsoleLog(name)) && (await File.ReadAllTextAsync(ConsoleLog(name))).Contains("VIRT-GUEST-READY")))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("guest ready marker");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Console_talks_to_the_guest_shell_until_ctrl_bracket()
    {
        await BootAsync("k1");
        var r = await RunAsync([VirtBinary.Path, "-c", Uri, "console", "k1"],
        [
            new("Escape character is ^] (Ctrl + ])\r\n", "\r", 0.5),
            new(null, "echo answer-$((6*7))\r"),
            new("answer-42", "\u001d"),
        ], timeoutSeconds: 60);
        Assert.Null(r.MissedExpectation);
        Assert.StartsWith("Connected to domain 'k1'\r\nEscape character is ^] (Ctrl + ])\r\n", r.Output);
        Assert.EndsWith("\r\n", r.Output);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("running\n\n", (await Virt("domstate", "k1")).Stdout);
    }

    [Fact]
    public async Task Console_inside_the_shell_gives_the_keyboard_back()
    {
        await BootAsync("k2");
        var home = Path.Combine(_root, "home");
        var r = await RunAsync([VirtBinary.Path, "-c", Uri],
        [
            new("virt # ", "console k2\r"),
            new("Escape character is ^] (Ctrl + ])\r\n", "echo shell-$((40+2))\r", 0.5),
            new("shell-42", "\u001d"),
            new("virt # ", "domstate k2\r"),
            new("running\r\n\r\nvirt # ", "quit\r"),
        ], new Dictionary<string, string?> { ["HOME"] = home, ["XDG_CACHE_HOME"] = null }, timeoutSeconds: 60);
        Assert.Null(r.MissedExpectation);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public async Task Start_with_console_shows_the_boot()
    {
        Assert.Equal(0, (await Virt("define", WriteXml("k3"))).ExitCode);
        var r = await RunAsync([VirtBinary.Path, "-c", Uri, "start", "--console", "k3"],
            [new("VIRT-GUEST-READY", "\u001d")], timeoutSeconds: 90);
        Assert.Null(r.MissedExpectation);
        Assert.StartsWith("Domain 'k3' started\r\nConnected to domain 'k3'\r\nEscape character is ^] (Ctrl + ])\r\n", r.Output);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public async Task Console_refuses_a_guest_that_is_not_running_and_a_missing_terminal()
    {
        Assert.Equal(0, (await Virt("define", WriteXml("k4"))).ExitCode);
        var r = await RunAsync([VirtBinary.Path, "-c", Uri, "console", "k4"], []);
        Assert.Equal(new PtyResult("error: The domain is not running\r\n\r\n", 1, null), r);
    }

    /// <summary>One process waits for events while others change the domain: the QEMU driver watches its files.</summary>
    [Fact]
    public async Task Event_loop_sees_what_other_processes_do()
    {
        await BootAsync("k5");
        var psi = new ProcessStartInfo(VirtBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", Uri, "event", "--all", "--loop", "--timeout", "20" }) psi.ArgumentList.Add(a);
        using var watcher = Process.Start(psi)!;
        var output = watcher.StandardOutput.ReadToEndAsync();
        await Task.Delay(2000); // let it subscribe
        Assert.Equal(0, (await Virt("suspend", "k5")).ExitCode);
        Assert.Equal(0, (await Virt("resume", "k5")).ExitCode);
        Assert.Equal(0, (await Virt("destroy", "k5")).ExitCode);
        Assert.Equal(0, (await Virt("undefine", "k5")).ExitCode);
        await watcher.WaitForExitAsync();
        Assert.Equal(
            "event 'lifecycle' for domain 'k5': Suspended Paused\n" +
            "event 'lifecycle' for domain 'k5': Resumed Unpaused\n" +
            "event 'lifecycle' for domain 'k5': Stopped Destroyed\n" +
            "event 'lifecycle' for domain 'k5': Undefined Removed\n" +
            "event loop timed out\nevents received: 4\n\n", await output);
        Assert.Equal(0, watcher.ExitCode);
    }

    [Fact]
    public async Task Event_without_loop_takes_the_first_event_of_the_domain_asked_for()
    {
        await BootAsync("k6");
        Assert.Equal(0, (await Virt("define", WriteXml("k7"))).ExitCode);
        var events = Virt("event", "--domain", "k6", "--event", "lifecycle", "--timeout", "30");
        await Task.Delay(2000);
        Assert.Equal(0, (await Virt("undefine", "k7")).ExitCode); // another domain: not reported
        Assert.Equal(0, (await Virt("shutdown", "k6")).ExitCode);
        var r = await events;
        Assert.Equal(new CliResult("event 'lifecycle' for domain 'k6': Shutdown Finished after guest request\nevents received: 1\n\n", "", 0), r);
    }

    [Fact]
    public async Task Queries_answered_from_definitions_and_from_qemu()
    {
        await BootAsync("k8", vcpus: 2);
        Assert.Equal("maximum      config         2\nmaximum      live           2\ncurrent      config         2\ncurrent      live           2\n\n",
            (await Virt("vcpucount", "k8")).Stdout);
        var vcpuinfo = (await Virt("vcpuinfo", "k8")).Stdout;
        Assert.Matches(@"^VCPU:           0\nCPU:            \d+\nState:          running\n(CPU time:       \d+\.\ds\n)?CPU Affinity:   y+\n\nVCPU:           1\n", vcpuinfo);
        Assert.Equal(" Target   Source\n------------------\n\n", (await Virt("domblklist", "k8")).Stdout);
        Assert.Equal(" Id   Name   State     Title\n" + new string('-', 33) + "\n 1    k8     running   guest k8\n\n",
            (await Virt("list", "--title")).Stdout);
        Assert.Equal(new CliResult("\n", "error: Failed to get memory statistics for domain k8\n" +
                                         "error: this function is not supported by the connection driver: virDomainMemoryStats\n", 1),
            await Virt("dommemstat", "k8"));
        var argv = await Virt("domxml-to-native", "qemu-argv", "--domain", "k8");
        Assert.Contains("-name guest=k8,debug-threads=on \\\n", argv.Stdout);
        Assert.Contains("-accel tcg \\\n", argv.Stdout);
        Assert.Contains("<domain type='qemu'/>", (await Virt("capabilities")).Stdout);
        Assert.Equal(0, (await Virt("destroy", "k8")).ExitCode);
        var inactive = (await Virt("vcpuinfo", "k8")).Stdout;
        Assert.StartsWith("VCPU:           0\nCPU:            N/A\nState:          N/A\nCPU time        N/A\nCPU Affinity:   y", inactive);
        Assert.Equal("maximum      config         2\ncurrent      config         2\n\n", (await Virt("vcpucount", "k8")).Stdout);
    }

    [Fact]
    public async Task Xml_to_native_for_a_file_needs_no_domain()
    {
        var r = await Virt("domxml-to-native", "qemu-argv", WriteXml("k9"));
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("/usr/bin/qemu-system-x86_64 \\\n-name guest=k9,debug-threads=on \\\n-S \\\n", r.Stdout);
        Assert.Equal(new CliResult("\n", "error: invalid argument: unsupported config type xen-xm\n", 1),
            await Virt("domxml-to-native", "xen-xm", WriteXml("k9")));
    }

    public void Dispose()
    {
        foreach (var status in Directory.Exists(Path.Combine(_root, "run", "qemu")) ? Directory.GetFiles(Path.Combine(_root, "run", "qemu"), "*.xml") : [])
        {
            var m = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(status), "pid='(\\d+)'");
            if (m.Success) try { Process.GetProcessById(int.Parse(m.Groups[1].Value)).Kill(); } catch (ArgumentException) { }
        }
        Directory.Delete(_root, recursive: true);
    }
}
