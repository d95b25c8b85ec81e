using System.Xml.Linq;

namespace Virt.Model.Domains;

/// <summary>
/// The element order libvirt's parser leaves a definition in, applied by <see cref="DomainDefaults"/> on
/// define: top-level elements in <see cref="DomainDefinition.FormatOrder"/> (namespaced extensions such
/// as <c>qemu:commandline</c> last), features in libvirt's feature order, devices grouped by kind in <see cref="DomainDevice.KindOrder"/>, and
/// disks placed as <c>virDomainDiskInsert</c> places them (next to disks of the same bus, by index), and
/// the children of os, cpu, disks and interfaces in the order libvirt writes them.
/// Elements the tables do not know stay behind the element they followed; a comment stays with the
/// element after it. Parsing and formatting alone never reorder anything.
/// </summary>
public static class DomainOrder
{
    public static void Apply(DomainDefinition def)
    {
        Sort(def.Root, DomainDefinition.FormatOrder, namespacedLast: true);
        if (def.Root.Element("features") is { } features) Sort(features, DomainFeatures.FormatOrder, namespacedLast: false);
        var devices = def.Root.Element("devices");
        if (devices is null) return;
        Sort(devices, DomainDevice.KindOrder, namespacedLast: false);
        if (def.Root.Element("os") is { } os) Sort(os, DomainOs.FormatOrder, namespacedLast: false);
        if (def.Root.Element("cpu") is { } cpu) Sort(cpu, DomainCpu.FormatOrder, namespacedLast: false);
        foreach (var disk in devices.Elements("disk")) Sort(disk, DomainDisk.FormatOrder, namespacedLast: false);
        foreach (var nic in devices.Elements("interface")) Sort(nic, DomainInterface.FormatOrder, namespacedLast: false);
    }

    private static void Sort(XElement parent, IReadOnlyList<string> order, bool namespacedLast)
    {
        var nodes = parent.Nodes().ToList();
        if (nodes.Count < 2) return;
        var ranks = new int[nodes.Count];
        var previous = -1;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not XElement e) continue;
            var rank = e.Name.Namespace != XNamespace.None && namespacedLast ? order.Count : IndexOf(order, e.Name.LocalName);
            ranks[i] = rank >= 0 ? rank : Math.Max(previous, 0);
            previous = ranks[i];
        }
        // Comments and text take the rank of the next element (or the last one when at the end).
        var next = previous;
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            if (nodes[i] is XElement) next = ranks[i];
            else ranks[i] = next;
        }
        var sorted = Enumerable.Range(0, nodes.Count).OrderBy(i => ranks[i]).Select(i => nodes[i]).ToList();
        if (sorted.SequenceEqual(nodes)) return;
        parent.RemoveNodes();
        parent.Add(sorted);
    }

    /// <summary>
    /// libvirt's <c>virDomainDiskInsertPreAlloced</c>, applied in document order with the bus as written
    /// (so it must run before the bus defaults are filled in).
    /// </summary>
    public static void SortDisks(DomainDefinition def)
    {
        var disks = def.Root.Element("devices")?.Elements("disk").ToList() ?? [];
        if (disks.Count < 2) return;
        var placed = new List<XElement>();
        foreach (var disk in disks)
        {
            var bus = disk.Element("target")?.Attribute("bus")?.Value;
            var index = DomainDefaults.DiskNameToIndex(disk.Element("target")?.Attribute("dev")?.Value) ?? -1;
            var insertAt = -1;
            for (var i = placed.Count - 1; i >= 0; i--)
            {
                var other = placed[i];
                if (other.Element("target")?.Attribute("bus")?.Value != bus) continue;
                if ((DomainDefaults.DiskNameToIndex(other.Element("target")?.Attribute("dev")?.Value) ?? -1) > index) insertAt = i;
                else if (insertAt == -1) insertAt = i + 1;
            }
            if (insertAt == -1) placed.Add(disk); else placed.Insert(insertAt, disk);
        }
        if (placed.SequenceEqual(disks)) return;
        // Put the disks back into the slots the disks occupied, in their new order.
        var anchors = disks.Select(d => new XComment("slot")).ToList();
        for (var i = 0; i < disks.Count; i++) disks[i].ReplaceWith(anchors[i]);
        for (var i = 0; i < disks.Count; i++) anchors[i].ReplaceWith(placed[i]);
    }

    private static int IndexOf(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++)
            if (string.Equals(order[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
