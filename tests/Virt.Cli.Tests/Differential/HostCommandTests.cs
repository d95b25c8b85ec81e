namespace Virt.Cli.Tests.Differential;

/// <summary>The host group against the test driver: the documents it serves and the errors for what it lacks.</summary>
public sealed class HostCommandTests
{
    [Theory]
    [InlineData("capabilities")]
    [InlineData("domcapabilities")]
    [InlineData("domcapabilities --virttype test --arch i686")]
    [InlineData("domcapabilities qemu /usr/bin/qemu-system-x86_64 x86_64 pc")]
    [InlineData("domcapabilities a b c d e")]
    [InlineData("sysinfo")]
    [InlineData("hostname")]
    [InlineData("uri")]
    [InlineData("nodeinfo")]
    [InlineData("connect")]
    [InlineData("connect; uri; connect test:///default --readonly; destroy test; connect --name test:///default; list")]
    [InlineData("destroy test; connect test:///default; list --all")]
    [InlineData("connect --name bogus")]
    [InlineData("connect x y")]
    [InlineData("version x")]
    [InlineData("hostname x")]
    public Task Query(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    /// <summary>Only the library lines name the library; "Using API", the hypervisor and the daemon lines match virsh.</summary>
    [Fact]
    public Task VersionWithDaemon() =>
        DifferentialAssert.SameAsVirshAsync(RunOptions.Default, r => r, LibraryLines, "-c", CliRun.TestUri, "version --daemon");

    /// <summary>Our two library lines in virsh's words, so the rest can be compared.</summary>
    internal static CliResult LibraryLines(CliResult r) => r with
    {
        Stdout = System.Text.RegularExpressions.Regex.Replace(r.Stdout, @"(library): virt \d+\.\d+\.\d+", "$1: libvirt 9.0.0"),
    };
}
