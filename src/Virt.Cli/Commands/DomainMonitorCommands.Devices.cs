using System.CommandLine;
using System.Globalization;
using System.Xml.Linq;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary><c>domblklist</c>, <c>domiflist</c> (read from the domain's XML, as virsh does) and <c>domblkinfo</c>.</summary>
public static partial class DomainMonitorCommands
{
    private static VirshCommand DomBlkList(CommandContext ctx)
    {
        var cmd = new VirshCommand("domblklist", "list all domain blocks", VirshGroup.Monitor,
            "Get the summary of block devices for a domain.");
        var domain = cmd.Domain();
        var inactive = cmd.Flag("inactive", "get inactive rather than running configuration");
        var details = cmd.Flag("details", "additionally display the type and device value");
        var json = cmd.Flag("json", "print the disks as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var flags = parse.GetValue(inactive) ? DomainXmlFlags.Inactive : DomainXmlFlags.None;
            var disks = DomainXml.Disks(await dom.GetXmlDescAsync(flags, ct));
            if (parse.GetValue(json))
            {
                ctx.Print(Json.Array(w =>
                {
                    foreach (var d in disks)
                    {
                        w.WriteStartObject();
                        w.WriteString("type", d.Type);
                        w.WriteString("device", d.Device);
                        w.WriteString("target", d.Target);
                        w.WriteString("source", d.Source);
                        w.WriteEndObject();
                    }
                }));
                return;
            }
            var withDetails = parse.GetValue(details);
            var table = withDetails ? new VirshTable("Type", "Device", "Target", "Source") : new VirshTable("Target", "Source");
            foreach (var d in disks)
            {
                if (withDetails) table.Add(d.Type ?? "", d.Device ?? "", d.Target, d.Source ?? "-");
                else table.Add(d.Target, d.Source ?? "-");
            }
            ctx.Print(table.Format(withHeader: !ctx.Quiet));
        });
        return cmd;
    }

    private static VirshCommand DomIfList(CommandContext ctx)
    {
        var cmd = new VirshCommand("domiflist", "list all domain virtual interfaces", VirshGroup.Monitor,
            "Get the summary of virtual interfaces for a domain.");
        var domain = cmd.Domain();
        var inactive = cmd.Flag("inactive", "get inactive rather than running configuration");
        var json = cmd.Flag("json", "print the interfaces as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var flags = parse.GetValue(inactive) ? DomainXmlFlags.Inactive : DomainXmlFlags.None;
            var nics = DomainXml.Interfaces(await dom.GetXmlDescAsync(flags, ct));
            if (parse.GetValue(json))
            {
                ctx.Print(Json.Array(w =>
                {
                    foreach (var n in nics)
                    {
                        w.WriteStartObject();
                        w.WriteString("interface", n.Target);
                        w.WriteString("type", n.Type);
                        w.WriteString("source", n.Source);
                        w.WriteString("model", n.Model);
                        w.WriteString("mac", n.Mac);
                        w.WriteEndObject();
                    }
                }));
                return;
            }
            var table = new VirshTable("Interface", "Type", "Source", "Model", "MAC");
            foreach (var n in nics) table.Add(n.Target ?? "-", n.Type ?? "", n.Source ?? "-", n.Model ?? "-", n.Mac ?? "-");
            ctx.Print(table.Format(withHeader: !ctx.Quiet));
        });
        return cmd;
    }

    private static VirshCommand DomBlkInfo(CommandContext ctx)
    {
        var cmd = new VirshCommand("domblkinfo", "domain block device size information", VirshGroup.Monitor,
            "Get block device size info for a domain.");
        var domain = cmd.Domain();
        var device = cmd.Text("device", "block device");
        var human = cmd.Flag("human", "Human readable output");
        var all = cmd.Flag("all", "display all block devices info");
        var json = cmd.Flag("json", "print the sizes as JSON (bytes)");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var optHuman = parse.GetValue(human);
            var driver = ctx.Connection.Driver;
            if (!parse.GetValue(all))
            {
                var name = parse.GetValue(device);
                if (string.IsNullOrEmpty(name)) throw new CommandFailure("command 'domblkinfo' requires <device> option");
                var info = await driver.GetBlockInfoAsync(dom.Reference, name, ct);
                if (parse.GetValue(json))
                {
                    ctx.Print(Json.Object(w => WriteSizes(w, info)));
                    return;
                }
                var (cap, alloc, phy) = Sizes(info, optHuman);
                ctx.Print($"{"Capacity:",-15} {cap}\n{"Allocation:",-15} {alloc}\n{"Physical:",-15} {phy}\n");
                return;
            }

            var active = await dom.IsActiveAsync(ct);
            var doc = DomainXml.Parse(await dom.GetXmlDescAsync(DomainXmlFlags.None, ct));
            var rows = new List<(string Target, BlockInfo Info)>();
            foreach (var disk in doc.Root?.Element("devices")?.Elements("disk") ?? [])
            {
                var target = disk.Element("target")?.Attribute("dev")?.Value ?? "";
                var info = new BlockInfo(0, 0, 0);
                if (disk.Element("source") is { } source)
                {
                    try
                    {
                        info = await driver.GetBlockInfoAsync(dom.Reference, target, ct);
                    }
                    catch (VirtException ex) when (source.Attribute("protocol") is not null && !active &&
                                                   ex.Code == ErrorCode.InternalError && ex.Domain == ErrorDomain.Storage)
                    {
                        // A network disk of an inactive domain has no figures to give: virsh shows dashes.
                    }
                }
                rows.Add((target, info));
            }
            if (parse.GetValue(json))
            {
                ctx.Print(Json.Array(w =>
                {
                    foreach (var (target, info) in rows)
                    {
                        w.WriteStartObject();
                        w.WriteString("target", target);
                        WriteSizes(w, info);
                        w.WriteEndObject();
                    }
                }));
                return;
            }
            var table = new VirshTable("Target", "Capacity", "Allocation", "Physical");
            foreach (var (target, info) in rows)
            {
                var (cap, alloc, phy) = Sizes(info, optHuman);
                table.Add(target, cap, alloc, phy);
            }
            ctx.Print(table.Format(withHeader: !ctx.Quiet));
        });
        return cmd;
    }

    private static void WriteSizes(System.Text.Json.Utf8JsonWriter w, BlockInfo info)
    {
        w.WriteNumber("capacity", info.Capacity);
        w.WriteNumber("allocation", info.Allocation);
        w.WriteNumber("physical", info.Physical);
    }

    /// <summary>virsh's <c>cmdDomblkinfoGet</c>: bytes, or <c>%.3f UNIT</c> with <c>--human</c>, or dashes when all are 0.</summary>
    private static (string Cap, string Alloc, string Phy) Sizes(BlockInfo info, bool human)
    {
        if (info is { Capacity: 0, Allocation: 0, Physical: 0 }) return ("-", "-", "-");
        if (!human)
            return (info.Capacity.ToString(CultureInfo.InvariantCulture), info.Allocation.ToString(CultureInfo.InvariantCulture),
                info.Physical.ToString(CultureInfo.InvariantCulture));
        return (Pretty(info.Capacity), Pretty(info.Allocation), Pretty(info.Physical));
    }

    /// <summary>virsh's <c>vshPrettyCapacity</c> printed with <c>%.3lf %s</c>.</summary>
    internal static string Pretty(ulong bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        double limit = 1024;
        var unit = 0;
        while (unit < units.Length - 1 && bytes >= limit)
        {
            limit *= 1024;
            unit++;
        }
        var value = unit == 0 ? bytes : bytes / (limit / 1024);
        return $"{CFormat.Fixed(value, 3)} {units[unit]}";
    }
}
