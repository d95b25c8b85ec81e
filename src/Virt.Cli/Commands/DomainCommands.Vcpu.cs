using System.CommandLine;
using System.Globalization;
using System.Xml.Linq;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary><c>vcpucount</c> and <c>vcpuinfo</c>, with virsh's fall-backs to the XML for drivers that lack the calls.</summary>
public static partial class DomainCommands
{
    private static VirshCommand VcpuCount(CommandContext ctx)
    {
        var cmd = new VirshCommand("vcpucount", "domain vcpu counts", VirshGroup.Domain,
            "Returns the number of virtual CPUs used by the domain.");
        var domain = cmd.Domain();
        var maximum = cmd.Flag("maximum", "get maximum count of vcpus");
        var active = cmd.Flag("active", "get number of currently active vcpus");
        var live = cmd.Flag("live", "get value from running domain");
        var config = cmd.Flag("config", "get value to be used on next boot");
        var current = cmd.Flag("current", "get value according to current domain state");
        var guest = cmd.Flag("guest", "retrieve vcpu count from the guest instead of the hypervisor");
        var json = cmd.Flag("json", "print the counts as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            bool optMaximum = parse.GetValue(maximum), optActive = parse.GetValue(active), optLive = parse.GetValue(live),
                optConfig = parse.GetValue(config), optCurrent = parse.GetValue(current), optGuest = parse.GetValue(guest);
            var all = !optMaximum && !optActive && !optCurrent && !optConfig && !optLive && !optGuest;
            // virsh keeps the pre-0.9.4 meaning: --current alone is the opposite of --maximum.
            if (!optMaximum && !optActive && optCurrent) optCurrent = false;
            Exclusive(optLive, optConfig, "live", "config");
            Exclusive(optCurrent, optLive, "current", "live");
            Exclusive(optCurrent, optConfig, "current", "config");
            Exclusive(optActive, optMaximum, "active", "maximum");
            Exclusive(optGuest, optConfig, "guest", "config");
            var flags = DomainVcpuFlags.Current;
            if (optLive) flags |= DomainVcpuFlags.Live;
            if (optConfig) flags |= DomainVcpuFlags.Config;
            if (optMaximum) flags |= DomainVcpuFlags.Maximum;
            if (optGuest) flags |= DomainVcpuFlags.Guest;

            var dom = await ctx.DomainAsync(parse, domain, ct);
            if (!all)
            {
                var count = await CountAsync(dom, flags, checkState: false, ct);
                ctx.Print(parse.GetValue(json) ? Json.Object(w => w.WriteNumber("count", count)) : $"{count}\n");
                return;
            }
            var confMax = await CountAsync(dom, DomainVcpuFlags.Config | DomainVcpuFlags.Maximum, true, ct);
            var confCur = await CountAsync(dom, DomainVcpuFlags.Config, true, ct);
            var liveMax = await CountAsync(dom, DomainVcpuFlags.Live | DomainVcpuFlags.Maximum, true, ct);
            var liveCur = await CountAsync(dom, DomainVcpuFlags.Live, true, ct);
            if (parse.GetValue(json))
            {
                ctx.Print(Json.Object(w =>
                {
                    void Pair(string name, int config, int live)
                    {
                        w.WriteStartObject(name);
                        if (config > 0) w.WriteNumber("config", config);
                        if (live > 0) w.WriteNumber("live", live);
                        w.WriteEndObject();
                    }
                    Pair("maximum", confMax, liveMax);
                    Pair("current", confCur, liveCur);
                }));
                return;
            }
            void Line(int value, string which, string state)
            {
                if (value > 0) ctx.Print(string.Create(CultureInfo.InvariantCulture, $"{which,-12} {state,-12} {value,3}\n"));
            }
            Line(confMax, "maximum", "config");
            Line(liveMax, "maximum", "live");
            Line(confCur, "current", "config");
            Line(liveCur, "current", "live");
        });
        return cmd;
    }

    /// <summary>
    /// virsh's <c>virshCPUCountCollect</c>: <c>virDomainGetVcpusFlags</c>, and where the driver lacks it,
    /// the older calls or the inactive XML. With <paramref name="checkState"/>, a count that does not
    /// apply (live of an inactive domain, config of a transient one) is -1 and not printed.
    /// </summary>
    private static async Task<int> CountAsync(Domain dom, DomainVcpuFlags flags, bool checkState, CancellationToken ct)
    {
        if (checkState &&
            ((flags.HasFlag(DomainVcpuFlags.Live) && !await dom.IsActiveAsync(ct)) ||
             (flags.HasFlag(DomainVcpuFlags.Config) && !await dom.IsPersistentAsync(ct))))
            return -1;
        try
        {
            return await dom.Connection.Driver.GetVcpusFlagsAsync(dom.Reference, flags, ct);
        }
        catch (VirtException ex) when (ex.Code is ErrorCode.NoSupport or ErrorCode.InvalidArg)
        {
            if (flags.HasFlag(DomainVcpuFlags.Guest))
                throw new CommandFailure("Failed to retrieve vCPU count from the guest", ex);
            if ((flags & (DomainVcpuFlags.Live | DomainVcpuFlags.Config)) == 0 && await dom.IsActiveAsync(ct))
                flags |= DomainVcpuFlags.Live;
            if (flags.HasFlag(DomainVcpuFlags.Live))
            {
                if (flags.HasFlag(DomainVcpuFlags.Maximum)) throw new CommandFailure(null, ex);
                return (int)(await dom.GetInfoAsync(ct)).VirtCpus;
            }
            var vcpu = XDocument.Parse(await dom.GetXmlDescAsync(DomainXmlFlags.Inactive, ct)).Root?.Element("vcpu");
            var text = flags.HasFlag(DomainVcpuFlags.Maximum) ? vcpu?.Value : vcpu?.Attribute("current")?.Value ?? vcpu?.Value;
            return int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new CommandFailure(flags.HasFlag(DomainVcpuFlags.Maximum)
                    ? "Failed to retrieve maximum vcpu count" : "Failed to retrieve current vcpu count");
        }
    }

    private static VirshCommand VcpuInfo(CommandContext ctx)
    {
        var cmd = new VirshCommand("vcpuinfo", "detailed domain vcpu information", VirshGroup.Domain,
            "Returns basic information about the domain virtual CPUs.");
        var domain = cmd.Domain();
        var pretty = cmd.Flag("pretty", "return human readable output");
        var json = cmd.Flag("json", "print the vCPUs as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var maxcpu = await NodeCpuCountAsync(ctx.Connection, ct);
            var info = await dom.GetInfoAsync(ct);
            IReadOnlyList<VcpuInfo> vcpus;
            try
            {
                vcpus = await ctx.Connection.Driver.GetVcpusAsync(dom.Reference, ct);
            }
            catch (VirtException) when (info.State == DomainState.Shutoff)
            {
                // For an inactive domain virsh shows the configured pinning instead.
                var online = OnlineVcpus(XDocument.Parse(await dom.GetXmlDescAsync(DomainXmlFlags.Inactive, ct)));
                var pins = await ctx.Connection.Driver.GetVcpuPinInfoAsync(dom.Reference, DomainVcpuFlags.Config, ct);
                vcpus = online.Where(i => i < pins.Count)
                    .Select(i => new VcpuInfo(i, (VcpuState)(-1), 0, -1, pins[i])).ToList();
                PrintVcpus(ctx, vcpus, maxcpu, parse.GetValue(pretty), parse.GetValue(json), inactive: true);
                return;
            }
            PrintVcpus(ctx, vcpus.Take((int)info.VirtCpus).ToList(), maxcpu, parse.GetValue(pretty), parse.GetValue(json), inactive: false);
        });
        return cmd;
    }

    private static void PrintVcpus(CommandContext ctx, IReadOnlyList<VcpuInfo> vcpus, int maxcpu, bool pretty, bool json, bool inactive)
    {
        if (json)
        {
            ctx.Print(Json.Array(w =>
            {
                foreach (var v in vcpus)
                {
                    w.WriteStartObject();
                    w.WriteNumber("vcpu", v.Number);
                    if (inactive)
                    {
                        w.WriteNull("cpu");
                        w.WriteNull("state");
                        w.WriteNull("cpu_time_ns");
                    }
                    else
                    {
                        w.WriteNumber("cpu", v.Cpu);
                        w.WriteString("state", VcpuStateText(v.State));
                        w.WriteNumber("cpu_time_ns", v.CpuTimeNs);
                    }
                    w.WriteString("affinity", CpuList(v.Affinity, maxcpu));
                    w.WriteEndObject();
                }
            }));
            return;
        }
        for (var n = 0; n < vcpus.Count; n++)
        {
            var v = vcpus[n];
            if (n > 0) ctx.Print("\n");
            ctx.Print($"{"VCPU:",-15} {v.Number}\n");
            if (inactive)
            {
                ctx.Print($"{"CPU:",-15} N/A\n{"State:",-15} N/A\n{"CPU time",-15} N/A\n");
            }
            else
            {
                ctx.Print($"{"CPU:",-15} {v.Cpu}\n");
                ctx.Print($"{"State:",-15} {VcpuStateText(v.State)}\n");
                if (v.CpuTimeNs != 0) ctx.Print($"{"CPU time:",-15} {CFormat.Fixed(v.CpuTimeNs / 1e9, 1)}s\n");
            }
            ctx.Print($"{"CPU Affinity:",-15} ");
            ctx.Print(pretty
                ? $"{CpuList(v.Affinity, maxcpu)} (out of {maxcpu})"
                : string.Concat(Enumerable.Range(0, maxcpu).Select(i => i < v.Affinity.Count && v.Affinity[i] ? 'y' : '-')));
            ctx.Print("\n");
        }
    }

    private static string VcpuStateText(VcpuState state) => state switch
    {
        VcpuState.Offline => "offline",
        VcpuState.Running => "running",
        VcpuState.Blocked => "blocked",
        _ => "no state",
    };

    /// <summary>libvirt's <c>virBitmapFormat</c>: <c>0-3,5,7-8</c> over the first <paramref name="max"/> CPUs.</summary>
    public static string CpuList(IReadOnlyList<bool> map, int max)
    {
        var parts = new List<string>();
        var i = 0;
        var limit = Math.Min(max, map.Count);
        while (i < limit)
        {
            if (!map[i])
            {
                i++;
                continue;
            }
            var start = i;
            while (i + 1 < limit && map[i + 1]) i++;
            parts.Add(start == i ? $"{start}" : $"{start}-{i}");
            i++;
        }
        return string.Join(',', parts);
    }

    /// <summary>virsh's <c>virshNodeGetCPUCount</c>: the host CPU map, else the node info's CPU count.</summary>
    private static async Task<int> NodeCpuCountAsync(Connect conn, CancellationToken ct)
    {
        try
        {
            return (await conn.Driver.GetNodeCpuMapAsync(ct)).Cpus;
        }
        catch (VirtException)
        {
            var node = await conn.GetNodeInfoAsync(ct);
            return (int)(node.Nodes * node.Sockets * node.Cores * node.Threads);
        }
    }

    /// <summary>virsh's <c>virshDomainGetVcpuBitmap</c> for an inactive definition: which vCPUs are online at boot.</summary>
    private static IReadOnlyList<int> OnlineVcpus(XDocument xml)
    {
        var root = xml.Root!;
        var perVcpu = root.Element("vcpus")?.Elements("vcpu").ToList();
        if (perVcpu is { Count: > 0 })
            return perVcpu.Where(v => v.Attribute("enabled")?.Value != "no")
                .Select(v => int.Parse(v.Attribute("id")!.Value, CultureInfo.InvariantCulture)).ToList();
        var vcpu = root.Element("vcpu");
        var text = vcpu?.Attribute("current")?.Value ?? vcpu?.Value ?? "1";
        return Enumerable.Range(0, int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1).ToList();
    }
}
