using System.CommandLine;
using System.Globalization;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>
/// virsh's "Domain Monitoring" group (virsh-domain-monitor.c), except <c>list</c>
/// (<see cref="ListCommand"/>) and the block/interface tables (DomainMonitorCommands.Devices.cs).
/// </summary>
public static partial class DomainMonitorCommands
{
    /// <summary>virDomainInfo.maxMem when the domain has no limit (UINT_MAX).</summary>
    private const ulong NoMemoryLimit = uint.MaxValue;

    /// <summary>In virsh's help order.</summary>
    public static IEnumerable<CommandFactory> Factories =>
    [
        new("domblkinfo", DomBlkInfo), new("domblklist", DomBlkList), new("domiflist", DomIfList), new("dominfo", DomInfo),
        new("dommemstat", DomMemStat), new("domstate", DomState),
    ];

    private static VirshCommand DomInfo(CommandContext ctx)
    {
        var cmd = new VirshCommand("dominfo", "domain information", VirshGroup.Monitor, "Returns basic information about the domain.");
        var domain = cmd.Domain();
        var json = cmd.Flag("json", "print the information as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var facts = await DomainFacts.ReadAsync(dom, ct);
            ctx.Print(parse.GetValue(json) ? facts.ToJson() : facts.ToText());
            if (facts.InfoError is not null) throw new CommandFailure(null, facts.InfoError);
        });
        return cmd;
    }

    private static VirshCommand DomState(CommandContext ctx)
    {
        var cmd = new VirshCommand("domstate", "domain state", VirshGroup.Monitor, "Returns state about a domain.");
        var domain = cmd.Domain();
        var reason = cmd.Flag("reason", "also print reason for the state");
        var json = cmd.Flag("json", "print the state and its reason as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var state = await dom.GetStateAsync(ct);
            var text = DomainStateText.State(state.State);
            if (parse.GetValue(json))
            {
                ctx.Print(Json.Object(w =>
                {
                    w.WriteString("state", text);
                    w.WriteString("reason", DomainStateText.Reason(state));
                }));
                return;
            }
            var shown = ctx.ColorOut ? Ansi.State(text) : text;
            ctx.Print(parse.GetValue(reason) ? $"{shown} ({DomainStateText.Reason(state)})\n" : $"{shown}\n");
        });
        return cmd;
    }

    private static VirshCommand DomMemStat(CommandContext ctx)
    {
        var cmd = new VirshCommand("dommemstat", "get memory statistics for a domain", VirshGroup.Monitor,
            "Get memory statistics for a running domain.") { DomainCompletion = DomainCompletion.Active };
        var domain = cmd.Domain();
        var period = cmd.Number("period", "period in seconds to set collection", positional: false);
        var config = cmd.Flag("config", "affect next boot");
        var live = cmd.Flag("live", "affect running domain");
        var current = cmd.Flag("current", "affect current domain");
        var json = cmd.Flag("json", "print the statistics as JSON");
        cmd.SetAction(async (parse, ct) =>
        {
            bool optConfig = parse.GetValue(config), optLive = parse.GetValue(live), optCurrent = parse.GetValue(current);
            Exclusive(optCurrent, optLive, "current", "live");
            Exclusive(optCurrent, optConfig, "current", "config");
            var flags = DomainVcpuFlags.Current;
            if (optConfig) flags |= DomainVcpuFlags.Config;
            if (optLive) flags |= DomainVcpuFlags.Live;
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            if (!optCurrent && !optLive && !optConfig && await dom.IsActiveAsync(ct)) flags |= DomainVcpuFlags.Live;

            if (parse.IntValue(period) is { } seconds)
            {
                if (seconds < 0) throw new CommandFailure($"Invalid collection period value '{seconds}'");
                await CommandFailure.Wrap(() => ctx.Connection.Driver.SetMemoryStatsPeriodAsync(dom.Reference, seconds, flags, ct),
                    "Unable to change balloon collection period.");
                return;
            }

            var stats = await CommandFailure.Wrap(() => ctx.Connection.Driver.GetMemoryStatsAsync(dom.Reference, ct),
                $"Failed to get memory statistics for domain {name}");
            if (parse.GetValue(json))
            {
                ctx.Print(Json.Object(w =>
                {
                    foreach (var stat in stats)
                        if (StatName(stat.Tag) is { } key) w.WriteNumber(key, stat.Value);
                }));
                return;
            }
            foreach (var stat in stats)
                if (StatName(stat.Tag) is { } key) ctx.Print(string.Create(CultureInfo.InvariantCulture, $"{key} {stat.Value}\n"));
        });
        return cmd;
    }

    /// <summary>The names virsh prints for each statistic (none for tags it does not know).</summary>
    private static string? StatName(MemoryStatTag tag) => tag switch
    {
        MemoryStatTag.SwapIn => "swap_in",
        MemoryStatTag.SwapOut => "swap_out",
        MemoryStatTag.MajorFault => "major_fault",
        MemoryStatTag.MinorFault => "minor_fault",
        MemoryStatTag.Unused => "unused",
        MemoryStatTag.Available => "available",
        MemoryStatTag.Usable => "usable",
        MemoryStatTag.ActualBalloon => "actual",
        MemoryStatTag.Rss => "rss",
        MemoryStatTag.LastUpdate => "last_update",
        MemoryStatTag.DiskCaches => "disk_caches",
        MemoryStatTag.HugetlbPgalloc => "hugetlb_pgalloc",
        MemoryStatTag.HugetlbPgfail => "hugetlb_pgfail",
        _ => null,
    };

    internal static async Task<T?> TryAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VirtException)
        {
            return null;
        }
    }

    internal static async Task<bool?> TryAsync(Func<Task<bool>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VirtException)
        {
            return null;
        }
    }

    /// <summary>What <c>dominfo</c> shows, read in virsh's order; a line whose call fails is left out as virsh does.</summary>
    private sealed class DomainFacts
    {
        public required Domain Domain { get; init; }
        public string? OsType { get; private set; }
        public DomainInfo? Info { get; private set; }
        public VirtException? InfoError { get; private set; }
        public bool? Persistent { get; private set; }
        public bool? Autostart { get; private set; }
        public bool? ManagedSave { get; private set; }
        public Api.Host.SecurityModel? Model { get; private set; }
        public Api.Host.SecurityLabel? Label { get; private set; }
        public IReadOnlyList<string> Messages { get; private set; } = [];

        public static async Task<DomainFacts> ReadAsync(Domain dom, CancellationToken ct)
        {
            var facts = new DomainFacts { Domain = dom };
            facts.OsType = await TryAsync(() => dom.GetOsTypeAsync(ct));
            try
            {
                facts.Info = await dom.GetInfoAsync(ct);
            }
            catch (VirtException ex)
            {
                facts.InfoError = ex;
            }
            facts.Persistent = await TryAsync(() => dom.IsPersistentAsync(ct));
            facts.Autostart = await TryAsync(() => dom.GetAutostartAsync(ct));
            facts.ManagedSave = await TryAsync(() => dom.HasManagedSaveImageAsync(ct));
            // As virsh: the security lines need a non-empty model; the label line a non-empty label.
            facts.Model = await TryAsync(() => dom.Connection.GetSecurityModelAsync(ct));
            if (facts.Model is { Model.Length: > 0 }) facts.Label = await dom.GetSecurityLabelAsync(ct);
            facts.Messages = await TryAsync(() => dom.GetMessagesAsync(ct)) ?? [];
            return facts;
        }

        private string IdText => Domain.Id == DomainRef.InactiveId ? "-" : Domain.Id.ToString(CultureInfo.InvariantCulture);

        public string ToText()
        {
            var sb = new System.Text.StringBuilder();
            void Line(string label, string value) => sb.Append($"{label,-15} {value}\n");
            Line("Id:", IdText);
            Line("Name:", Domain.Name);
            Line("UUID:", Domain.Uuid.ToString("D"));
            if (OsType is not null) Line("OS Type:", OsType);
            if (Info is { } info)
            {
                Line("State:", DomainStateText.State(info.State));
                Line("CPU(s):", info.VirtCpus.ToString(CultureInfo.InvariantCulture));
                if (info.CpuTimeNs != 0) Line("CPU time:", CFormat.OneDecimal(info.CpuTimeNs / 1e9) + "s");
                Line("Max memory:", info.MaxMemoryKiB == NoMemoryLimit ? "no limit" : $"{info.MaxMemoryKiB} KiB");
                Line("Used memory:", $"{info.MemoryKiB} KiB");
            }
            Line("Persistent:", Persistent is null ? "unknown" : Persistent.Value ? "yes" : "no");
            if (Autostart is not null) Line("Autostart:", Autostart.Value ? "enable" : "disable");
            Line("Managed save:", ManagedSave is null ? "unknown" : ManagedSave.Value ? "yes" : "no");
            if (Model is { Model.Length: > 0 })
            {
                Line("Security model:", Model.Model);
                Line("Security DOI:", Model.Doi);
                if (Label is { Label.Length: > 0 })
                    Line("Security label:", $"{Label.Label} ({(Label.Enforcing ? "enforcing" : "permissive")})");
            }
            for (var i = 0; i < Messages.Count; i++) Line(i == 0 ? "Messages:" : "", Messages[i]);
            return sb.ToString();
        }

        public string ToJson() => Json.Object(w =>
        {
            if (Domain.Id == DomainRef.InactiveId) w.WriteNull("id");
            else w.WriteNumber("id", Domain.Id);
            w.WriteString("name", Domain.Name);
            w.WriteString("uuid", Domain.Uuid.ToString("D"));
            w.WriteString("os_type", OsType);
            if (Info is { } info)
            {
                w.WriteString("state", DomainStateText.State(info.State));
                w.WriteNumber("cpus", info.VirtCpus);
                w.WriteNumber("cpu_time_ns", info.CpuTimeNs);
                if (info.MaxMemoryKiB == NoMemoryLimit) w.WriteNull("max_memory_kib");
                else w.WriteNumber("max_memory_kib", info.MaxMemoryKiB);
                w.WriteNumber("used_memory_kib", info.MemoryKiB);
            }
            Bool(w, "persistent", Persistent);
            Bool(w, "autostart", Autostart);
            Bool(w, "managed_save", ManagedSave);
            if (Model is { Model.Length: > 0 })
            {
                w.WriteString("security_model", Model.Model);
                w.WriteString("security_doi", Model.Doi);
                if (Label is { Label.Length: > 0 })
                {
                    w.WriteString("security_label", Label.Label);
                    w.WriteBoolean("security_enforcing", Label.Enforcing);
                }
            }
            w.WriteStartArray("messages");
            foreach (var m in Messages) w.WriteStringValue(m);
            w.WriteEndArray();
        });

        private static void Bool(System.Text.Json.Utf8JsonWriter w, string name, bool? value)
        {
            if (value is null) w.WriteNull(name);
            else w.WriteBoolean(name, value.Value);
        }
    }
}
