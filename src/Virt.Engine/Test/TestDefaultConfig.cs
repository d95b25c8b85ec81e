using Virt.Api.Host;

namespace Virt.Engine.Test;

/// <summary>
/// What libvirt's built-in <c>test:///default</c> configuration holds, read from the real thing
/// (<c>virsh -c test:///default dumpxml test</c>, <c>nodeinfo</c>, <c>version</c>; libvirt 9.0).
/// </summary>
internal static class TestDefaultConfig
{
    /// <summary>The domain every fresh test connection starts with, running with id 1.</summary>
    public const string DomainXml = """
        <domain type='test'>
          <name>test</name>
          <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
          <memory unit='KiB'>8388608</memory>
          <currentMemory unit='KiB'>2097152</currentMemory>
          <vcpu placement='static'>2</vcpu>
          <os>
            <type arch='i686'>hvm</type>
            <boot dev='hd'/>
          </os>
          <clock offset='utc'/>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>restart</on_reboot>
          <on_crash>destroy</on_crash>
          <devices>
            <disk type='file' device='disk'>
              <source file='/guest/diskimage1'/>
              <target dev='vda' bus='virtio'/>
              <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
            </disk>
            <interface type='network'>
              <mac address='aa:bb:cc:dd:ee:ff'/>
              <source network='default'/>
              <target dev='testnet0'/>
              <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
            </interface>
            <memballoon model='virtio'>
              <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
            </memballoon>
          </devices>
        </domain>
        """;

    public const int DomainId = 1;

    /// <summary>The guest architecture the test driver's capabilities offer first.</summary>
    public const string DefaultArch = "i686";

    /// <summary>What <c>virDomainGetOSType</c> answers for every test domain.</summary>
    public const string OsType = "linux";

    public const string Type = "TEST";

    /// <summary><c>virConnectGetVersion</c>: 2, printed by virsh as 0.0.2.</summary>
    public const ulong HypervisorVersion = 2;

    public static readonly NodeInfo Node = new(Model: "i686", MemoryKiB: 3 * 1024 * 1024, Cpus: 16, Mhz: 1400,
        Nodes: 2, Sockets: 2, Cores: 2, Threads: 2);
}
