using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>Where a disk's data lives (<c>disk/@type</c>).</summary>
public enum DiskType { File, Block, Dir, Network, Volume, Nvme, VhostUser }

/// <summary>How the guest sees a disk (<c>disk/@device</c>).</summary>
public enum DiskDevice { Disk, Cdrom, Floppy, Lun }

/// <summary>The guest bus of a disk (<c>target/@bus</c>).</summary>
public enum DiskBus { Ide, Fdc, Scsi, Virtio, Xen, Usb, Uml, Sata, Sd }

/// <summary>Host page cache mode (<c>driver/@cache</c>).</summary>
public enum DiskCache { Default, None, Writethrough, Writeback, Directsync, Unsafe }

/// <summary>I/O mode (<c>driver/@io</c>).</summary>
public enum DiskIo { Threads, Native, IoUring }

/// <summary>Discard requests (<c>driver/@discard</c>).</summary>
public enum DiskDiscard { Unmap, Ignore }

/// <summary>Zero-write detection (<c>driver/@detect_zeroes</c>).</summary>
public enum DiskDetectZeroes { Off, On, Unmap }

/// <summary>What to do on an I/O error (<c>driver/@error_policy</c>).</summary>
public enum DiskErrorPolicy { Stop, Report, Ignore, Enospace }

/// <summary>Network disk protocols (<c>source/@protocol</c>).</summary>
public enum DiskProtocol { Nbd, Iscsi, Rbd, Sheepdog, Gluster, Http, Https, Ftp, Ftps, Tftp, Vxhs, Nfs, Ssh }

/// <summary>How a missing source is handled (<c>source/@startupPolicy</c>).</summary>
public enum DiskStartupPolicy { Mandatory, Requisite, Optional }

/// <summary>State of a removable medium's tray (<c>target/@tray</c>).</summary>
public enum DiskTray { Open, Closed }

/// <summary>Image formats a disk's <c>driver/@type</c> may name (libvirt 9 rejects others, luks among them).</summary>
public enum DiskFormat { Raw, Dir, Bochs, Cloop, Dmg, Iso, Vpc, Vdi, Fat, Vhd, Ploop, Cow, Qcow, Qcow2, Qed, Vmdk, Aio }

public static class DiskTypes
{
    public static readonly XmlEnumMap<DiskType> Map = new(
        (DiskType.File, "file"), (DiskType.Block, "block"), (DiskType.Dir, "dir"), (DiskType.Network, "network"),
        (DiskType.Volume, "volume"), (DiskType.Nvme, "nvme"), (DiskType.VhostUser, "vhostuser"));
}

public static class DiskDevices
{
    public static readonly XmlEnumMap<DiskDevice> Map = new(
        (DiskDevice.Disk, "disk"), (DiskDevice.Cdrom, "cdrom"), (DiskDevice.Floppy, "floppy"), (DiskDevice.Lun, "lun"));
}

public static class DiskBuses
{
    public static readonly XmlEnumMap<DiskBus> Map = new(
        (DiskBus.Ide, "ide"), (DiskBus.Fdc, "fdc"), (DiskBus.Scsi, "scsi"), (DiskBus.Virtio, "virtio"), (DiskBus.Xen, "xen"),
        (DiskBus.Usb, "usb"), (DiskBus.Uml, "uml"), (DiskBus.Sata, "sata"), (DiskBus.Sd, "sd"));
}

public static class DiskCaches
{
    public static readonly XmlEnumMap<DiskCache> Map = new(
        (DiskCache.Default, "default"), (DiskCache.None, "none"), (DiskCache.Writethrough, "writethrough"),
        (DiskCache.Writeback, "writeback"), (DiskCache.Directsync, "directsync"), (DiskCache.Unsafe, "unsafe"));
}

public static class DiskIos
{
    public static readonly XmlEnumMap<DiskIo> Map = new((DiskIo.Threads, "threads"), (DiskIo.Native, "native"), (DiskIo.IoUring, "io_uring"));
}

public static class DiskDiscards
{
    public static readonly XmlEnumMap<DiskDiscard> Map = new((DiskDiscard.Unmap, "unmap"), (DiskDiscard.Ignore, "ignore"));
}

public static class DiskDetectZeroesModes
{
    public static readonly XmlEnumMap<DiskDetectZeroes> Map = new(
        (DiskDetectZeroes.Off, "off"), (DiskDetectZeroes.On, "on"), (DiskDetectZeroes.Unmap, "unmap"));
}

public static class DiskErrorPolicies
{
    public static readonly XmlEnumMap<DiskErrorPolicy> Map = new(
        (DiskErrorPolicy.Stop, "stop"), (DiskErrorPolicy.Report, "report"), (DiskErrorPolicy.Ignore, "ignore"), (DiskErrorPolicy.Enospace, "enospace"));
}

