using Virt.Cli.Tests.Differential;

namespace Virt.Cli.Tests.Qemu;

/// <summary>
/// The built <c>virt</c> binary against the in-process QEMU driver: every command is a new process,
/// so these also prove that state lives on disk and later runs re-attach to running guests.
/// Guests boot under TCG (type='qemu'); see shared/notes/guest.md for why not KVM here.
/// </summary>
[Collection("qemu")]
public sealed class CliQemuTests : IDisposable
{
    private const string GuestDir = "/var/lib/virt/guest";
    private readonly string _root = Path.Combine("/tmp", "vc-" + Guid.NewGuid().ToString("N")[..10]);

    public CliQemuTests()
    {
        if (!File.Exists(Path.Combine(GuestDir, "vmlinux")))
            throw new InvalidOperationException($"example guest missing in {GuestDir}: run examples/guest/build.sh");
        Directory.CreateDirectory(_root);
    }

    private string Uri => $"qemu:///embed?root={_root}";
    private Task<CliResult> Virt(params string[] args) => VirtBinary.RunAsync(Uri, args);
    private string ConsoleLog(string name) => Path.Combine(_root, name + ".console");

    private string WriteXml(string name, string? type = "qemu", string? body = null)
    {
        var file = Path.Combine(_root, name + ".xml");
        File.WriteAllText(file, body ?? $"""
            <domain type='{type}'>
              <name>{name}</name>
              <memory unit='MiB'>128</memory>
              <vcpu>1</vcpu>
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

    private async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Define_start_ready_list_shutdown_undefine_through_separate_runs()
    {
        var xml = WriteXml("c1");
        Assert.Equal(new CliResult($"Domain 'c1' defined from {xml}\n\n", "", 0), await Virt("define", xml));
        Assert.Equal(new CliResult("Domain 'c1' started\n\n", "", 0), await Virt("start", "c1"));
        await WaitForAsync(async () => File.Exists(ConsoleLog("c1")) && (await File.ReadAllTextAsync(ConsoleLog("c1"))).Contains("VIRT-GUEST-READY"),
            TimeSpan.FromSeconds(90), "ready marker");

        var list = await Virt("list");
        Assert.Equal(" Id   Name   State\n----------------------\n 1    c1     running\n\n", list.Stdout);
        Assert.Equal("running (booted)\n\n", (await Virt("domstate", "--reason", "c1")).Stdout);
        Assert.Equal("1\n\n", (await Virt("domid", "c1")).Stdout);
        var info = (await Virt("dominfo", "c1")).Stdout;
        Assert.Contains("State:          running\n", info);
        Assert.Matches(@"CPU time:       \d+\.\ds\n", info);
        Assert.Contains("Security model: none\nSecurity DOI:   0\n", info);

        Assert.Equal(new CliResult("Domain 'c1' is being shutdown\n\n", "", 0), await Virt("shutdown", "c1"));
        await WaitForAsync(async () => (await Virt("domstate", "c1")).Stdout == "shut off\n\n", TimeSpan.FromSeconds(60), "shut off");
        Assert.Equal("shut off (shutdown)\n\n", (await Virt("domstate", "--reason", "c1")).Stdout);
        Assert.Equal(" Id   Name   State\n-----------------------\n -    c1     shut off\n\n", (await Virt("list", "--all")).Stdout);
        Assert.Equal(new CliResult("Domain 'c1' has been undefined\n\n", "", 0), await Virt("undefine", "c1"));
        Assert.Equal(" Id   Name   State\n--------------------\n\n", (await Virt("list", "--all")).Stdout);
    }

    [Fact]
    public async Task Suspend_resume_destroy_and_transient_create()
    {
        var xml = WriteXml("c2");
        await Virt("create", xml);
        Assert.Equal(new CliResult("Domain 'c2' suspended\n\n", "", 0), await Virt("suspend", "c2"));
        Assert.Equal("paused (user)\n\n", (await Virt("domstate", "--reason", "c2")).Stdout);
        Assert.Equal(new CliResult("Domain 'c2' resumed\n\n", "", 0), await Virt("resume", "c2"));
        Assert.Equal("running (unpaused)\n\n", (await Virt("domstate", "--reason", "c2")).Stdout);
        Assert.Contains("Persistent:     no\n", (await Virt("dominfo", "c2")).Stdout);
        Assert.Equal(new CliResult("Domain 'c2' destroyed\n\n", "", 0), await Virt("destroy", "c2"));
        var gone = await Virt("dominfo", "c2");
        Assert.Equal(new CliResult("\n", "error: failed to get domain 'c2'\n", 1), gone);
    }

    [Fact]
    public async Task Bad_input_gets_virsh_style_errors_and_exit_code_1()
    {
        var bad = Path.Combine(_root, "bad.xml");
        await File.WriteAllTextAsync(bad, "<domain type='qemu'>\n  <name>x</nam>\n</domain>\n");
        var define = await Virt("define", bad);
        Assert.Equal(1, define.ExitCode);
        Assert.StartsWith($"error: Failed to define domain from {bad}\nerror: (domain_definition):2:", define.Stderr);

        var unknown = await Virt("start", "nosuch");
        Assert.Equal(new CliResult("\n", "error: failed to get domain 'nosuch'\n", 1), unknown);

        await Virt("define", WriteXml("c3"));
        var shutdown = await Virt("shutdown", "c3");
        Assert.Equal(new CliResult("\n", "error: Failed to shutdown domain 'c3'\nerror: Requested operation is not valid: domain is not running\n", 1), shutdown);

        await Virt("define", WriteXml("c4", body: File.ReadAllText(WriteXml("c4")).Replace(GuestDir + "/vmlinux", "/nonexistent/vmlinux")));
        var start = await Virt("start", "c4");
        Assert.Equal(new CliResult("\n", "error: Failed to start domain 'c4'\nerror: Cannot access kernel file '/nonexistent/vmlinux': No such file or directory\n", 1), start);
        Assert.Equal("shut off\n\n", (await Virt("domstate", "c4")).Stdout);
    }

    [Fact]
    public async Task Two_cli_processes_at_once_never_corrupt_state()
    {
        var files = Enumerable.Range(0, 12).Select(i => WriteXml($"p{i}")).ToList();
        var results = await Task.WhenAll(files.Select(f => Virt("define", f)));
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        var names = (await Virt("list", "--all", "--name")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(files.Count, names.Length);

        var starts = await Task.WhenAll(Virt("start", "p0"), Virt("start", "p0"));
        Assert.Single(starts, r => r.ExitCode == 0);
        var loser = Assert.Single(starts, r => r.ExitCode == 1);
        // virsh's own check ("already active") or the driver's, depending on who got the lock first.
        Assert.Matches("^error: (Domain is already active|Failed to start domain 'p0'\nerror: Requested operation is not valid: domain is already running)\n$", loser.Stderr);
        Assert.Equal(new CliResult("Domain 'p0' destroyed\n\n", "", 0), await Virt("destroy", "p0"));
    }

    public void Dispose()
    {
        // Kill any guest a failed test left behind, then drop the root.
        foreach (var status in Directory.Exists(Path.Combine(_root, "run", "qemu")) ? Directory.GetFiles(Path.Combine(_root, "run", "qemu"), "*.xml") : [])
        {
            var m = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(status), "pid='(\\d+)'");
            if (m.Success) try { System.Diagnostics.Process.GetProcessById(int.Parse(m.Groups[1].Value)).Kill(); } catch (ArgumentException) { }
        }
        Directory.Delete(_root, recursive: true);
    }
}
