using System.Text.RegularExpressions;
using Virt.Model.Domains;
using Virt.Model.Units;

namespace Virt.Model.Tests;

/// <summary>
/// Each default of <see cref="DomainDefaults"/>, with the output libvirt's test driver gives for the
/// same input (CorpusTests.Defaults_match_libvirts_test_driver checks the whole corpus live).
/// </summary>
public class DefaultsTests
{
    private static string Apply(string xml)
    {
        var def = DomainDefinition.Parse(xml);
        DomainDefaults.Apply(def);
        return Regex.Replace(def.ToXml(), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private static string Devices(string devices, string top = "") =>
        Apply($"<domain type='test'><name>d</name><memory>1024</memory>{top}<os><type arch='i686'>hvm</type></os><devices>{devices}</devices></domain>");

    [Fact]
    public void A_bare_domain_gets_what_libvirt_adds()
    {
        Assert.Equal("""
            <domain type='test'>
              <name>bare</name>
              <uuid>UUID</uuid>
              <memory unit='KiB'>1048576</memory>
              <currentMemory unit='KiB'>1048576</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <os>
                <type arch='x86_64'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
              </devices>
            </domain>

            """, Apply("<domain type='test'><name>bare</name><memory unit='GiB'>1</memory><os><type>hvm</type></os></domain>"));
    }

    [Theory]
    [InlineData("1", "", 1UL)]
    [InlineData("1", "b", 1UL)]
    [InlineData("1025", "bytes", 2UL)]
    [InlineData("1001", "KB", 978UL)]
    [InlineData("1", "k", 1UL)]
    [InlineData("1", "KiB", 1UL)]
    [InlineData("1", "M", 1024UL)]
    [InlineData("1", "MB", 977UL)]
    [InlineData("1", "mib", 1024UL)]
    [InlineData("2", "G", 2097152UL)]
    [InlineData("1", "GB", 976563UL)]
    [InlineData("1", "TiB", 1073741824UL)]
    [InlineData("1", "tb", 976562500UL)]
    [InlineData("1", "P", 1099511627776UL)]
    [InlineData("1", "PB", 976562500000UL)]
    [InlineData("7", "EiB", 7881299347898368UL)]
    [InlineData("1", "eb", 976562500000000UL)]
    public void Every_memory_unit_libvirt_accepts_normalises_to_KiB(string value, string unit, ulong kib)
    {
        Assert.True(MemoryUnits.TryToKiB(value, unit, out var actual));
        Assert.Equal(kib, actual);
        var attr = unit.Length == 0 ? "" : $" unit='{unit}'";
        Assert.Contains($"<memory unit='KiB'>{kib}</memory>", Apply($"<domain type='test'><name>m</name><memory{attr}>{value}</memory><os><type>hvm</type></os></domain>"));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("KiBs")]
    [InlineData("Mi")]
    [InlineData("q")]
    public void Unknown_units_are_refused(string unit) => Assert.False(MemoryUnits.IsKnownUnit(unit));

    [Fact]
    public void Vcpu_gets_placement_static_first()
    {
        Assert.Contains("<vcpu placement='static' cpuset='0-1' current='1'>2</vcpu>", Apply(
            "<domain type='test'><name>v</name><memory>1024</memory><vcpu current='1' cpuset='0-1'>2</vcpu><os><type>hvm</type></os></domain>"));
    }

    [Fact]
    public void Custom_cpu_model_gets_match_fallback_and_dies()
    {
        var xml = Apply("<domain type='test'><name>c</name><memory>1024</memory><os><type>hvm</type></os><cpu mode='custom'><model>Haswell</model><topology sockets='1' cores='2' threads='1'/></cpu></domain>");
        Assert.Contains("""
              <cpu mode='custom' match='exact'>
                <model fallback='allow'>Haswell</model>
                <topology sockets='1' dies='1' cores='2' threads='1'/>
              </cpu>
            """.Replace("\r", ""), xml);
    }

    [Fact]
    public void Disks_get_type_device_bus_drive_address_and_controllers()
    {
        var xml = Devices("<disk><source file='/x'/><target dev='sda'/></disk><disk type='file' device='cdrom'><target dev='hdc'/></disk><disk type='file' device='floppy'><target dev='fdb'/></disk>");
        Assert.Contains("<disk type='file' device='disk'>", xml);
        Assert.Contains("<target dev='sda' bus='scsi'/>", xml);
        Assert.Contains("<address type='drive' controller='0' bus='0' target='0' unit='0'/>", xml);
        Assert.Contains("<target dev='hdc' bus='ide'/>\n      <readonly/>\n      <address type='drive' controller='0' bus='1' target='0' unit='0'/>", xml);
        Assert.Contains("<target dev='fdb' bus='fdc'/>\n      <address type='drive' controller='0' bus='0' target='0' unit='1'/>", xml);
        Assert.Contains("<controller type='scsi' index='0'/>\n    <controller type='fdc' index='0'/>\n    <controller type='ide' index='0'/>", xml);
    }

    [Theory]
    [InlineData("vda", 0)]
    [InlineData("vdz", 25)]
    [InlineData("vdaa", 26)]
    [InlineData("sdb", 1)]
    [InlineData("xvdc", 2)]
    [InlineData("vd", null)]
    [InlineData("vd1", null)]
    public void Disk_name_to_index_is_libvirts(string dev, int? index) => Assert.Equal(index, DomainDefaults.DiskNameToIndex(dev));

    [Theory]
    [InlineData("vda", "virtio")]
    [InlineData("sdc", "scsi")]
    [InlineData("hdd", "ide")]
    [InlineData("fda", "fdc")]
    [InlineData("xvda", "xen")]
    [InlineData("ubda", "uml")]
    [InlineData("zz", "ide")]
    public void Bus_from_the_device_name(string dev, string bus) => Assert.Equal(bus, DomainDefaults.BusFromDeviceName(dev));

    [Fact]
    public void Interfaces_get_a_qemu_prefix_mac()
    {
        var xml = Devices("<interface type='network'><source network='default'/></interface>");
        Assert.Matches("<interface type='network'>\n      <mac address='52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}'/>\n      <source network='default'/>", xml);
        for (var i = 0; i < 100; i++)
        {
            var mac = DomainInterface.GenerateMac();
            Assert.True(DomainInterface.IsValidMac(mac));
            Assert.False(DomainInterface.IsMulticastMac(mac));
        }
    }

    [Fact]
    public void The_first_serial_gets_a_console()
    {
        Assert.Contains("""
                <serial type='file'>
                  <source path='/tmp/s'/>
                  <target port='0'/>
                </serial>
                <console type='file'>
                  <source path='/tmp/s'/>
                  <target type='serial' port='0'/>
                </console>
            """.Replace("\r", ""), Devices("<serial type='file'><source path='/tmp/s'/></serial>"));
    }

    [Fact]
    public void A_lone_console_gets_a_serial()
    {
        Assert.Contains("""
                <serial type='pty'>
                  <target port='0'/>
                </serial>
                <console type='pty'>
                  <target type='serial' port='0'/>
                </console>
            """.Replace("\r", ""), Devices("<console type='pty'/>"));
    }

    [Fact]
    public void A_virtio_console_gets_a_serial_console_before_it_and_a_virtio_serial_controller()
    {
        var xml = Devices("<serial type='pty'/><console type='pty'><target type='virtio'/></console>");
        Assert.Contains("<controller type='virtio-serial' index='0'/>", xml);
        Assert.Contains("<console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n    <console type='pty'>\n      <target type='virtio'/>", xml);
    }

    [Fact]
    public void Tcp_char_devices_get_protocol_raw() =>
        Assert.Contains("<protocol type='raw'/>", Devices("<channel type='tcp'><source mode='connect' host='h' service='1'/><target type='guestfwd' address='10.0.2.1' port='1'/></channel>"));

    [Fact]
    public void Graphics_defaults()
    {
        var xml = Devices("<graphics type='vnc'/><graphics type='spice'/><graphics type='vnc' port='5901' listen='127.0.0.1'/>");
        Assert.Contains("<graphics type='vnc' port='-1' autoport='yes'>\n      <listen type='address'/>", xml);
        Assert.Contains("<graphics type='spice'>\n      <listen type='none'/>", xml);
        Assert.Contains("<graphics type='vnc' port='5901' autoport='no' listen='127.0.0.1'>\n      <listen type='address' address='127.0.0.1'/>", xml);
    }

    [Fact]
    public void Video_defaults()
    {
        var xml = Devices("<video><model type='vga'/></video><video><model type='qxl'/></video><video><model type='virtio'/></video>");
        Assert.Contains("<model type='vga' vram='16384' heads='1' primary='yes'/>", xml);
        Assert.Contains("<model type='qxl' ram='65536' vram='65536' heads='1'/>", xml);
        Assert.Contains("<model type='virtio' heads='1'/>", xml);
    }

    [Fact]
    public void Filesystems_smartcards_and_controller_indexes()
    {
        var xml = Devices("<controller type='usb' model='qemu-xhci'/><filesystem><source dir='/tmp'/><target dir='t'/></filesystem><smartcard mode='host'/>");
        Assert.Contains("<controller type='usb' index='0' model='qemu-xhci'/>\n    <controller type='ccid' index='0'/>", xml);
        Assert.Contains("<filesystem type='mount' accessmode='passthrough'>", xml);
        Assert.Contains("<smartcard mode='host'>\n      <address type='ccid' controller='0' slot='0'/>", xml);
    }

    [Fact]
    public void No_boot_dev_when_a_device_has_a_boot_order() =>
        Assert.DoesNotContain("<boot dev=", Devices("<disk type='file'><source file='/x'/><target dev='vda'/><boot order='1'/></disk>"));

    [Fact]
    public void Devices_are_grouped_by_kind_and_disks_by_bus_like_libvirt()
    {
        var xml = Devices("<serial type='pty'/><disk type='file'><source file='/a'/><target dev='vdb'/></disk><interface type='user'/>"
            + "<disk type='file'><source file='/b'/><target dev='sda' bus='scsi'/></disk><disk type='file'><source file='/c'/><target dev='vda'/></disk>");
        var devices = xml[xml.IndexOf("<devices>", StringComparison.Ordinal)..];
        var kinds = Regex.Matches(devices, "\n    <([a-z]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["disk", "disk", "disk", "controller", "interface", "serial", "console"], kinds);
        var disks = Regex.Matches(xml, "<target dev='([a-z]+)'").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["vda", "vdb", "sda"], disks);
    }

    [Fact]
    public void Parse_and_format_alone_never_reorder()
    {
        const string xml = "<domain type='test'><name>o</name><memory>1</memory><os><type>hvm</type></os><devices><serial type='pty'/><disk type='file'><source file='/a'/><target dev='vdb'/></disk><interface type='user'/></devices></domain>";
        var text = DomainDefinition.Parse(xml).ToXml();
        Assert.True(text.IndexOf("<serial", StringComparison.Ordinal) < text.IndexOf("<disk", StringComparison.Ordinal));
        Assert.True(text.IndexOf("<disk", StringComparison.Ordinal) < text.IndexOf("<interface", StringComparison.Ordinal));
    }
}
