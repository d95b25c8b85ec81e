using System.Xml.Linq;
using Virt.Model.Units;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

public enum WatchdogModel { I6300esb, Ib700, Diag288 }
public enum WatchdogAction { Reset, Shutdown, Poweroff, Pause, None, Dump, InjectNmi }
public enum MemballoonModel { Virtio, VirtioTransitional, VirtioNonTransitional, Xen, None }
public enum RngBackendModel { Random, Egd, Builtin }
public enum TpmModel { TpmTis, TpmCrb, TpmSpapr, SpaprTpmProxy }
public enum TpmBackendType { Passthrough, Emulator, External }
public enum FilesystemType { Mount, Block, File, Template, Ram, Bind }
public enum FilesystemAccessMode { Passthrough, Mapped, Squash }
public enum FilesystemDriverType { Path, Handle, Loop, Nbd, Ploop, Virtiofs }
public enum PanicModel { Isa, Pseries, Hyperv, S390 }
public enum ShmemModel { Ivshmem, IvshmemPlain, IvshmemDoorbell }
public enum ShmemRole { Master, Peer }
public enum IommuModel { Intel, Smmuv3, Virtio }

public static class WatchdogModels
{
    public static readonly XmlEnumMap<WatchdogModel> Map = new(
        (WatchdogModel.I6300esb, "i6300esb"), (WatchdogModel.Ib700, "ib700"), (WatchdogModel.Diag288, "diag288"));
}

public static class WatchdogActions
{
    public static readonly XmlEnumMap<WatchdogAction> Map = new(
        (WatchdogAction.Reset, "reset"), (WatchdogAction.Shutdown, "shutdown"), (WatchdogAction.Poweroff, "poweroff"),
        (WatchdogAction.Pause, "pause"), (WatchdogAction.None, "none"), (WatchdogAction.Dump, "dump"), (WatchdogAction.InjectNmi, "inject-nmi"));
}

public static class MemballoonModels
{
    public static readonly XmlEnumMap<MemballoonModel> Map = new(
        (MemballoonModel.Virtio, "virtio"), (MemballoonModel.VirtioTransitional, "virtio-transitional"),
        (MemballoonModel.VirtioNonTransitional, "virtio-non-transitional"), (MemballoonModel.Xen, "xen"), (MemballoonModel.None, "none"));
}

public static class RngBackendModels
{
    public static readonly XmlEnumMap<RngBackendModel> Map = new(
        (RngBackendModel.Random, "random"), (RngBackendModel.Egd, "egd"), (RngBackendModel.Builtin, "builtin"));
}

public static class TpmModels
{
    public static readonly XmlEnumMap<TpmModel> Map = new(
        (TpmModel.TpmTis, "tpm-tis"), (TpmModel.TpmCrb, "tpm-crb"), (TpmModel.TpmSpapr, "tpm-spapr"), (TpmModel.SpaprTpmProxy, "spapr-tpm-proxy"));
}

public static class TpmBackendTypes
{
    public static readonly XmlEnumMap<TpmBackendType> Map = new(
        (TpmBackendType.Passthrough, "passthrough"), (TpmBackendType.Emulator, "emulator"), (TpmBackendType.External, "external"));
}

public static class FilesystemTypes
{
    public static readonly XmlEnumMap<FilesystemType> Map = new(
        (FilesystemType.Mount, "mount"), (FilesystemType.Block, "block"), (FilesystemType.File, "file"),
        (FilesystemType.Template, "template"), (FilesystemType.Ram, "ram"), (FilesystemType.Bind, "bind"));
}

public static class FilesystemAccessModes
{
    public static readonly XmlEnumMap<FilesystemAccessMode> Map = new(
        (FilesystemAccessMode.Passthrough, "passthrough"), (FilesystemAccessMode.Mapped, "mapped"), (FilesystemAccessMode.Squash, "squash"));
}

public static class FilesystemDriverTypes
{
    public static readonly XmlEnumMap<FilesystemDriverType> Map = new(
        (FilesystemDriverType.Path, "path"), (FilesystemDriverType.Handle, "handle"), (FilesystemDriverType.Loop, "loop"),
        (FilesystemDriverType.Nbd, "nbd"), (FilesystemDriverType.Ploop, "ploop"), (FilesystemDriverType.Virtiofs, "virtiofs"));
}

