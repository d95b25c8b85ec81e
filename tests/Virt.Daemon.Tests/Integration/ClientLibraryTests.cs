using Virt.Daemon.Tests.Infrastructure;

namespace Virt.Daemon.Tests.Integration;

/// <summary>python3-libvirt and Ansible's community.libvirt.virt, unmodified, against virtd's socket.</summary>
public sealed class ClientLibraryTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private DaemonProcess Daemon => fixture.Daemon;

    [Fact]
    public async Task Python_libvirt_runs_every_call_and_is_refused_on_the_read_only_socket()
    {
        var xml = Guests.WriteXml(Daemon, "py1");
        var r = await Clients.PythonAsync("client.py", Daemon.Uri, Daemon.ReadOnlyUri, xml, "py1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.EndsWith("OK\n", r.Stdout);
        // The server, not only the library, refused the read-only socket's state changes.
        Assert.Contains("refused: 29 operation forbidden: read only access prevents virDomainDestroy", r.Stdout);
        Assert.Contains("refused: 29 operation forbidden: virDomainGetXMLDesc with secure flag", r.Stdout);
    }

    [Fact]
    public async Task Python_remote_uri_lets_the_daemon_pick_its_driver()
    {
        // remote+unix:///?socket=… sends CONNECT_OPEN("") and the daemon serves its own qemu driver.
        var r = await Clients.RunAsync(Clients.Python,
            ["-c", $"import libvirt; c = libvirt.open('remote+unix:///?socket={Daemon.SocketPath}'); print(c.getType()); print(c.listAllDomains())"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("QEMU\n[]\n", r.Stdout);
    }

    [Fact]
    public async Task Ansible_playbook_example_runs_green()
    {
        var xml = Guests.WriteTinyXml(Daemon);
        var playbook = Path.Combine(Guests.RepoRoot, "examples", "ansible", "tiny.yml");
        var inventory = Path.Combine(Guests.RepoRoot, "examples", "ansible", "inventory.ini");
        var r = await Clients.RunAsync("ansible-playbook",
            ["-i", inventory, playbook, "-e", $"virtd_socket={Daemon.SocketPath}", "-e", $"domain_xml={xml}"],
            new Dictionary<string, string> { ["ANSIBLE_NOCOLOR"] = "1", ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Daemon.Dir, "ansible-tmp") },
            TimeSpan.FromMinutes(10));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("All assertions passed", r.Stdout);
        Assert.Matches(@"localhost\s+: ok=18\s+changed=5\s+unreachable=0\s+failed=0", r.Stdout);
    }
}
