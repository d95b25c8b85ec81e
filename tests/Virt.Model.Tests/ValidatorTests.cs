using Virt.Model.Domains;

namespace Virt.Model.Tests;

/// <summary>Each semantic rule, with the exact message a person sees (element path, then the rule).</summary>
public class ValidatorTests
{
    private static string Doc(string top = "", string devices = "", string os = "<type>hvm</type>", string rootAttrs = "type='kvm'") =>
        $"<domain {rootAttrs}><name>v</name><memory>1024</memory>{top}<os>{os}</os><devices>{devices}</devices></domain>";

    private static DomainValidationException Invalid(string xml) => Assert.Throws<DomainValidationException>(() => DomainDefinition.Parse(xml));

    private static void Message(string expected, string xml) => Assert.Equal(expected, Invalid(xml).Message);

    [Fact]
    public void A_valid_document_passes() => Assert.NotNull(DomainDefinition.Parse(Doc()));

    [Fact]
    public void Domain_type_is_required_and_known()
    {
        Message("/domain: missing domain type attribute", Doc(rootAttrs: ""));
        Assert.StartsWith("/domain/@type: invalid domain type 'foo' (expected one of: qemu, kvm,", Invalid(Doc(rootAttrs: "type='foo'")).Message);
    }

    [Fact]
    public void Name_rules()
    {
        var noName = Invalid("<domain type='kvm'><memory>1</memory></domain>");
        Assert.Equal("missing name information", noName.Message);
        Assert.Equal(ModelErrorKind.NoName, noName.Kind);
        Message("/domain/name: name 'a/b' cannot contain '/'", Doc().Replace("<name>v</name>", "<name>a/b</name>"));
        Message("/domain/name: name '..' is not allowed", Doc().Replace("<name>v</name>", "<name>..</name>"));
        Message($"/domain/name: name is longer than {DomainValidator.MaxNameLength} characters", Doc().Replace("<name>v</name>", $"<name>{new string('n', 201)}</name>"));
    }

    [Fact]
    public void Uuid_must_parse() =>
        Message("/domain/uuid: malformed uuid element 'nope'", Doc("<uuid>nope</uuid>"));

    [Fact]
    public void Memory_rules()
    {
        Message("/domain/memory: missing element memory: the domain needs a memory size", "<domain type='kvm'><name>v</name></domain>");
        Message("/domain/memory/@unit: unknown unit 'xx' (expected one of: b, bytes, KB, k, KiB, MB, M, MiB, GB, G, GiB, TB, T, TiB, PB, P, PiB, EB, E, EiB (case-insensitive))",
            Doc().Replace("<memory>1024</memory>", "<memory unit='xx'>1</memory>"));
        Message("/domain/memory: invalid value '-5': expected a non-negative integer", Doc().Replace("<memory>1024</memory>", "<memory>-5</memory>"));
        Message("/domain/memory: memory size must be greater than zero", Doc().Replace("<memory>1024</memory>", "<memory>0</memory>"));
        Message("/domain/memory: value too large: 8EiB is more than 9223372036854775807 bytes", Doc().Replace("<memory>1024</memory>", "<memory unit='EiB'>8</memory>"));
        Message("/domain/currentMemory: invalid value 'lots': expected a non-negative integer", Doc("<currentMemory>lots</currentMemory>"));
        Message("/domain/maxMemory/@slots: invalid slots 'x': expected a non-negative integer", Doc("<maxMemory slots='x' unit='GiB'>4</maxMemory>"));
    }

    [Fact]
    public void Current_memory_above_memory_is_clamped_like_libvirt()
    {
        var def = DomainDefinition.Parse(Doc("<currentMemory>4096</currentMemory>"));
        Assert.Equal(1024UL, def.CurrentMemoryKiB);
    }

    [Fact]
    public void Vcpu_rules()
    {
        Message("/domain/vcpu: invalid vcpu count '0': expected a positive integer", Doc("<vcpu>0</vcpu>"));
        var current = Invalid(Doc("<vcpu current='3'>2</vcpu>"));
        Assert.Equal("/domain/vcpu/@current: current vcpu count '3' must be between 1 and 2", current.Message);
        Assert.Equal(ModelErrorKind.Unsupported, current.Kind);
        Message("/domain/vcpu/@placement: unknown value 'bogus' (expected one of: static, auto)", Doc("<vcpu placement='bogus'>2</vcpu>"));
    }