public static class DiskProtocols
{
    public static readonly XmlEnumMap<DiskProtocol> Map = new(
        (DiskProtocol.Nbd, "nbd"), (DiskProtocol.Iscsi, "iscsi"), (DiskProtocol.Rbd, "rbd"), (DiskProtocol.Sheepdog, "sheepdog"),
        (DiskProtocol.Gluster, "gluster"), (DiskProtocol.Http, "http"), (DiskProtocol.Https, "https"), (DiskProtocol.Ftp, "ftp"),
        (DiskProtocol.Ftps, "ftps"), (DiskProtocol.Tftp, "tftp"), (DiskProtocol.Vxhs, "vxhs"), (DiskProtocol.Nfs, "nfs"),
        (DiskProtocol.Ssh, "ssh"));
}

public static class DiskStartupPolicies
{
    public static readonly XmlEnumMap<DiskStartupPolicy> Map = new(
        (DiskStartupPolicy.Mandatory, "mandatory"), (DiskStartupPolicy.Requisite, "requisite"), (DiskStartupPolicy.Optional, "optional"));
}

public static class DiskTrays
{
    public static readonly XmlEnumMap<DiskTray> Map = new((DiskTray.Open, "open"), (DiskTray.Closed, "closed"));
}

public static class DiskFormats
{
    public static readonly XmlEnumMap<DiskFormat> Map = new(
        (DiskFormat.Raw, "raw"), (DiskFormat.Dir, "dir"), (DiskFormat.Bochs, "bochs"), (DiskFormat.Cloop, "cloop"),
        (DiskFormat.Dmg, "dmg"), (DiskFormat.Iso, "iso"), (DiskFormat.Vpc, "vpc"), (DiskFormat.Vdi, "vdi"), (DiskFormat.Fat, "fat"),
        (DiskFormat.Vhd, "vhd"), (DiskFormat.Ploop, "ploop"), (DiskFormat.Cow, "cow"), (DiskFormat.Qcow, "qcow"),
        (DiskFormat.Qcow2, "qcow2"), (DiskFormat.Qed, "qed"), (DiskFormat.Vmdk, "vmdk"), (DiskFormat.Aio, "aio"));
}

/// <summary>A &lt;disk&gt; device: where its data lives and how the guest sees it.</summary>
public sealed class DomainDisk(XElement element) : DomainDevice(element)
{
    /// <summary>Child elements in the order libvirt writes them (checked with the test driver).</summary>
    public static readonly IReadOnlyList<string> FormatOrder =
    [
        "driver", "source", "backingStore", "geometry", "blockio", "target", "iotune", "readonly", "shareable", "transient",
        "serial", "wwn", "vendor", "product", "encryption", "boot", "alias", "address",
    ];

    protected override IReadOnlyList<string> ChildOrder => FormatOrder;

    /// <summary>Source kind as written: file, block, network, volume, dir (file when absent).</summary>
    public string SourceType => Element.Attr("type") ?? "file";

    /// <summary>Guest-visible kind as written: disk, cdrom, floppy, lun (disk when absent).</summary>
    public string Device => Element.Attr("device") ?? "disk";

    public DiskType? Type { get => GetEnum(DiskTypes.Map, "type"); set => SetEnum(DiskTypes.Map, "type", value); }
    public DiskDevice? DeviceKind { get => GetEnum(DiskDevices.Map, "device"); set => SetEnum(DiskDevices.Map, "device", value); }

    /// <summary>The disk/@model of virtio disks (virtio, virtio-transitional, virtio-non-transitional).</summary>
    public VirtioModel? Model { get => GetEnum(VirtioModels.Map, "model"); set => SetEnum(VirtioModels.Map, "model", value); }

    public string? Snapshot { get => GetAttr("snapshot"); set => SetAttr("snapshot", value); }

    public string? DriverName => Element.Element("driver").Attr("name");
    public string? DriverType => Element.Element("driver").Attr("type");
    public string? Cache => Element.Element("driver").Attr("cache");

    /// <summary>The &lt;driver&gt; element (format, cache, io …); created when first written.</summary>
    public DiskDriver Driver => ChildViewOrAdd("driver", e => new DiskDriver(e));
    public bool HasDriver => HasChild("driver");

    /// <summary>The host path for file and block sources (<c>source/@file</c> or <c>source/@dev</c>).</summary>
    public string? SourcePath => Element.Element("source").Attr("file") ?? Element.Element("source").Attr("dev");

    /// <summary>The &lt;source&gt; element (file, dev, dir, protocol/name/hosts, pool/volume).</summary>
    public DiskSource Source => ChildViewOrAdd("source", e => new DiskSource(e));
    public bool HasSource => HasChild("source");

    public string? TargetDev
    {
        get => Element.Element("target").Attr("dev");
        set => SetChildAttr("target", "dev", value);
    }

