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

    /// <summary>virsh reads commands from stdin without arguments; virt has no interactive shell.</summary>
    [Fact]
    public async Task NoCommandIsAnError()
    {
        var ours = await CliRun.OursAsync("-c", CliRun.TestUri);
        Assert.Equal(new CliResult("", "error: interactive mode is not supported; give a command to run\n", 1), ours);
    }
}