    [Fact]
    public void Lifecycle_actions()
    {
        Message("/domain/on_reboot: unknown action 'explode' (expected one of: destroy, restart, rename-restart, preserve, coredump-destroy, coredump-restart)",
            Doc("<on_reboot>explode</on_reboot>"));
        var crashOnly = Invalid(Doc("<on_poweroff>coredump-destroy</on_poweroff>"));
        Assert.Equal("/domain/on_poweroff: action 'coredump-destroy' is only for on_crash (expected one of: destroy, restart, preserve, rename-restart)", crashOnly.Message);
        Assert.Equal(ModelErrorKind.Unsupported, crashOnly.Kind);
        Assert.NotNull(DomainDefinition.Parse(Doc("<on_crash>coredump-destroy</on_crash>")));
        Message("/domain/on_lockfailure: unknown action 'panic' (expected one of: poweroff, restart, pause, ignore)", Doc("<on_lockfailure>panic</on_lockfailure>"));
    }

    [Fact]
    public void Unknown_enum_values_list_the_allowed_ones()
    {
        Message("/domain/devices/disk/target/@bus: unknown value 'foo' (expected one of: ide, fdc, scsi, virtio, xen, usb, uml, sata, sd)",
            Doc(devices: "<disk type='file'><source file='/x'/><target dev='vda' bus='foo'/></disk>"));
        Message("/domain/devices/interface/@type: unknown value 'bogus' (expected one of: network, bridge, user, ethernet, direct, hostdev, mcast, server, client, udp, vhostuser, internal, vdpa, null, vds)",
            Doc(devices: "<interface type='bogus'/>"));
        Message("/domain/cpu/@mode: unknown value 'fast' (expected one of: custom, host-model, host-passthrough, maximum)", Doc("<cpu mode='fast'/>"));
        Message("/domain/clock/timer[2]/@tickpolicy: unknown value 'later' (expected one of: delay, catchup, merge, discard)",
            Doc("<clock offset='utc'><timer name='pit'/><timer name='rtc' tickpolicy='later'/></clock>"));
        Message("/domain/features/hyperv/relaxed/@state: unknown value 'yes' (expected one of: on, off)",
            Doc("<features><hyperv><relaxed state='yes'/></hyperv></features>"));
        Message("/domain/devices/video/model/@type: unknown value 'svga' (expected one of: vga, cirrus, vmvga, xen, vbox, qxl, virtio, gop, none, bochs, ramfb)",
            Doc(devices: "<video><model type='svga'/></video>"));
        var format = Invalid(Doc(devices: "<disk type='file'><driver name='qemu' type='vhdx'/><source file='/x'/><target dev='vda'/></disk>"));
        Assert.StartsWith("/domain/devices/disk/driver/@type: unknown value 'vhdx' (expected one of: raw, dir,", format.Message);
        Assert.Equal(ModelErrorKind.Unsupported, format.Kind);
        Message("/domain/devices/disk/address/@type: unknown value 'bogus' (expected one of: pci, drive, virtio-serial, ccid, usb, spapr-vio, ccw, isa, virtio-mmio, dimm, unassigned)",
            Doc(devices: "<disk type='file'><source file='/x'/><target dev='vda'/><address type='bogus'/></disk>"));
    }

    [Fact]
    public void Elements_in_other_namespaces_are_not_checked() =>
        Assert.NotNull(DomainDefinition.Parse(Doc(devices: "<disk type='file'><source file='/x'/><target dev='vda'/></disk>")
            .Replace("<devices>", "<metadata><x:cpu xmlns:x='urn:x' mode='anything'/></metadata><devices>")));

    [Fact]
    public void Disk_targets_are_required_and_unique()
    {
        Message("/domain/devices/disk/target: missing target dev", Doc(devices: "<disk type='file'><source file='/x'/></disk>"));
        Message("/domain/devices/disk[2]/target: dev 'vda' is used twice",
            Doc(devices: "<disk type='file'><source file='/a'/><target dev='vda'/></disk><disk type='file'><source file='/b'/><target dev='vda'/></disk>"));
    }

    [Fact]
    public void Mac_addresses_are_well_formed_unicast_and_unique()
    {
        Message("/domain/devices/interface/mac/@address: unable to parse mac address '52:54:00:00:00:0g': expected six hex pairs like 52:54:00:12:34:56",
            Doc(devices: "<interface type='user'><mac address='52:54:00:00:00:0g'/></interface>"));
        Message("/domain/devices/interface/mac/@address: expected unicast mac address, found multicast '01:54:00:00:00:01'",
            Doc(devices: "<interface type='user'><mac address='01:54:00:00:00:01'/></interface>"));
        Message("/domain/devices/interface[2]/mac/@address: mac address '52:54:00:AA:00:01' is already used by /domain/devices/interface[1]",
            Doc(devices: "<interface type='user'><mac address='52:54:00:aa:00:01'/></interface><interface type='user'><mac address='52:54:00:AA:00:01'/></interface>"));
    }

