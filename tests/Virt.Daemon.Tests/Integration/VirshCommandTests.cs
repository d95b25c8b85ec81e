using System.Text.RegularExpressions;
using System.Xml.Linq;
using Virt.Daemon.Tests.Infrastructure;
using static Virt.Daemon.Tests.Infrastructure.VirshFormat;

namespace Virt.Daemon.Tests.Integration;

/// <summary>
/// Debian's virsh 9.0 against virtd through <c>qemu+unix:///system?socket=…</c>: every command of
/// SPEC §c, with what it prints compared to SPEC §f. Running-state commands boot the example guest.
/// </summary>
public sealed partial class VirshCommandTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private DaemonProcess Daemon => fixture.Daemon;

    private Task<ClientResult> Virsh(params string[] args) => Clients.VirshAsync(Daemon.Uri, args);

    private async Task<string> Ok(params string[] args)
    {
        var r = await Virsh(args);
        Assert.True(r.ExitCode == 0, $"virsh {string.Join(' ', args)}: {r}");
        Assert.Equal("", r.Stderr);
        return r.Stdout;
    }

    private async Task<string> Fails(params string[] args)
    {
        var r = await Virsh(args);
        Assert.True(r.ExitCode == 1, $"virsh {string.Join(' ', args)} should fail: {r}");
        return r.Stderr;
    }

    [Fact]
    public async Task Host_commands_print_what_libvirtd_prints()
    {
        var version = await Ok("version");
        Assert.Matches(@"^Compiled against library: libvirt 9\.0\.0\nUsing library: libvirt 9\.0\.0\nUsing API: QEMU 9\.0\.0\nRunning hypervisor: QEMU 7\.\d+\.\d+\n\n$", version);
        Assert.EndsWith("Running against daemon: 9.0.0\n\n", await Ok("version", "--daemon"));

        var nodeinfo = await Ok("nodeinfo");
        Assert.Matches(@"^CPU model:           x86_64\nCPU\(s\):              \d+\n(CPU frequency:       \d+ MHz\n)?CPU socket\(s\):       \d+\n" +
                       @"Core\(s\) per socket:  \d+\nThread\(s\) per core:  \d+\nNUMA cell\(s\):        1\nMemory size:         \d+ KiB\n\n$", nodeinfo);
        Assert.Contains($"CPU(s):              {Environment.ProcessorCount}\n", nodeinfo);

        Assert.Equal(Line(System.Net.Dns.GetHostName()), await Ok("hostname"));
        Assert.Equal(Line(Daemon.Uri), await Ok("uri"));

        var caps = XElement.Parse(await Ok("capabilities"));
        Assert.Equal("x86_64", caps.Element("host")!.Element("cpu")!.Element("arch")!.Value);
        Assert.Equal("none", caps.Element("host")!.Element("secmodel")!.Element("model")!.Value);
        var arch = caps.Element("guest")!.Element("arch")!;
        Assert.Equal("x86_64", arch.Attribute("name")!.Value);
        Assert.Equal("/usr/bin/qemu-system-x86_64", arch.Element("emulator")!.Value);
        var machines = arch.Elements("machine").ToList();
        Assert.Contains(machines, m => m.Value == "q35" && m.Attribute("canonical")!.Value.StartsWith("pc-q35-", StringComparison.Ordinal));
        Assert.Contains(machines, m => m.Value == "pc" && m.Attribute("canonical")!.Value.StartsWith("pc-i440fx-", StringComparison.Ordinal));
        var types = arch.Elements("domain").Select(d => d.Attribute("type")!.Value).ToList();
        Assert.Equal(File.Exists("/dev/kvm") ? ["qemu", "kvm"] : ["qemu"], types);
    }

    [Fact]
    public async Task Inactive_domain_commands()
    {
        const string uuid = "6f0c8a3e-1b2d-4c5e-9f70-0123456789ab";
        var xml = Guests.WriteXml(Daemon, "lab1", uuid);
        Assert.Equal(Line($"Domain 'lab1' defined from {xml}"), await Ok("define", xml));

        Assert.Equal(List(("-", "lab1", "shut off")), await Ok("list", "--all"));
        Assert.Equal(List(), await Ok("list"));
        Assert.Equal(Line("shut off"), await Ok("domstate", "lab1"));
        Assert.Equal(Line("shut off (unknown)"), await Ok("domstate", "--reason", "lab1"));
        Assert.Equal(Line("-"), await Ok("domid", "lab1"));
        Assert.Equal(Line(uuid), await Ok("domuuid", "lab1"));
        Assert.Equal(Line("lab1"), await Ok("domname", uuid));

        var info = Fields(15,
            ("Id:", "-"), ("Name:", "lab1"), ("UUID:", uuid), ("OS Type:", "hvm"), ("State:", "shut off"), ("CPU(s):", "1"),
            ("Max memory:", "131072 KiB"), ("Used memory:", "131072 KiB"), ("Persistent:", "yes"), ("Autostart:", "disable"),
            ("Managed save:", "no"), ("Security model:", "none"), ("Security DOI:", "0"));
        Assert.Equal(info, await Ok("dominfo", "lab1"));
        Assert.Equal(info, await Ok("dominfo", uuid)); // by uuid, as virsh resolves a 36-character argument

        var dumped = await Ok("dumpxml", "lab1");
        Assert.StartsWith("<domain type='qemu'>", dumped);
        Assert.Contains($"<uuid>{uuid}</uuid>", dumped);
        Assert.Equal(dumped, await Ok("dumpxml", "--inactive", "lab1"));
        Assert.Equal(dumped, await Ok("dumpxml", "--security-info", "lab1"));

        Assert.Equal(Line("Domain 'lab1' marked as autostarted"), await Ok("autostart", "lab1"));
        Assert.Contains("Autostart:      enable\n", await Ok("dominfo", "lab1"));
        Assert.Equal(Line("Domain 'lab1' unmarked as autostarted"), await Ok("autostart", "--disable", "lab1"));
        Assert.Contains("Autostart:      disable\n", await Ok("dominfo", "lab1"));

        // Redefining the same name and uuid updates; the same uuid under another name is refused.
        Assert.Equal(Line($"Domain 'lab1' defined from {xml}"), await Ok("define", xml));
        var clash = Path.Combine(Daemon.Dir, "clash.xml");
        await File.WriteAllTextAsync(clash, (await File.ReadAllTextAsync(xml)).Replace("<name>lab1</name>", "<name>lab9</name>", StringComparison.Ordinal));
        Assert.StartsWith("error: Failed to define domain from " + clash + "\nerror: operation failed: ", await Fails("define", clash));

        Assert.Equal(Line("Domain 'lab1' has been undefined"), await Ok("undefine", "lab1"));
        Assert.Equal(List(), await Ok("list", "--all"));
    }

    [Fact]
    public async Task Unknown_domains_and_bad_requests_are_errors_with_libvirts_texts()
    {
        Assert.Equal("error: failed to get domain 'nosuchdomain'\n", await Fails("dominfo", "nosuchdomain"));
        Assert.Equal("error: failed to get domain 'nosuchdomain'\n", await Fails("start", "nosuchdomain"));
        Assert.Equal("error: failed to get domain '42'\n", await Fails("domname", "42"));

        var xml = Guests.WriteXml(Daemon, "errs");
        await Ok("define", xml);
        Assert.Equal("error: Failed to destroy domain 'errs'\nerror: Requested operation is not valid: domain is not running\n",
            await Fails("destroy", "errs"));
        Assert.Equal("error: Failed to suspend domain 'errs'\nerror: Requested operation is not valid: domain is not running\n",
            await Fails("suspend", "errs"));
        Assert.Equal("error: The domain is not running\n", await Fails("console", "errs"));
        await Ok("undefine", "errs");

        var broken = Path.Combine(Daemon.Dir, "broken.xml");
        await File.WriteAllTextAsync(broken, "<domain type='qemu'><name>x</name>");
        Assert.StartsWith($"error: Failed to define domain from {broken}\nerror: ", await Fails("define", broken));
    }

    [Fact]
    public async Task Running_domain_commands_on_a_booted_guest()
    {
        const string uuid = "0b6f4e0c-3c43-4f1e-9a5c-6b2d9a1e7c01";
        var xml = Guests.WriteXml(Daemon, "run1", uuid);
        await Ok("define", xml);
        Assert.Equal(Line("Domain 'run1' started"), await Ok("start", "run1"));
        Assert.Equal("error: Domain is already active\n", await Fails("start", "run1"));

        var id = (await Ok("domid", "run1")).Trim();
        Assert.Matches("^[1-9][0-9]*$", id);
        Assert.Equal(List((id, "run1", "running")), await Ok("list"));
        Assert.Equal(List((id, "run1", "running")), await Ok("list", "--all"));
        Assert.Equal(Line("running (booted)"), await Ok("domstate", "--reason", "run1"));
        Assert.Equal(Line("run1"), await Ok("domname", id));

        var info = await Ok("dominfo", id); // by id
        Assert.Matches(new Regex(
            $"^Id:             {id}\nName:           run1\nUUID:           {uuid}\nOS Type:        hvm\nState:          running\n" +
            @"CPU\(s\):         1\n(CPU time:       \d+\.\ds\n)?Max memory:     131072 KiB\nUsed memory:    131072 KiB\n" +
            "Persistent:     yes\nAutostart:      disable\nManaged save:   no\nSecurity model: none\nSecurity DOI:   0\n" +
            "Messages:       tainted: running with undesirable elevated privileges\n\n$"), info);
        Assert.Contains($"<domain type='qemu' id='{id}'>", await Ok("dumpxml", "run1"));

        Assert.Equal(Line("Domain 'run1' suspended"), await Ok("suspend", "run1"));
        Assert.Equal(Line("paused (user)"), await Ok("domstate", "--reason", "run1"));
        Assert.Equal(List((id, "run1", "paused")), await Ok("list", "--all"));
        Assert.Equal(Line("Domain 'run1' resumed"), await Ok("resume", "run1"));
        Assert.Equal(Line("running (unpaused)"), await Ok("domstate", "--reason", "run1"));

        Assert.Equal(Line("Domain 'run1' destroyed"), await Ok("destroy", "run1"));
        Assert.Equal(Line("shut off (destroyed)"), await Ok("domstate", "--reason", "run1"));
        Assert.Equal(List(("-", "run1", "shut off")), await Ok("list", "--all"));

        Assert.Equal(Line("Domain 'run1' started"), await Ok("start", "--paused", "run1"));
        Assert.Equal(Line("paused"), await Ok("domstate", "run1"));
        await Ok("destroy", "run1");

        // create: a transient domain, gone once destroyed.
        var transient = Guests.WriteXml(Daemon, "trans1");
        Assert.Equal(Line($"Domain 'trans1' created from {transient}"), await Ok("create", transient));
        var tid = (await Ok("domid", "trans1")).Trim();
        Assert.Equal(List((tid, "trans1", "running"), ("-", "run1", "shut off")), await Ok("list", "--all"));
        Assert.Contains("Persistent:     no\n", await Ok("dominfo", "trans1"));
        Assert.Equal(Line("Domain 'trans1' destroyed"), await Ok("destroy", "trans1"));
        Assert.Equal(List(("-", "run1", "shut off")), await Ok("list", "--all"));

        await Ok("undefine", "run1");
    }

    [Fact]
    public async Task Interactive_virsh_runs_several_commands_on_one_connection()
    {
        var r = await Clients.RunAsync("bash", ["-c", $"printf 'hostname\\nlist --all\\nuri\\nquit\\n' | virsh -c '{Daemon.Uri}'"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(System.Net.Dns.GetHostName(), r.Stdout);
        Assert.Contains(" Id   Name   State", r.Stdout);
        Assert.Contains(Daemon.Uri, r.Stdout);
    }
}
