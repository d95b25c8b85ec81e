using System.Xml.Linq;
using Virt.Model.Domains;

namespace Virt.Model.Tests;

/// <summary>The typed views read the example documents and write libvirt-shaped XML.</summary>
public class ViewTests
{
    private static DomainDefinition Load(string name) => DomainDefinition.Parse(Repo.Example(name));

    [Fact]
    public void Windows_guest_features_firmware_and_clock()
    {
        var def = Load("windows-hyperv.xml");
        Assert.Equal("win11", def.Name);
        Assert.Equal("Windows 11 workstation", def.Title);
        Assert.Equal(8UL * 1024 * 1024, def.MemoryKiB);
        Assert.Equal(FirmwareKind.Efi, def.Os.Firmware);
        Assert.Equal(true, def.Os.Loader!.Secure);
        Assert.Equal("/var/lib/libvirt/qemu/nvram/win11_VARS.fd", def.Os.Nvram!.Path);
        Assert.Equal(true, def.Os.BootMenu);
        Assert.Equal(3000, def.Os.BootMenuTimeout);
        var features = def.Features!;
        Assert.True(features.Acpi);
        Assert.True(features.Apic);
        Assert.False(features.Pae);
        Assert.Equal(FeatureState.Off, features.Vmport);
        Assert.Equal(FeatureState.On, features.Smm);
        Assert.Equal(HypervMode.Custom, features.Hyperv!.Mode);
        Assert.Equal(FeatureState.On, features.Hyperv["relaxed"]);
        Assert.Equal(8191, features.Hyperv.SpinlockRetries);
        Assert.Equal("KVM Hv", features.Hyperv.VendorId);
        Assert.True(features.Kvm!.Hidden);
        Assert.Equal(CpuMode.HostPassthrough, def.Cpu!.Mode);
        Assert.Equal(CpuCheck.None, def.Cpu.Check);
        Assert.Equal(4UL, def.Cpu.Topology!.Total);
        Assert.Equal(ClockOffset.Localtime, def.Clock!.Offset);
        Assert.Equal([TimerName.Rtc, TimerName.Pit, TimerName.Hpet, TimerName.Hypervclock], def.Clock.Timers.Select(t => t.Name!.Value));
        Assert.Equal(TickPolicy.Catchup, def.Clock.Timers.First().TickPolicy);
        Assert.Equal(false, def.Clock.Timers.ElementAt(2).Present);
        Assert.Equal(false, def.Pm!.SuspendToMem);
        var tpm = def.Tpms.Single();
        Assert.Equal(TpmModel.TpmCrb, tpm.Model);
        Assert.Equal(TpmBackendType.Emulator, tpm.BackendType);
        Assert.Equal("2.0", tpm.BackendVersion);
        Assert.Equal(SoundModel.Ich9, def.Sounds.Single().Model);
        Assert.Equal(AudioType.Spice, def.Audios.Single().Type);
        var video = def.Videos.Single();
        Assert.Equal(VideoModel.Qxl, video.Model);
        Assert.Equal(65536UL, video.VramKiB);
        Assert.Equal(true, video.Primary);
    }

    [Fact]
    public void Disks_of_every_source_kind()
    {
        var def = Load("multi-disk.xml");
        var disks = def.Disks.ToList();
        Assert.Equal(7, disks.Count);
        var root = disks[0];
        Assert.Equal(DiskType.File, root.Type);
        Assert.Equal(DiskDevice.Disk, root.DeviceKind);
        Assert.Equal(DiskFormat.Qcow2, root.Driver.Format);
        Assert.Equal(DiskCache.Writeback, root.Driver.Cache);
        Assert.Equal(DiskIo.Threads, root.Driver.Io);
        Assert.Equal(DiskDiscard.Unmap, root.Driver.Discard);
        Assert.Equal("/var/lib/libvirt/images/root.qcow2", root.SourcePath);
        Assert.Equal(DiskBus.Virtio, root.Bus);
        Assert.Equal("ROOT-0001", root.Serial);
        Assert.Equal(1, root.BootOrder);
        Assert.True(disks[1].Shareable);
        Assert.Equal(DiskType.Block, disks[2].Type);
        Assert.Equal("/dev/vg0/scratch", disks[2].Source.Dev);
        Assert.Equal(DiskErrorPolicy.Stop, disks[2].Driver.ErrorPolicy);
        Assert.Equal(DeviceAddressType.Drive, disks[2].Address!.Type);
        Assert.Equal(0UL, disks[2].Address!.Unit);
        var rbd = disks[3].Source;
        Assert.Equal(DiskProtocol.Rbd, rbd.Protocol);
        Assert.Equal("pool/image", rbd.Name);
        Assert.Equal(["ceph-mon1.example.org", "ceph-mon2.example.org"], rbd.Hosts.Select(h => h.Name!));
        Assert.Equal(6789, rbd.Hosts.First().Port);
        Assert.Equal(("default", "logs.qcow2"), (disks[4].Source.Pool, disks[4].Source.Volume));
        var cdrom = disks[5];
        Assert.Equal(DiskDevice.Cdrom, cdrom.DeviceKind);
        Assert.True(cdrom.ReadOnly);
        Assert.Equal(DiskTray.Closed, cdrom.Tray);
        Assert.Equal(DiskStartupPolicy.Optional, cdrom.Source.StartupPolicy);
        Assert.Equal(DiskDevice.Floppy, disks[6].DeviceKind);
        var scsi = def.Controllers.First();
        Assert.Equal(ControllerType.Scsi, scsi.Type);
        Assert.Equal(ScsiControllerModel.VirtioScsi, scsi.ScsiModel);
        Assert.Equal(4, scsi.Queues);
        Assert.Equal(PciControllerModel.PciRoot, def.Controllers.Last().PciModel);
    }

