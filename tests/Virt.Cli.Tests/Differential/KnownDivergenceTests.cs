namespace Virt.Cli.Tests.Differential;

/// <summary>
/// Where virt prints something else than virsh on purpose; each test pins what is still shared
/// (line shapes, the first error line, exit codes) and states the reason.
/// </summary>
public sealed class KnownDivergenceTests
{
    /// <summary>
    /// virt is not libvirt: the two library lines name virt and its version. "Using API" keeps the
    /// libvirt API level Virt implements (9.0.0) and the hypervisor line is the driver's, so those match.
    /// </summary>
    [Fact]
    public async Task VersionNamesVirtAsTheLibrary()
    {
        var virsh = (await CliRun.VirshAsync("-c", CliRun.TestUri, "version")).Stdout.Split('\n');
        var ours = await CliRun.OursAsync("-c", CliRun.TestUri, "version");
        var lines = ours.Stdout.Split('\n');
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal("", ours.Stderr);
        Assert.Equal(virsh.Length, lines.Length);
        Assert.Matches(@"^Compiled against library: virt \d+\.\d+\.\d+$", lines[0]);
        Assert.Matches(@"^Using library: virt \d+\.\d+\.\d+$", lines[1]);
        Assert.Equal(virsh[2..], lines[2..]);
    }

    /// <summary>virsh fails in its remote driver (no libvirtd socket); virt has no driver for the scheme.</summary>
    [Fact]
    public async Task UnknownDriverFailsTheConnectionWithOurOwnReason()
    {
        var virsh = await CliRun.VirshAsync("-c", "bogus:///x", "list");
        var ours = await CliRun.OursAsync("-c", "bogus:///x", "list");
        Assert.Equal((virsh.ExitCode, virsh.Stdout), (ours.ExitCode, ours.Stdout));
        Assert.Equal(virsh.Stderr.Split('\n')[0], ours.Stderr.Split('\n')[0]);
        Assert.Equal("error: failed to connect to the hypervisor\nerror: no connection driver available for bogus:///x\n",
            ours.Stderr);
    }

    /// <summary>The interactive shell names itself: "Welcome to virt" and the prompt "virt # " ("virt > " read-only).</summary>
    [Fact]
    public async Task InteractiveShellNamesVirt()
    {
        var ours = await CliRun.OursAsync(new RunOptions("uri\n"), "-c", CliRun.TestUri);
        Assert.Equal(new CliResult(
            "Welcome to virt, the virtualization interactive terminal.\n\n" +
            "Type:  'help' for help with commands\n       'quit' to quit\n\n" +
            "virt # uri\ntest:///default\n\nvirt # \n", "", 0), ours);
    }

    /// <summary>
    /// With no URI at all virsh asks libvirtd's socket; virt opens its embedded QEMU driver (see
    /// DefaultConnectUri), so an empty <c>-c ''</c> works where virsh fails to connect.
    /// </summary>
    [Fact]
    public async Task EmptyUriMeansTheEmbeddedDriver()
    {
        var virsh = await CliRun.VirshAsync("-c", "", "uri");
        Assert.Equal(1, virsh.ExitCode);
        var home = Path.Combine(Fixtures.Directory, "home-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new RunOptions { Environment = new Dictionary<string, string> { ["XDG_DATA_HOME"] = home } };
        var ours = await CliRun.OursAsync(options, "-c", "", "uri");
        Assert.Equal(new CliResult($"qemu:///embed?root={home}/virt/embed\n\n", "", 0), ours);
    }
}