public static class PanicModels
{
    public static readonly XmlEnumMap<PanicModel> Map = new(
        (PanicModel.Isa, "isa"), (PanicModel.Pseries, "pseries"), (PanicModel.Hyperv, "hyperv"), (PanicModel.S390, "s390"));
}

public static class ShmemModels
{
    public static readonly XmlEnumMap<ShmemModel> Map = new(
        (ShmemModel.Ivshmem, "ivshmem"), (ShmemModel.IvshmemPlain, "ivshmem-plain"), (ShmemModel.IvshmemDoorbell, "ivshmem-doorbell"));
}

public static class ShmemRoles
{
    public static readonly XmlEnumMap<ShmemRole> Map = new((ShmemRole.Master, "master"), (ShmemRole.Peer, "peer"));
}

public static class IommuModels
{
    public static readonly XmlEnumMap<IommuModel> Map = new((IommuModel.Intel, "intel"), (IommuModel.Smmuv3, "smmuv3"), (IommuModel.Virtio, "virtio"));
}

/// <summary>A &lt;watchdog&gt; timer device and what to do when it fires.</summary>
public sealed class DomainWatchdog(XElement element) : DomainDevice(element)
{
    public WatchdogModel? Model { get => GetEnum(WatchdogModels.Map, "model"); set => SetEnum(WatchdogModels.Map, "model", value); }
    public WatchdogAction? Action { get => GetEnum(WatchdogActions.Map, "action"); set => SetEnum(WatchdogActions.Map, "action", value); }
}

/// <summary>The &lt;memballoon&gt; device.</summary>
public sealed class DomainMemballoon(XElement element) : DomainDevice(element)
{
    public MemballoonModel? Model { get => GetEnum(MemballoonModels.Map, "model"); set => SetEnum(MemballoonModels.Map, "model", value); }
    public bool? Autodeflate { get => GetOnOff("autodeflate"); set => SetOnOff("autodeflate", value); }
    public bool? FreePageReporting { get => GetOnOff("freePageReporting"); set => SetOnOff("freePageReporting", value); }

    /// <summary>Statistics polling period in seconds (<c>stats/@period</c>).</summary>
    public int? StatsPeriod { get => XmlValue.ParseInt(GetChildAttr("stats", "period")); set => SetChildAttr("stats", "period", XmlValue.Format(value)); }
}

/// <summary>A &lt;rng&gt;: a virtio random number generator and its host source.</summary>
public sealed class DomainRng(XElement element) : DomainDevice(element)
{
    private static readonly string[] Order = ["rate", "backend", "driver", "alias", "address"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public VirtioModel? Model { get => GetEnum(VirtioModels.Map, "model"); set => SetEnum(VirtioModels.Map, "model", value); }

    public RngBackendModel? BackendModel
    {
        get => RngBackendModels.Map.Parse(GetChildAttr("backend", "model"));
        set => SetChildAttr("backend", "model", value is null ? null : RngBackendModels.Map.ToXml(value.Value));
    }

    /// <summary>The host device of a random backend (<c>/dev/urandom</c>).</summary>
    public string? BackendPath
    {
        get => GetChildText("backend");
        set => ChildOrAdd("backend").Value = value ?? "";
    }

    public ulong? RateBytes { get => XmlValue.ParseULong(GetChildAttr("rate", "bytes")); set => SetChildAttr("rate", "bytes", XmlValue.Format(value)); }
    public ulong? RatePeriod { get => XmlValue.ParseULong(GetChildAttr("rate", "period")); set => SetChildAttr("rate", "period", XmlValue.Format(value)); }
}

/// <summary>A &lt;tpm&gt; device and its backend.</summary>
public sealed class DomainTpm(XElement element) : DomainDevice(element)
{
    public TpmModel? Model { get => GetEnum(TpmModels.Map, "model"); set => SetEnum(TpmModels.Map, "model", value); }

    public TpmBackendType? BackendType
    {
        get => TpmBackendTypes.Map.Parse(GetChildAttr("backend", "type"));
        set => SetChildAttr("backend", "type", value is null ? null : TpmBackendTypes.Map.ToXml(value.Value));
    }

    /// <summary>Emulated TPM version: 1.2 or 2.0.</summary>
    public string? BackendVersion { get => GetChildAttr("backend", "version"); set => SetChildAttr("backend", "version", value); }

