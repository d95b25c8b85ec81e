namespace Virt.Cli.Tests.Differential;

/// <summary>
/// The vCPU, memory, block and interface queries against the test driver, each compared with
/// virsh byte for byte (the test driver's CPU times follow the wall clock and are masked).
/// </summary>
public sealed class MonitorCommandTests
{
    [Theory]
    [InlineData("vcpucount test")]
    [InlineData("vcpucount --maximum test")]
    [InlineData("vcpucount --active --live test")]
    [InlineData("vcpucount --current test")]
    [InlineData("vcpucount --maximum --config test")]
    [InlineData("vcpucount --current --live test")]
    [InlineData("vcpucount --config --live test")]
    [InlineData("vcpucount --maximum --current --live --config test")]
    [InlineData("vcpucount --maximum --current --config --guest test")]
    [InlineData("vcpucount --active --maximum --guest --config test")]
    [InlineData("vcpucount --guest test")]
    [InlineData("destroy test; vcpucount test; vcpucount --live test; vcpucount --config test")]
    [InlineData("vcpuinfo test")]
    [InlineData("vcpuinfo --pretty test")]
    [InlineData("destroy test; vcpuinfo test; vcpuinfo --pretty test")]
    [InlineData("vcpuinfo nosuch")]
    public Task Vcpus(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    [Theory]
    [InlineData("dommemstat test")]
    [InlineData("destroy test; dommemstat test")]
    [InlineData("dommemstat --period 5 test; dumpxml test")]
    [InlineData("dommemstat --period 3 --config test; dumpxml --inactive test")]
    [InlineData("dommemstat --period -1 test")]
    [InlineData("dommemstat --period x test")]
    [InlineData("dommemstat test 5")]
    [InlineData("dommemstat --period 7 --live --config test")]
    [InlineData("dommemstat --current --live test")]
    [InlineData("destroy test; dommemstat --period 4 test; dumpxml test")]
    public Task MemoryStatistics(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    [Theory]
    [InlineData("domblklist test")]
    [InlineData("domblklist --details test")]
    [InlineData("domblklist --inactive test")]
    [InlineData("domiflist test")]
    [InlineData("domiflist --inactive test")]
    [InlineData("domblkinfo test vda")]
    [InlineData("domblkinfo test --device vda")]
    [InlineData("domblkinfo test /guest/diskimage1")]
    [InlineData("domblkinfo test")]
    [InlineData("domblkinfo test vdb")]
    [InlineData("domblkinfo test --all")]
    [InlineData("domblkinfo test --all --human")]
    [InlineData("domblkinfo --human test vda")]
    [InlineData("destroy test; domblkinfo test vda; domblklist test")]
    public Task BlockAndInterfaces(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    /// <summary>A domain with disks of each kind, interfaces of each kind, a title, pinned and partly online vCPUs.</summary>
    [Theory]
    [InlineData("create {0}; list --title; list --title --all --name; vcpuinfo devs; vcpuinfo --pretty devs; vcpucount devs")]
    [InlineData("create {0}; domblklist devs; domblklist --details devs; domiflist devs")]
    [InlineData("create {0}; domblkinfo devs --all; domblkinfo devs hdc; domblkinfo devs /tmp/nonexist.img; domblkinfo --human devs sda")]
    [InlineData("create {0}; dommemstat devs; dommemstat --period 5 devs; dumpxml devs --xpath //memballoon; dommemstat --period 7 --config devs")]
    [InlineData("define {0}; vcpuinfo devs; vcpucount devs; domblklist devs; list --all --title; start devs; vcpucount devs")]
    public Task DomainWithDevices(string commands) => DifferentialAssert.SameAsVirshAsync(string.Format(commands, Fixtures.Devices));
}