    [Fact]
    public void Interfaces_of_every_kind()
    {
        var nics = Load("networking.xml").Interfaces.ToList();
        Assert.Equal([InterfaceType.Network, InterfaceType.Bridge, InterfaceType.Direct, InterfaceType.User, InterfaceType.Ethernet, InterfaceType.Network],
            nics.Select(n => n.Type!.Value));
        Assert.Equal("default", nics[0].SourceNetwork);
        Assert.Equal("lan", nics[0].Portgroup);
        Assert.Equal(InterfaceDriverName.Vhost, nics[0].DriverName);
        Assert.Equal(2, nics[0].Queues);
        Assert.Equal(LinkState.Up, nics[0].Link);
        Assert.Equal(1500, nics[0].Mtu);
        Assert.Equal(1, nics[0].BootOrder);
        Assert.Equal("br0", nics[1].SourceBridge);
        Assert.Equal("vnet-router0", nics[1].TargetDev);
        Assert.Equal("clean-traffic", nics[1].FilterRef);
        Assert.Equal("eth1", nics[2].SourceDev);
        Assert.Equal(DirectMode.Bridge, nics[2].SourceMode);
        Assert.Equal(LinkState.Down, nics[2].Link);
        Assert.Equal("rtl8139", nics[3].Model);
        Assert.Null(nics[5].Mac);
    }

    [Fact]
    public void Char_devices_and_the_guest_agent_channel()
    {
        var def = Load("virtio-serial-ga.xml");
        Assert.Equal("console=hvc0 root=/dev/vda rw quiet", def.Os.Cmdline);
        Assert.Equal(LifecycleAction.Destroy, def.OnReboot);
        Assert.Equal(LifecycleAction.Preserve, def.OnCrash);
        var ga = def.Channels.Single(c => c.IsGuestAgentChannel);
        Assert.Equal(CharSourceType.Unix, ga.SourceType);
        Assert.Equal("bind", ga.SourceMode);
        Assert.Equal(DeviceAddressType.VirtioSerial, ga.Address!.Type);
        Assert.Equal("1", ga.Address.Port);
        var fwd = def.Channels.Last();
        Assert.Equal(("10.0.2.2", "8080"), (fwd.SourceHost, fwd.SourceService));
        Assert.Equal("guestfwd", fwd.TargetType);
        Assert.Equal(CharSourceType.File, def.Serials.Single().SourceType);
        Assert.Equal("virtio", def.Consoles.Single().TargetType);
        Assert.Equal(16, def.Controllers.Single().Ports);
        Assert.Equal(VirtioModel.Virtio, def.Controllers.Single().VirtioSerialModel ?? VirtioModel.Virtio);
        Assert.Single(def.Parallels);
        var tcp = Load("networking.xml").Serials.Single();
        Assert.Equal(CharProtocol.Telnet, tcp.Protocol);
    }

