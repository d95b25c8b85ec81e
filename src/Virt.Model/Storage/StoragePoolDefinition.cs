using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Storage;

/// <summary>Storage pool backends (<c>pool/@type</c>).</summary>
public enum StoragePoolType { Dir, Fs, Netfs, Logical, Disk, Iscsi, IscsiDirect, Scsi, Mpath, Rbd, Sheepdog, Gluster, Zfs, Vstorage }

public static class StoragePoolTypes
{
    public static readonly XmlEnumMap<StoragePoolType> Map = new(
        (StoragePoolType.Dir, "dir"), (StoragePoolType.Fs, "fs"), (StoragePoolType.Netfs, "netfs"), (StoragePoolType.Logical, "logical"),
        (StoragePoolType.Disk, "disk"), (StoragePoolType.Iscsi, "iscsi"), (StoragePoolType.IscsiDirect, "iscsi-direct"),
        (StoragePoolType.Scsi, "scsi"), (StoragePoolType.Mpath, "mpath"), (StoragePoolType.Rbd, "rbd"), (StoragePoolType.Sheepdog, "sheepdog"),
        (StoragePoolType.Gluster, "gluster"), (StoragePoolType.Zfs, "zfs"), (StoragePoolType.Vstorage, "vstorage"));
}

/// <summary>A libvirt &lt;pool&gt; document as a typed view over its XML tree.</summary>
public sealed class StoragePoolDefinition : LibvirtDocument
{
    public const string DocumentName = "storage_pool_definition";

    private static readonly string[] Order = ["name", "uuid", "capacity", "allocation", "available", "source", "target"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    private StoragePoolDefinition(XElement root) : base(root) { }

    public static StoragePoolDefinition Parse(string xml) => Validated(new StoragePoolDefinition(LoadXml(xml, DocumentName, "pool")));
    public static StoragePoolDefinition ParseYaml(string yaml) => Validated(new StoragePoolDefinition(LoadYaml(yaml, DocumentName, "pool")));

    private static StoragePoolDefinition Validated(StoragePoolDefinition pool)
    {
        if (pool.Root.Attribute("type") is null) throw new DomainValidationException("/pool", "missing storage pool type attribute");
        CheckEnum(pool.Root, "type", StoragePoolTypes.Map);
        RequireName(pool.Root);
        CheckUuid(pool.Root);
        foreach (var size in new[] { "capacity", "allocation", "available" }) CheckBytes(pool.Root, size);
        return pool;
    }

    public StoragePoolType? Type { get => GetEnum(StoragePoolTypes.Map, "type"); set => SetEnum(StoragePoolTypes.Map, "type", value); }
    public string Name { get => GetChildText("name") ?? ""; set => SetChildText("name", value); }
    public Guid? Uuid { get => Guid.TryParse(GetChildText("uuid"), out var g) ? g : null; set => SetChildText("uuid", value?.ToString("D")); }

    public ulong? CapacityBytes => Bytes("capacity");
    public ulong? AllocationBytes => Bytes("allocation");
    public ulong? AvailableBytes => Bytes("available");

    /// <summary>Where the pool's volumes appear on the host (<c>target/path</c>).</summary>
    public string? TargetPath
    {
        get => XmlValue.TrimToNull(Element.Element("target")?.Element("path")?.Value);
        set
        {
            var target = ChildOrAdd("target");
            var path = target.Element("path");
            if (value is null) { path?.Remove(); return; }
            if (path is null) target.AddFirst(path = new XElement("path"));
            path.Value = value;
        }
    }

    public IEnumerable<string> SourceDevices => Element.Element("source")?.Elements("device").Select(d => d.Attr("path") ?? "") ?? [];
    public string? SourceName => XmlValue.TrimToNull(Element.Element("source")?.Element("name")?.Value);
    public string? SourceHost => Element.Element("source")?.Element("host").Attr("name");
    public string? SourceDir => Element.Element("source")?.Element("dir").Attr("path");
    public string? SourceFormat => Element.Element("source")?.Element("format").Attr("type");
    public string? TargetMode => XmlValue.TrimToNull(Element.Element("target")?.Element("permissions")?.Element("mode")?.Value);
}