    /// <summary>The host TPM of a passthrough backend (<c>backend/device/@path</c>).</summary>
    public string? DevicePath => Element.Element("backend")?.Element("device").Attr("path");
}

/// <summary>A &lt;filesystem&gt; shared from the host (virtiofs, 9p).</summary>
public sealed class DomainFilesystem(XElement element) : DomainDevice(element)
{
    private static readonly string[] Order = ["driver", "binary", "source", "target", "readonly", "alias", "address"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public FilesystemType? Type { get => GetEnum(FilesystemTypes.Map, "type"); set => SetEnum(FilesystemTypes.Map, "type", value); }
    public FilesystemAccessMode? AccessMode { get => GetEnum(FilesystemAccessModes.Map, "accessmode"); set => SetEnum(FilesystemAccessModes.Map, "accessmode", value); }

    public FilesystemDriverType? DriverType
    {
        get => FilesystemDriverTypes.Map.Parse(GetChildAttr("driver", "type"));
        set => SetChildAttr("driver", "type", value is null ? null : FilesystemDriverTypes.Map.ToXml(value.Value));
    }

    /// <summary>The host directory (<c>source/@dir</c>) or file/device of other source kinds.</summary>
    public string? SourceDir { get => GetChildAttr("source", "dir"); set => SetChildAttr("source", "dir", value); }

    /// <summary>The mount tag the guest sees (<c>target/@dir</c>).</summary>
    public string? TargetDir { get => GetChildAttr("target", "dir"); set => SetChildAttr("target", "dir", value); }

    public bool ReadOnly { get => HasChild("readonly"); set => SetFlag("readonly", value); }
}

/// <summary>A &lt;panic&gt; notifier.</summary>
public sealed class DomainPanic(XElement element) : DomainDevice(element)
{
    public PanicModel? Model { get => GetEnum(PanicModels.Map, "model"); set => SetEnum(PanicModels.Map, "model", value); }
}

/// <summary>A &lt;shmem&gt; region shared between guests (ivshmem).</summary>
public sealed class DomainShmem(XElement element) : DomainDevice(element)
{
    private static readonly string[] Order = ["model", "size", "server", "msi", "alias", "address"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public string? Name { get => GetAttr("name"); set => SetAttr("name", value); }
    public ShmemRole? Role { get => GetEnum(ShmemRoles.Map, "role"); set => SetEnum(ShmemRoles.Map, "role", value); }

    public ShmemModel? Model
    {
        get => ShmemModels.Map.Parse(GetChildAttr("model", "type"));
        set => SetChildAttr("model", "type", value is null ? null : ShmemModels.Map.ToXml(value.Value));
    }

    /// <summary>The region size in bytes (<c>&lt;size unit=…&gt;</c>; without a unit the number is bytes).</summary>
    public ulong? SizeBytes
    {
        get
        {
            var size = Child("size");
            return size is not null && MemoryUnits.TryToBytes(size.Value, size.Attr("unit"), 1, out var b) ? b : null;
        }
    }

    public string? ServerPath { get => GetChildAttr("server", "path"); set => SetChildAttr("server", "path", value); }
}

/// <summary>An &lt;iommu&gt; for the guest.</summary>
public sealed class DomainIommu(XElement element) : DomainDevice(element)
{
    public IommuModel? Model { get => GetEnum(IommuModels.Map, "model"); set => SetEnum(IommuModels.Map, "model", value); }
    public bool? InterruptRemapping { get => XmlValue.ParseOnOff(GetChildAttr("driver", "intremap")); set => SetChildAttr("driver", "intremap", value is null ? null : value.Value ? "on" : "off"); }
    public bool? CachingMode { get => XmlValue.ParseOnOff(GetChildAttr("driver", "caching_mode")); set => SetChildAttr("driver", "caching_mode", value is null ? null : value.Value ? "on" : "off"); }
}

/// <summary>A &lt;vsock&gt; host-guest socket device.</summary>
public sealed class DomainVsock(XElement element) : DomainDevice(element)
{
    public VirtioModel? Model { get => GetEnum(VirtioModels.Map, "model"); set => SetEnum(VirtioModels.Map, "model", value); }
    public bool? CidAuto { get => XmlValue.ParseYesNo(GetChildAttr("cid", "auto")); set => SetChildAttr("cid", "auto", value is null ? null : value.Value ? "yes" : "no"); }
    public uint? CidAddress { get => XmlValue.ParseUInt(GetChildAttr("cid", "address")); set => SetChildAttr("cid", "address", XmlValue.Format(value)); }
}