    [Fact]
    public void Graphics_and_displays()
    {
        var def = Load("graphics-vnc-spice.xml");
        var (vnc, spice) = (def.Graphics.First(), def.Graphics.Last());
        Assert.Equal(GraphicsType.Vnc, vnc.Type);
        Assert.Equal(5910, vnc.Port);
        Assert.Equal(false, vnc.Autoport);
        Assert.Equal("s3cret", vnc.Passwd);
        Assert.Equal("127.0.0.1", vnc.Listens.Single().Address);
        Assert.Equal(GraphicsType.Spice, spice.Type);
        Assert.Equal(5931, spice.TlsPort);
        Assert.Equal(ListenType.Address, spice.Listens.Single().Type);
        Assert.Equal([InputType.Tablet, InputType.Mouse, InputType.Keyboard], def.Inputs.Select(i => i.Type!.Value));
        Assert.Equal(InputBus.Virtio, def.Inputs.Last().Bus);
        Assert.Equal(2UL, def.Videos.First().Heads);
        Assert.Equal(false, def.Videos.First().Accel3d);
        Assert.Equal(1, def.Sounds.Single().AudioId);
        Assert.Equal(2, def.Redirdevs.Count());
        Assert.Equal(CharSourceType.Spicevmc, def.Redirdevs.First().Type);
        Assert.Equal(UsbControllerModel.Ich9Ehci1, def.Controllers.First().UsbModel);
    }

    [Fact]
    public void Numa_pinning_memory_backing()
    {
        var def = Load("numa-pinning.xml");
        Assert.Equal(16U, def.MaxMemory!.Slots);
        Assert.Equal(64UL * 1024 * 1024, def.MaxMemory.KiB);
        var backing = def.MemoryBacking!;
        Assert.True(backing.HasHugepages);
        Assert.Equal(2048UL, backing.Hugepages.Single().SizeKiB);
        Assert.Equal("0-1", backing.Hugepages.Single().Nodeset);
        Assert.True(backing.NoSharePages);
        Assert.True(backing.Locked);
        Assert.Equal(MemorySourceType.Memfd, backing.Source);
        Assert.Equal(MemAccess.Shared, backing.Access);
        Assert.Equal(MemoryAllocationMode.Immediate, backing.Allocation);
        Assert.Equal(Placement.Static, def.Vcpu!.Placement);
        Assert.Equal("2-9", def.Vcpu.Cpuset);
        Assert.Equal(2U, def.IoThreads);
        Assert.Equal([1U, 2U], def.IoThreadIds.Select(i => i!.Value));
        var tune = def.CpuTune!;
        Assert.Equal(2048UL, tune.Shares);
        Assert.Equal(-1L, tune.Quota);
        Assert.Equal(8, tune.VcpuPins.Count());
        Assert.Equal("9", tune.VcpuPins.Last().Cpuset);
        Assert.Equal("0-1", tune.EmulatorPin);
        Assert.Equal((2U, "1"), tune.IoThreadPins.Last() is var (t, c) ? (t!.Value, c!) : default);
        Assert.Equal(NumaTuneMode.Strict, def.NumaTune!.Mode);
        Assert.Equal(NumaTuneMode.Preferred, def.NumaTune.MemNodes.Last().Mode);
        Assert.Equal("/machine/databases", def.Resource!.Partition);
        var cells = def.Cpu!.NumaCells.ToList();
        Assert.Equal(8UL * 1024 * 1024, cells[0].MemoryKiB);
        Assert.Equal(MemAccess.Shared, cells[1].MemAccess);
        Assert.Equal(true, cells[1].Discard);
        Assert.Equal(FeatureState.Off, def.Features!.Pmu);
        Assert.Equal(MemballoonModel.None, def.Memballoon!.Model);
    }

    [Fact]
    public void Host_devices()
    {
        var hostdevs = Load("hostdev.xml").Hostdevs.ToList();
        Assert.Equal(HostdevType.Pci, hostdevs[0].Type);
        Assert.Equal(HostdevMode.Subsystem, hostdevs[0].Mode);
        Assert.Equal(true, hostdevs[0].Managed);
        Assert.Equal(HostdevDriver.Vfio, hostdevs[0].Driver);
        Assert.Equal(1UL, hostdevs[0].SourceAddress!.Bus);
        Assert.Equal(1UL, hostdevs[1].SourceAddress!.Function);
        Assert.Equal(true, hostdevs[0].RomBar);
        Assert.Equal(true, hostdevs[0].Address!.Multifunction);
        Assert.Equal(("0x046d", "0xc52b"), (hostdevs[2].UsbVendor, hostdevs[2].UsbProduct));
        Assert.Equal(HostdevType.Mdev, hostdevs[3].Type);
    }

