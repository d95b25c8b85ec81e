using System.CommandLine;
using System.Globalization;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>virsh's "Domain Monitoring" group (virsh-domain-monitor.c), except <c>list</c> (<see cref="ListCommand"/>).</summary>
public static class DomainMonitorCommands
{
    /// <summary>virDomainInfo.maxMem when the domain has no limit (UINT_MAX).</summary>
    private const ulong NoMemoryLimit = uint.MaxValue;

    public static IEnumerable<Command> Create(CommandContext ctx) => [DomInfo(ctx), DomState(ctx)];

    private static Command DomInfo(CommandContext ctx)
    {
        var domain = Domain();
        var cmd = new Command("dominfo", "domain information") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            VirtException? failure = null;
            void Line(string label, string value) => ctx.Print($"{label,-15} {value}\n");

            Line("Id:", dom.Id == DomainRef.InactiveId ? "-" : dom.Id.ToString(CultureInfo.InvariantCulture));
            Line("Name:", dom.Name);
            Line("UUID:", dom.Uuid.ToString("D"));
            if (await TryAsync(() => dom.GetOsTypeAsync(ct)) is { } osType) Line("OS Type:", osType);

            try
            {
                var info = await dom.GetInfoAsync(ct);
                Line("State:", DomainStateText.State(info.State));
                Line("CPU(s):", info.VirtCpus.ToString(CultureInfo.InvariantCulture));
                if (info.CpuTimeNs != 0) Line("CPU time:", CFormat.OneDecimal(info.CpuTimeNs / 1e9) + "s");
                Line("Max memory:", info.MaxMemoryKiB == NoMemoryLimit ? "no limit" : $"{info.MaxMemoryKiB} KiB");
                Line("Used memory:", $"{info.MemoryKiB} KiB");
            }
            catch (VirtException ex)
            {
                failure = ex;
            }

            var persistent = await TryAsync(() => dom.IsPersistentAsync(ct));
            Line("Persistent:", persistent is null ? "unknown" : persistent.Value ? "yes" : "no");
            if (await TryAsync(() => dom.GetAutostartAsync(ct)) is { } autostart)
                Line("Autostart:", autostart ? "enable" : "disable");
            var managedSave = await TryAsync(() => dom.HasManagedSaveImageAsync(ct));
            Line("Managed save:", managedSave is null ? "unknown" : managedSave.Value ? "yes" : "no");
            // As virsh: the security lines need a non-empty model; the label line a non-empty label.
            var model = await TryAsync(() => dom.Connection.GetSecurityModelAsync(ct));
            if (model is { Model.Length: > 0 })
            {
                Line("Security model:", model.Model);
                Line("Security DOI:", model.Doi);
                var label = await dom.GetSecurityLabelAsync(ct);
                if (label.Label.Length > 0)
                    Line("Security label:", $"{label.Label} ({(label.Enforcing ? "enforcing" : "permissive")})");
            }
            var messages = await TryAsync(() => dom.GetMessagesAsync(ct));
            for (var i = 0; i < (messages?.Count ?? 0); i++)
                Line(i == 0 ? "Messages:" : "", messages![i]);

            if (failure is not null) throw new CommandFailure(null, failure);
        });
        return cmd;
    }

    private static Command DomState(CommandContext ctx)
    {
        var domain = Domain();
        var reason = Flag("--reason", "also print reason for the state");
        var cmd = new Command("domstate", "domain state") { domain, reason };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var state = await dom.GetStateAsync(ct);
            ctx.Print(parse.GetValue(reason)
                ? $"{DomainStateText.State(state.State)} ({DomainStateText.Reason(state)})\n"
                : $"{DomainStateText.State(state.State)}\n");
        });
        return cmd;
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> call) where T : class
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

    private static async Task<bool?> TryAsync(Func<Task<bool>> call)
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
}
