using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Storage;

/// <summary>Volume kinds (<c>volume/@type</c>).</summary>
public enum StorageVolumeType { File, Block, Dir, Network, Netdir, Ploop }

public static class StorageVolumeTypes
{
    public static readonly XmlEnumMap<StorageVolumeType> Map = new(
        (StorageVolumeType.File, "file"), (StorageVolumeType.Block, "block"), (StorageVolumeType.Dir, "dir"),
        (StorageVolumeType.Network, "network"), (StorageVolumeType.Netdir, "netdir"), (StorageVolumeType.Ploop, "ploop"));
}

/// <summary>A libvirt &lt;volume&gt; document as a typed view over its XML tree.</summary>
public sealed class StorageVolumeDefinition : LibvirtDocument
{
    public const string DocumentName = "storage_volume_definition";

    private static readonly string[] Order = ["name", "key", "source", "capacity", "allocation", "physical", "target", "backingStore"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    private StorageVolumeDefinition(XElement root) : base(root) { }

    public static StorageVolumeDefinition Parse(string xml) => Validated(new StorageVolumeDefinition(LoadXml(xml, DocumentName, "volume")));
    public static StorageVolumeDefinition ParseYaml(string yaml) => Validated(new StorageVolumeDefinition(LoadYaml(yaml, DocumentName, "volume")));

    private static StorageVolumeDefinition Validated(StorageVolumeDefinition vol)
    {
        CheckEnum(vol.Root, "type", StorageVolumeTypes.Map);
        RequireName(vol.Root);
        if (vol.Root.Element("capacity") is null) throw new DomainValidationException("/volume/capacity", "missing capacity element");
        foreach (var size in new[] { "capacity", "allocation", "physical" }) CheckBytes(vol.Root, size);
        return vol;
    }

    /// <summary>The volume kind; file when absent.</summary>
    public StorageVolumeType? Type { get => GetEnum(StorageVolumeTypes.Map, "type") ?? (GetAttr("type") is null ? StorageVolumeType.File : null); set => SetEnum(StorageVolumeTypes.Map, "type", value); }
    public string Name { get => GetChildText("name") ?? ""; set => SetChildText("name", value); }
    public string? Key => GetChildText("key");

    public ulong? CapacityBytes => Bytes("capacity");
    public ulong? AllocationBytes => Bytes("allocation");

    /// <summary>Sets &lt;capacity unit='bytes'&gt;.</summary>
    public void SetCapacityBytes(ulong bytes)
    {
        var e = ChildOrAdd("capacity");
        e.SetAttributeValue("unit", "bytes");
        e.Value = XmlValue.Format(bytes)!;
    }

    public string? TargetPath => XmlValue.TrimToNull(Element.Element("target")?.Element("path")?.Value);

    /// <summary>The image format (<c>target/format/@type</c>: raw, qcow2 …).</summary>
    public string? Format => Element.Element("target")?.Element("format").Attr("type");

    public string? BackingPath => XmlValue.TrimToNull(Element.Element("backingStore")?.Element("path")?.Value);
    public string? BackingFormat => Element.Element("backingStore")?.Element("format").Attr("type");
}