    [Fact]
    public void Misc_devices()
    {
        var def = Load("misc-devices.xml");
        var fs = def.Filesystems.ToList();
        Assert.Equal(FilesystemDriverType.Virtiofs, fs[0].DriverType);
        Assert.Equal(("/srv/shared", "shared"), (fs[0].SourceDir, fs[0].TargetDir));
        Assert.Equal(FilesystemAccessMode.Mapped, fs[1].AccessMode);
        Assert.True(fs[1].ReadOnly);
        Assert.Equal(SmartcardMode.Passthrough, def.Smartcards.Single().Mode);
        Assert.Equal((WatchdogModel.I6300esb, WatchdogAction.Reset), (def.Watchdogs.Single().Model!.Value, def.Watchdogs.Single().Action!.Value));
        Assert.Equal(true, def.Memballoon!.Autodeflate);
        Assert.Equal(10, def.Memballoon.StatsPeriod);
        var rngs = def.Rngs.ToList();
        Assert.Equal("/dev/urandom", rngs[0].BackendPath);
        Assert.Equal(1024UL, rngs[0].RateBytes);
        Assert.Equal(VirtioModel.VirtioNonTransitional, rngs[1].Model);
        Assert.Equal(RngBackendModel.Builtin, rngs[1].BackendModel);
        Assert.Equal("/dev/tpm0", def.Tpms.Single().DevicePath);
        Assert.Equal(PanicModel.Isa, def.Panics.Single().Model);
        var shmem = def.Shmems.Single();
        Assert.Equal(ShmemModel.IvshmemPlain, shmem.Model);
        Assert.Equal(4UL * 1024 * 1024, shmem.SizeBytes);
        Assert.Equal(IommuModel.Intel, def.Iommu!.Model);
        Assert.Equal(true, def.Iommu.InterruptRemapping);
        Assert.Equal((false, 3U), (def.Vsock!.CidAuto!.Value, def.Vsock.CidAddress!.Value));
        Assert.Equal("usb", def.Hubs.Single().Type);
        Assert.Equal(IoapicDriver.Qemu, def.Features!.Ioapic);
        Assert.All(def.AllDevices, d => Assert.IsNotType<DomainGenericDevice>(d));
    }

    [Fact]
    public void Metadata_sysinfo_seclabels_and_lifecycle()
    {
        var def = Load("metadata-sysinfo.xml");
        Assert.Equal("Managed & monitored", def.Title);
        Assert.Contains("<markup>", def.Description);
        XNamespace app = "https://example.org/inventory/1";
        Assert.Equal("infra", def.Metadata!.Element(app + "inventory")!.Element(app + "owner")!.Value);
        var sysinfo = def.Sysinfo.Single();
        Assert.Equal(SysinfoType.Smbios, sysinfo.Type);
        Assert.Equal("Example Corp", sysinfo.Entry("system", "manufacturer"));
        Assert.Contains(("chassis", "asset", "A-1234"), sysinfo.Entries);
        Assert.Equal(SmbiosMode.Sysinfo, def.Os.Smbios);
        Assert.Equal([BootDevice.Hd, BootDevice.Cdrom], def.Os.BootDevices);
        Assert.Equal(ClockOffset.Variable, def.Clock!.Offset);
        Assert.Equal("3600", def.Clock.Adjustment);
        Assert.Equal(LifecycleAction.RenameRestart, def.OnReboot);
        Assert.Equal(LifecycleAction.CoredumpDestroy, def.OnCrash);
        Assert.Equal(LockFailureAction.Pause, def.OnLockFailure);
        Assert.Equal(Placement.Auto, def.Vcpu!.Placement);
        Assert.Equal(NumaTuneMode.Interleave, def.NumaTune!.Mode);
        Assert.Equal(Placement.Auto, def.NumaTune.Placement);
        Assert.Equal(976563UL, def.MemoryKiB); // 1000 MB = 10^9 bytes, rounded up to whole KiB as libvirt does
        var labels = def.SecLabels.ToList();
        Assert.Equal((SecLabelType.Dynamic, "selinux", true), (labels[0].Type!.Value, labels[0].Model!, labels[0].Relabel!.Value));
        Assert.Equal("107:107", labels[1].Label);
        Assert.Equal("5000c50015ea71ac", def.Disks.First().Wwn);
        Assert.Equal(["disk", "interface", "disk", "serial"], def.AllDevices.Select(d => d.Kind));
    }