    public string? TargetBus
    {
        get => Element.Element("target").Attr("bus");
        set => SetChildAttr("target", "bus", value);
    }

    public DiskBus? Bus
    {
        get => DiskBuses.Map.Parse(TargetBus);
        set => TargetBus = value is null ? null : DiskBuses.Map.ToXml(value.Value);
    }

    public DiskTray? Tray
    {
        get => DiskTrays.Map.Parse(GetChildAttr("target", "tray"));
        set => SetChildAttr("target", "tray", value is null ? null : DiskTrays.Map.ToXml(value.Value));
    }

    public bool ReadOnly { get => HasChild("readonly"); set => SetFlag("readonly", value); }
    public bool Shareable { get => HasChild("shareable"); set => SetFlag("shareable", value); }
    public bool Transient { get => HasChild("transient"); set => SetFlag("transient", value); }

    public string? Serial { get => GetChildText("serial"); set => SetChildText("serial", value); }
    public string? Wwn { get => GetChildText("wwn"); set => SetChildText("wwn", value); }
    public string? Vendor { get => GetChildText("vendor"); set => SetChildText("vendor", value); }
    public string? Product { get => GetChildText("product"); set => SetChildText("product", value); }
}

/// <summary>The &lt;driver&gt; of a disk: the backend (qemu), image format and I/O tuning.</summary>
public sealed class DiskDriver(XElement element) : XmlView(element)
{
    public string? Name { get => GetAttr("name"); set => SetAttr("name", value); }

    /// <summary>Image format as written (raw, qcow2 …).</summary>
    public string? Type { get => GetAttr("type"); set => SetAttr("type", value); }

    public DiskFormat? Format { get => GetEnum(DiskFormats.Map, "type"); set => SetEnum(DiskFormats.Map, "type", value); }
    public DiskCache? Cache { get => GetEnum(DiskCaches.Map, "cache"); set => SetEnum(DiskCaches.Map, "cache", value); }
    public DiskIo? Io { get => GetEnum(DiskIos.Map, "io"); set => SetEnum(DiskIos.Map, "io", value); }
    public DiskDiscard? Discard { get => GetEnum(DiskDiscards.Map, "discard"); set => SetEnum(DiskDiscards.Map, "discard", value); }
    public DiskDetectZeroes? DetectZeroes { get => GetEnum(DiskDetectZeroesModes.Map, "detect_zeroes"); set => SetEnum(DiskDetectZeroesModes.Map, "detect_zeroes", value); }
    public DiskErrorPolicy? ErrorPolicy { get => GetEnum(DiskErrorPolicies.Map, "error_policy"); set => SetEnum(DiskErrorPolicies.Map, "error_policy", value); }
    public int? IoThread { get => GetInt("iothread"); set => SetInt("iothread", value); }
    public int? Queues { get => GetInt("queues"); set => SetInt("queues", value); }
}

/// <summary>The &lt;source&gt; of a disk, whichever kind it is.</summary>
public sealed class DiskSource(XElement element) : XmlView(element)
{
    public string? File { get => GetAttr("file"); set => SetAttr("file", value); }
    public string? Dev { get => GetAttr("dev"); set => SetAttr("dev", value); }
    public string? Dir { get => GetAttr("dir"); set => SetAttr("dir", value); }

    public DiskProtocol? Protocol { get => GetEnum(DiskProtocols.Map, "protocol"); set => SetEnum(DiskProtocols.Map, "protocol", value); }

    /// <summary>Network source name (image, export or target/lun).</summary>
    public string? Name { get => GetAttr("name"); set => SetAttr("name", value); }

    public string? Pool { get => GetAttr("pool"); set => SetAttr("pool", value); }
    public string? Volume { get => GetAttr("volume"); set => SetAttr("volume", value); }

    /// <summary>Volume source mode (host or direct), as written.</summary>
    public string? Mode { get => GetAttr("mode"); set => SetAttr("mode", value); }

    public DiskStartupPolicy? StartupPolicy { get => GetEnum(DiskStartupPolicies.Map, "startupPolicy"); set => SetEnum(DiskStartupPolicies.Map, "startupPolicy", value); }

    public IEnumerable<DiskSourceHost> Hosts => ChildViews("host", e => new DiskSourceHost(e));
    public DiskSourceHost AddHost() => AddChildView("host", e => new DiskSourceHost(e));
}

/// <summary>A &lt;host&gt; of a network disk source.</summary>
public sealed class DiskSourceHost(XElement element) : XmlView(element)
{
    public string? Name { get => GetAttr("name"); set => SetAttr("name", value); }
    public int? Port { get => GetInt("port"); set => SetInt("port", value); }
    public string? Transport { get => GetAttr("transport"); set => SetAttr("transport", value); }
    public string? Socket { get => GetAttr("socket"); set => SetAttr("socket", value); }
}
