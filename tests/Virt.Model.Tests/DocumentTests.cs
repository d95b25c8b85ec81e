using System.Xml.Linq;
using Virt.Model.Capabilities;
using Virt.Model.Networks;
using Virt.Model.Snapshots;
using Virt.Model.Storage;
using Virt.Model.Xml;

namespace Virt.Model.Tests;

/// <summary>
/// Capabilities, domain capabilities, networks, pools, volumes and snapshots: typed views over the
/// same lossless tree, checked against libvirt's schema for each. The fixtures under Documents/ are
/// libvirt's test driver output (capabilities, network-default, pool-default, volume-qcow2, snapshot)
/// or written by hand and checked with xmllint (the others).
/// </summary>
public class DocumentTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", name));

    public static TheoryData<string, string> Fixtures() => new()
    {
        { "capabilities.xml", "capability.rng" },
        { "domcapabilities-kvm.xml", "domaincaps.rng" },
        { "network-default.xml", "network.rng" },
        { "network-bridge-ipv6.xml", "network.rng" },
        { "pool-default.xml", "storagepool.rng" },
        { "pool-logical.xml", "storagepool.rng" },
        { "volume-qcow2.xml", "storagevol.rng" },
        { "snapshot.xml", "domainsnapshot.rng" },
        { "snapshot-external.xml", "domainsnapshot.rng" },
    };

    private static LibvirtDocument Parse(string name) => name switch
    {
        "capabilities.xml" => HostCapabilities.Parse(Fixture(name)),
        "domcapabilities-kvm.xml" => DomainCapabilities.Parse(Fixture(name)),
        _ when name.StartsWith("network", StringComparison.Ordinal) => NetworkDefinition.Parse(Fixture(name)),
        _ when name.StartsWith("pool", StringComparison.Ordinal) => StoragePoolDefinition.Parse(Fixture(name)),
        _ when name.StartsWith("volume", StringComparison.Ordinal) => StorageVolumeDefinition.Parse(Fixture(name)),
        _ => DomainSnapshotDefinition.Parse(Fixture(name)),
    };

    private static LibvirtDocument ParseYaml(string name, string yaml) => name switch
    {
        "capabilities.xml" => HostCapabilities.ParseYaml(yaml),
        "domcapabilities-kvm.xml" => DomainCapabilities.ParseYaml(yaml),
        _ when name.StartsWith("network", StringComparison.Ordinal) => NetworkDefinition.ParseYaml(yaml),
        _ when name.StartsWith("pool", StringComparison.Ordinal) => StoragePoolDefinition.ParseYaml(yaml),
        _ when name.StartsWith("volume", StringComparison.Ordinal) => StorageVolumeDefinition.ParseYaml(yaml),
        _ => DomainSnapshotDefinition.ParseYaml(yaml),
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Round_trips_through_xml_and_yaml_and_stays_schema_valid(string name, string rng)
    {
        var doc = Parse(name);
        var xml = doc.ToXml();
        Tools.AssertEquivalent(Fixture(name), xml);
        Assert.Equal(xml, Parse(name).ToXml());
        var fromYaml = ParseYaml(name, doc.ToYaml());
        Assert.True(XNode.DeepEquals(doc.Root, fromYaml.Root), doc.ToYaml());
        Assert.Equal(xml, fromYaml.ToXml());
        var files = Tools.WriteTemp([(name, xml), ("yaml-" + name, fromYaml.ToXml())]);
        Assert.Equal("", Tools.RelaxNgFailures(Path.Combine("/usr/share/libvirt/schemas", rng), files));
    }

    [Fact]
    public void Capabilities_views()
    {
        var caps = HostCapabilities.Parse(Fixture("capabilities.xml"));
        Assert.Equal("i686", caps.HostArch);
        Assert.Equal([(0, 2097152UL, 8), (1, 4194304UL, 8)], caps.NumaCells.Select(c => (c.Id!.Value, c.MemoryKiB!.Value, c.Cpus)));
        Assert.Equal(["testSecurity"], caps.SecurityModels);
        var guests = caps.Guests.ToList();
        Assert.Equal(["hvm", "xen"], guests.Select(g => g.OsType!));
        Assert.Equal(("i686", 32, "/usr/bin/test-hv"), (guests[0].Arch!, guests[0].WordSize!.Value, guests[0].Emulator!));
        Assert.Equal(["test"], guests[0].DomainTypes);

        var dc = DomainCapabilities.Parse(Fixture("domcapabilities-kvm.xml"));
        Assert.Equal(("kvm", "pc-q35-7.2", "x86_64", 288), (dc.DomainType!, dc.Machine!, dc.Arch!, dc.MaxVcpus!.Value));
        Assert.Equal(["bios", "efi"], dc.Values("os", "firmware"));
        Assert.Equal(["ide", "fdc", "scsi", "virtio", "usb", "sata"], dc.Values("devices/disk", "bus"));
        Assert.Contains("/usr/share/OVMF/OVMF_CODE_4M.secboot.fd", dc.LoaderPaths);
        Assert.Equal(true, dc.CpuModeSupported("host-passthrough"));
        Assert.Contains(("EPYC", "no"), dc.CustomCpuModels);
        Assert.Equal(false, dc.Supported("features/sev"));
        Assert.Empty(dc.Values("devices/nothing", "x"));
    }

    [Fact]
    public void Network_views_and_rules()
    {
        var net = NetworkDefinition.Parse(Fixture("network-bridge-ipv6.xml"));
        Assert.Equal("lab", net.Name);
        Assert.Equal(ForwardMode.Route, net.Forward);
        Assert.Equal("eth0", net.ForwardDev);
        Assert.Equal(("virbr7", false, 9000), (net.BridgeName!, net.Stp!.Value, net.Mtu!.Value));
        Assert.Equal("lab.example", net.DomainName);
        var ips = net.Ips.ToList();
        Assert.Equal(("10.7.0.1", 24, "ipv4"), (ips[0].Address!, ips[0].Prefix!.Value, ips[0].Family));
        Assert.Equal([("10.7.0.100", "10.7.0.199")], ips[0].DhcpRanges.Select(r => (r.Start!, r.End!)));
        Assert.Equal("web", ips[0].DhcpHosts.Last().Name);
        Assert.Equal("ipv6", ips[1].Family);
        Assert.Equal(ForwardMode.Nat, NetworkDefinition.Parse(Fixture("network-default.xml")).Forward);

        net.Forward = null;
        net.BridgeName = "virbr9";
        Assert.DoesNotContain("<forward", net.ToXml());
        Assert.Contains("<bridge name='virbr9' stp='off' delay='0'/>", net.ToXml());

        var bad = Assert.Throws<DomainValidationException>(() => NetworkDefinition.Parse("<network><name>n</name><forward mode='tunnel'/></network>"));
        Assert.Equal("/network/forward/@mode: unknown value 'tunnel' (expected one of: nat, route, open, bridge, private, vepa, passthrough, hostdev)", bad.Message);
        Assert.Equal(ModelErrorKind.NoName, Assert.Throws<DomainValidationException>(() => NetworkDefinition.Parse("<network/>")).Kind);
        Assert.Equal("unexpected root element <pool>, expecting <network>", Assert.Throws<DomainValidationException>(() => NetworkDefinition.Parse("<pool/>")).Message);
    }

    [Fact]
    public void Storage_views_and_rules()
    {
        var pool = StoragePoolDefinition.Parse(Fixture("pool-logical.xml"));
        Assert.Equal((StoragePoolType.Logical, "vg0"), (pool.Type!.Value, pool.Name));
        Assert.Equal(500107862016UL, pool.CapacityBytes);
        Assert.Equal(["/dev/sdb1"], pool.SourceDevices);
        Assert.Equal(("vg0", "lvm2", "/dev/vg0", "0700"), (pool.SourceName!, pool.SourceFormat!, pool.TargetPath!, pool.TargetMode!));
        pool.TargetPath = "/dev/vg1";
        Assert.Contains("<path>/dev/vg1</path>", pool.ToXml());
        Assert.Equal("/default-pool", StoragePoolDefinition.Parse(Fixture("pool-default.xml")).TargetPath);

        var vol = StorageVolumeDefinition.Parse(Fixture("volume-qcow2.xml"));
        Assert.Equal((StorageVolumeType.File, "disk1.qcow2", 1073741824UL, "qcow2"), (vol.Type!.Value, vol.Name, vol.CapacityBytes!.Value, vol.Format!));
        Assert.Equal("/default-pool/disk1.qcow2", vol.TargetPath);
        vol.SetCapacityBytes(2UL << 30);
        Assert.Contains("<capacity unit='bytes'>2147483648</capacity>", vol.ToXml());

        Assert.Equal("/pool/@type: unknown value 'tape' (expected one of: dir, fs, netfs, logical, disk, iscsi, iscsi-direct, scsi, mpath, rbd, sheepdog, gluster, zfs, vstorage)",
            Assert.Throws<DomainValidationException>(() => StoragePoolDefinition.Parse("<pool type='tape'><name>p</name></pool>")).Message);
        Assert.Equal("/volume/capacity: missing capacity element",
            Assert.Throws<DomainValidationException>(() => StorageVolumeDefinition.Parse("<volume><name>v</name></volume>")).Message);
        Assert.StartsWith("/volume/capacity/@unit: unknown unit 'parsecs'",
            Assert.Throws<DomainValidationException>(() => StorageVolumeDefinition.Parse("<volume><name>v</name><capacity unit='parsecs'>1</capacity></volume>")).Message);
    }

    [Fact]
    public void Snapshot_views_and_rules()
    {
        var snap = DomainSnapshotDefinition.Parse(Fixture("snapshot.xml"));
        Assert.Equal(("snap1", "first snapshot", SnapshotState.Running), (snap.Name!, snap.Description!, snap.State!.Value));
        Assert.Equal(1795310420L, snap.CreationTime);
        Assert.Equal(SnapshotMode.Internal, snap.Memory);
        Assert.Equal([("vda", SnapshotMode.Internal)], snap.Disks.Select(d => (d.Name, d.Snapshot!.Value)));
        var domain = snap.Domain!;
        Assert.Equal("test", domain.Name);
        Assert.Equal(8388608UL, domain.MemoryKiB);
        domain.Title = "edited through the snapshot";
        Assert.Contains("<title>edited through the snapshot</title>", snap.ToXml());

        var ext = DomainSnapshotDefinition.Parse(Fixture("snapshot-external.xml"));
        Assert.Equal(SnapshotMode.No, ext.Memory);
        var disk = ext.Disks.First();
        Assert.Equal((SnapshotMode.External, "/var/lib/libvirt/images/root.before-upgrade.qcow2", "qcow2"), (disk.Snapshot!.Value, disk.SourceFile!, disk.DriverType!));
        Assert.Null(ext.Domain);

        Assert.Equal("/domainsnapshot/disks/disk[2]: disk 'vda' is listed twice",
            Assert.Throws<DomainValidationException>(() => DomainSnapshotDefinition.Parse("<domainsnapshot><disks><disk name='vda'/><disk name='vda'/></disks></domainsnapshot>")).Message);
        Assert.StartsWith("/domainsnapshot/state: unknown value 'asleep'",
            Assert.Throws<DomainValidationException>(() => DomainSnapshotDefinition.Parse("<domainsnapshot><state>asleep</state></domainsnapshot>")).Message);
    }
}