    [Fact]
    public void Setters_write_libvirt_shaped_xml_in_libvirts_order()
    {
        var def = DomainDefinition.Parse("<domain type='kvm'><name>n</name><memory>1024</memory><devices/></domain>");
        def.Title = "t";
        def.Uuid = Guid.Parse("11111111-2222-3333-4444-555555555555");
        def.GetOrAddVcpu().Element.Value = "2";
        def.Vcpu!.Placement = Placement.Static;
        def.Os.Arch = "x86_64";
        def.Os.Machine = "q35";
        def.Os.Kernel = "/k";
        def.Os.SetBootDevices([BootDevice.Network, BootDevice.Hd]);
        var features = def.GetOrAddFeatures();
        features.Smm = FeatureState.On;
        features.Acpi = true;
        features.GetOrAddHyperv()["relaxed"] = FeatureState.On;
        var cpu = def.GetOrAddCpu();
        cpu.Mode = CpuMode.Custom;
        cpu.Model = "Haswell";
        cpu.GetOrAddTopology().Sockets = 1;
        cpu.AddFeature(CpuFeaturePolicy.Require, "vmx");
        def.GetOrAddClock().Offset = ClockOffset.Utc;
        def.OnCrash = LifecycleAction.Preserve;
        var disk = def.AddDevice<DomainDisk>("disk", "file");
        disk.Driver.Format = DiskFormat.Qcow2;
        disk.TargetDev = "vda";
        disk.Bus = DiskBus.Virtio;
        disk.Source.File = "/d.qcow2";
        disk.ReadOnly = true;
        var nic = def.AddDevice<DomainInterface>("interface", "network");
        nic.SourceNetwork = "default";
        nic.Model = "virtio";
        nic.Mac = "52:54:00:00:00:01";
        def.AddDevice<DomainDisk>("disk", "block").TargetDev = "vdb";

        Assert.Equal("""
            <domain type='kvm'>
              <name>n</name>
              <uuid>11111111-2222-3333-4444-555555555555</uuid>
              <title>t</title>
              <memory>1024</memory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='x86_64' machine='q35'/>
                <kernel>/k</kernel>
                <boot dev='network'/>
                <boot dev='hd'/>
              </os>
              <features>
                <acpi/>
                <hyperv>
                  <relaxed state='on'/>
                </hyperv>
                <smm state='on'/>
              </features>
              <cpu mode='custom'>
                <model>Haswell</model>
                <topology sockets='1'/>
                <feature policy='require' name='vmx'/>
              </cpu>
              <clock offset='utc'/>
              <on_crash>preserve</on_crash>
              <devices>
                <disk type='file'>
                  <driver type='qcow2'/>
                  <source file='/d.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                  <readonly/>
                </disk>
                <disk type='block'>
                  <target dev='vdb'/>
                </disk>
                <interface type='network'>
                  <mac address='52:54:00:00:00:01'/>
                  <source network='default'/>
                  <model type='virtio'/>
                </interface>
              </devices>
            </domain>

            """, def.ToXml());
        // And every value reads back.
        Assert.Equal(FeatureState.On, def.Features!.Smm);
        Assert.Equal(DiskFormat.Qcow2, def.Disks.First().Driver.Format);
        disk.ReadOnly = false;
        nic.Mac = null;
        Assert.DoesNotContain("readonly", def.ToXml());
        Assert.DoesNotContain("<mac", def.ToXml());
    }

    [Fact]
    public void Unknown_content_survives_edits_through_the_views()
    {
        var xml = "<domain type='kvm'><name>n</name><memory>1</memory><devices><disk type='file' x-vendor='1'><!-- keep --><source file='/a' other='2'/><target dev='vda'/><future-thing a='b'/></disk></devices></domain>";
        var def = DomainDefinition.Parse(xml);
        var disk = def.Disks.Single();
        disk.Bus = DiskBus.Virtio;
        disk.Driver.Cache = DiskCache.None;
        var text = def.ToXml();
        Assert.Contains("x-vendor='1'", text);
        Assert.Contains("<!-- keep -->", text);
        Assert.Contains("other='2'", text);
        Assert.Contains("<future-thing a='b'/>", text);
        Assert.Contains("<driver cache='none'/>", text);
    }

    [Fact]
    public void Getters_return_null_for_unreadable_values()
    {
        var def = DomainDefinition.ParseUnvalidated("<domain type='kvm'><name>n</name><vcpu placement='odd'>x</vcpu><cpu mode='weird'/><devices><disk type='zz'/></devices></domain>");
        Assert.Null(def.Vcpu!.Placement);
        Assert.Null(def.Vcpu.Count);
        Assert.Null(def.Cpu!.Mode);
        Assert.Null(def.Disks.Single().Type);
        Assert.Equal("zz", def.Disks.Single().SourceType);
    }
}