    [Fact]
    public void Controller_models_must_suit_the_type()
    {
        var ex = Invalid(Doc(devices: "<controller type='usb' model='bogus'/>"));
        Assert.StartsWith("/domain/devices/controller/@model: unknown model 'bogus' for a usb controller (expected one of: piix3-uhci,", ex.Message);
        Assert.Equal(ModelErrorKind.Unsupported, ex.Kind);
        Assert.NotNull(DomainDefinition.Parse(Doc(devices: "<controller type='scsi' model='virtio-scsi'/><controller type='pci' model='pcie-root'/>")));
        Message("/domain/devices/controller/@index: invalid index 'x': expected a non-negative integer", Doc(devices: "<controller type='usb' index='x'/>"));
    }

    [Fact]
    public void Char_device_targets_must_suit_the_kind()
    {
        Message("/domain/devices/serial/target/@type: unknown target type 'virtio' for a serial (expected one of: isa-serial, usb-serial, pci-serial, spapr-vio-serial, system-serial, sclp-serial, isa-debug)",
            Doc(devices: "<serial type='pty'><target type='virtio'/></serial>"));
        Message("/domain/devices/channel/target/@type: unknown target type 'serial' for a channel (expected one of: guestfwd, virtio, xen)",
            Doc(devices: "<channel type='pty'><target type='serial'/></channel>"));
    }

    [Fact]
    public void Only_one_primary_video()
    {
        Message("/domain/devices/video[2]/model/@primary: only one primary video device is supported; /domain/devices/video[1] is primary already",
            Doc(devices: "<video><model type='vga' primary='yes'/></video><video><model type='qxl' primary='yes'/></video>"));
        Message("/domain/devices/video/model/@vram: invalid value 'big': expected a non-negative integer", Doc(devices: "<video><model type='vga' vram='big'/></video>"));
    }

    [Fact]
    public void Graphics_ports_and_autoport()
    {
        Message("/domain/devices/graphics/@port: invalid port 'x': expected a number, or -1 to allocate one", Doc(devices: "<graphics type='vnc' port='x'/>"));
        Message("/domain/devices/graphics/@autoport: unknown value 'maybe' (expected one of: yes, no)", Doc(devices: "<graphics type='vnc' autoport='maybe'/>"));
    }

    [Fact]
    public void Boot_orders_are_positive_unique_and_not_mixed_with_os_boot()
    {
        var dup = Invalid(Doc(devices: "<disk type='file'><source file='/a'/><target dev='vda'/><boot order='1'/></disk><interface type='user'><boot order='1'/></interface>"));
        Assert.Equal("/domain/devices/interface/boot/@order: boot order '1' used for more than one device (/domain/devices/disk has it too)", dup.Message);
        Assert.Equal(ModelErrorKind.Unsupported, dup.Kind);
        Message("/domain/devices/disk/boot/@order: invalid boot order '0': expected a positive integer",
            Doc(devices: "<disk type='file'><source file='/a'/><target dev='vda'/><boot order='0'/></disk>"));
        Message("/domain/os/boot: per-device boot elements cannot be used together with os/boot elements",
            Doc(os: "<type>hvm</type><boot dev='hd'/>", devices: "<disk type='file'><source file='/a'/><target dev='vda'/><boot order='1'/></disk>"));
    }

    [Fact]
    public void Firmware_autoselection_rules()
    {
        Message("/domain/os/loader/@readonly: loader attribute 'readonly' cannot be specified when firmware autoselection is enabled",
            Doc().Replace("<os>", "<os firmware='efi'>").Replace("</os>", "<loader readonly='yes'/></os>"));
        Message("/domain/os/loader: a loader path cannot be specified when firmware autoselection is enabled",
            Doc().Replace("<os>", "<os firmware='efi'>").Replace("</os>", "<loader>/x.fd</loader></os>"));
        Message("/domain/os/nvram/@template: nvram attribute 'template' cannot be specified when firmware autoselection is enabled",
            Doc().Replace("<os>", "<os firmware='efi'>").Replace("</os>", "<nvram template='/t.fd'/></os>"));
    }

    [Fact]
    public void Iommu_rules()
    {
        Message("/domain/devices/iommu[2]: only a single IOMMU device is supported", Doc(devices: "<iommu model='intel'/><iommu model='intel'/>"));
        Message("/domain/devices/iommu/driver/@intremap: IOMMU interrupt remapping requires split I/O APIC (<features><ioapic driver='qemu'/></features>)",
            Doc(devices: "<iommu model='intel'><driver intremap='on'/></iommu>"));
        Assert.NotNull(DomainDefinition.Parse(Doc("<features><ioapic driver='qemu'/></features>", "<iommu model='intel'><driver intremap='on'/></iommu>")));
    }

    [Fact]
    public void Cpu_topology_numbers()
    {
        Message("/domain/cpu/topology/@cores: invalid value '0': expected a positive integer", Doc("<cpu><topology sockets='1' cores='0' threads='1'/></cpu>"));
    }
}
