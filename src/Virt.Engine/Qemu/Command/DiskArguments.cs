using System.Text.Json.Nodes;
using Virt.Api.Errors;
using Virt.Model.Domains;

namespace Virt.Engine.Qemu.Command;

/// <summary>
/// Disks as a storage blockdev, a format blockdev on top, and a guest device
/// (virtio-blk, ide/sata, scsi), named the way libvirt names them.
/// </summary>
internal sealed class DiskArguments(DomainDefinition def)
{
    public void AddTo(List<string> a)
    {
        var disks = def.Disks.ToList();
        if (disks.Any(d => d.TargetBus == "scsi"))
            a.AddRange(["-device", new DeviceProps(new JsonObject { ["driver"] = "virtio-scsi-pci", ["id"] = "scsi0" }).ToArgument()]);
        var node = disks.Count;
        var ideUnit = 0;
        foreach (var disk in disks)
        {
            var storage = $"libvirt-{node}-storage";
            var format = $"libvirt-{node}-format";
            node--;
            var readOnly = disk.ReadOnly || disk.Device == "cdrom";
            var path = disk.SourcePath;
            if (path is null)
            {
                if (disk.Device != "cdrom") throw VirtErrors.XmlError($"disk '{disk.TargetDev}' has no source");
                a.AddRange(["-device", new DeviceProps(GuestDevice(disk, null, ref ideUnit)).ToArgument()]);
                continue;
            }
            var storageProps = new JsonObject
            {
                ["driver"] = disk.SourceType == "block" ? "host_device" : "file",
                ["filename"] = path,
                ["node-name"] = storage,
                ["auto-read-only"] = true,
                ["discard"] = "unmap",
            };
            var formatProps = new JsonObject
            {
                ["node-name"] = format,
                ["read-only"] = readOnly,
                ["driver"] = FormatDriver(disk),
                ["file"] = storage,
            };
            a.AddRange(["-blockdev", new DeviceProps(storageProps).ToArgument()]);
            a.AddRange(["-blockdev", new DeviceProps(formatProps).ToArgument()]);
            a.AddRange(["-device", new DeviceProps(GuestDevice(disk, format, ref ideUnit)).ToArgument()]);
        }
    }

    private static string FormatDriver(DomainDisk disk) => disk.DriverType switch
    {
        null or "raw" => "raw",
        "qcow2" => "qcow2",
        var other => throw VirtErrors.ConfigUnsupported($"unsupported disk format '{other}' for '{disk.TargetDev}'"),
    };

    private static JsonObject GuestDevice(DomainDisk disk, string? drive, ref int ideUnit)
    {
        var target = disk.TargetDev!;
        var index = DiskIndex(target);
        var cdrom = disk.Device == "cdrom";
        JsonObject dev = disk.TargetBus switch
        {
            "virtio" when !cdrom => new JsonObject { ["driver"] = "virtio-blk-pci", ["id"] = $"virtio-disk{index}" },
            "sata" or "ide" => new JsonObject
            {
                ["driver"] = cdrom ? "ide-cd" : "ide-hd",
                // q35's AHCI and i440fx's IDE both expose buses named ide.N; IDE has two units per bus.
                ["bus"] = disk.TargetBus == "sata" ? $"ide.{index}" : $"ide.{index / 2}",
                ["id"] = $"{disk.TargetBus}0-0-{index}",
            },
            "scsi" => new JsonObject
            {
                ["driver"] = cdrom ? "scsi-cd" : "scsi-hd",
                ["bus"] = "scsi0.0", ["channel"] = 0, ["scsi-id"] = 0, ["lun"] = index,
                ["id"] = $"scsi0-0-0-{index}",
            },
            var bus => throw VirtErrors.ConfigUnsupported($"disk bus '{bus}' is not supported for '{target}'"),
        };
        if (disk.TargetBus == "ide") dev["unit"] = index % 2;
        if (drive is not null) dev["drive"] = drive;
        if (disk.Element.Element("boot")?.Attribute("order")?.Value is { } order && int.TryParse(order, out var bootIndex))
            dev["bootindex"] = bootIndex;
        return dev;
    }

    /// <summary>vda → 0, vdb → 1, sdaa → 26: libvirt's disk-name-to-index rule.</summary>
    internal static int DiskIndex(string dev)
    {
        // Skip the two-letter prefix (vd, sd, hd, fd) or three-letter xvd.
        var start = dev.StartsWith("xvd", StringComparison.Ordinal) ? 3 : 2;
        var index = -1;
        foreach (var c in dev[Math.Min(start, dev.Length)..])
        {
            if (c is < 'a' or > 'z') throw VirtErrors.XmlError($"invalid disk target name '{dev}'");
            index = (index + 1) * 26 + (c - 'a');
        }
        if (index < 0) throw VirtErrors.XmlError($"invalid disk target name '{dev}'");
        return index;
    }
}
