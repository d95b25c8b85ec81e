using System.CommandLine;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>
/// virsh's "Domain Management" group (virsh-domain.c): define, start, stop and change domains. The
/// XML commands are in DomainCommands.Xml.cs, console in DomainCommands.Console.cs, vCPUs in
/// DomainCommands.Vcpu.cs.
/// </summary>
public static partial class DomainCommands
{
    /// <summary>Each command by name, in virsh's help order; built only when used.</summary>
    public static IEnumerable<CommandFactory> Factories =>
    [
        new("autostart", Autostart), new("console", Console), new("create", CreateCommand), new("define", Define),
        new("destroy", Destroy), new("domid", DomId), new("domname", DomName), new("domuuid", DomUuid),
        new("domxml-to-native", DomXmlToNative), new("dumpxml", DumpXml), new("edit", Edit), new("reboot", Reboot),
        new("reset", Reset), new("resume", Resume), new("shutdown", Shutdown), new("start", Start), new("suspend", Suspend),
        new("undefine", Undefine), new("vcpucount", VcpuCount), new("vcpuinfo", VcpuInfo),
    ];

    private static VirshCommand Autostart(CommandContext ctx)
    {
        var cmd = new VirshCommand("autostart", "autostart a domain", VirshGroup.Domain,
            "Configure a domain to be automatically started at boot.") { DomainCompletion = DomainCompletion.Persistent };
        var domain = cmd.Domain();
        var disable = cmd.Flag("disable", "disable autostarting");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            var off = parse.GetValue(disable);
            await CommandFailure.Wrap(() => dom.SetAutostartAsync(!off, ct),
                off ? $"Failed to unmark domain '{name}' as autostarted" : $"Failed to mark domain '{name}' as autostarted");
            ctx.PrintExtra(off ? $"Domain '{name}' unmarked as autostarted\n" : $"Domain '{name}' marked as autostarted\n");
        });
        return cmd;
    }

    private static VirshCommand CreateCommand(CommandContext ctx)
    {
        var cmd = new VirshCommand("create", "create a domain from an XML file", VirshGroup.Domain, "Create a domain.");
        var file = cmd.Data("file", "file containing an XML domain description");
        var console = cmd.Flag("console", "attach to console after creation");
        var paused = cmd.Flag("paused", "leave the guest paused after creation");
        var autodestroy = cmd.Flag("autodestroy", "automatically destroy the guest when virsh disconnects");
        var passFds = cmd.Text("pass-fds", "pass file descriptors N,M,... to the guest");
        var validate = cmd.Flag("validate", "validate the XML against the schema");
        var resetNvram = cmd.Flag("reset-nvram", "re-initialize NVRAM from its pristine template");
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.RequiredText(file);
            var text = ReadFile(path);
            var fds = PassFds(parse.OptionalText(passFds));
            var flags = DomainCreateFlags.None;
            if (parse.GetValue(paused)) flags |= DomainCreateFlags.Paused;
            if (parse.GetValue(autodestroy)) flags |= DomainCreateFlags.AutoDestroy;
            if (parse.GetValue(validate)) flags |= DomainCreateFlags.Validate;
            if (parse.GetValue(resetNvram)) flags |= DomainCreateFlags.ResetNvram;
            var context = $"Failed to create domain from {path}";
            var xml = DomainDocument.ToXml(text, context);
            var dom = fds is null
                ? await CommandFailure.Wrap(() => ctx.Connection.CreateXmlAsync(xml, flags, ct), context)
                : await CommandFailure.Wrap(async () => await DomainOf(ctx.Connection,
                    await ctx.Connection.Driver.CreateXmlWithFilesAsync(xml, fds, flags, ct), ct), context);
            ctx.PrintExtra($"Domain '{dom.Name}' created from {path}\n");
            // As virsh 9.0: the console's own failure does not fail the command.
            if (parse.GetValue(console)) await RunConsoleAsync(ctx, dom, null, DomainConsoleFlags.None, ct);
        });
        return cmd;
    }

    private static VirshCommand Define(CommandContext ctx)
    {
        var cmd = new VirshCommand("define", "define (but don't start) a domain from an XML file", VirshGroup.Domain,
            "Define a domain.");
        var file = cmd.Data("file", "file containing an XML domain description");
        var validate = cmd.Flag("validate", "validate the XML against the schema");
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.RequiredText(file);
            var context = $"Failed to define domain from {path}";
            var xml = DomainDocument.ToXml(ReadFile(path), context);
            var flags = parse.GetValue(validate) ? DomainDefineFlags.Validate : DomainDefineFlags.None;
            var dom = await CommandFailure.Wrap(() => ctx.Connection.DefineXmlAsync(xml, flags, ct), context);
            ctx.PrintExtra($"Domain '{dom.Name}' defined from {path}\n");
        });
        return cmd;
    }

    private static VirshCommand Destroy(CommandContext ctx)
    {
        var cmd = new VirshCommand("destroy", "destroy (stop) a domain", VirshGroup.Domain,
            "Forcefully stop a given domain, but leave its resources intact.") { DomainCompletion = DomainCompletion.Active };
        var domain = cmd.Domain();
        var graceful = cmd.Flag("graceful", "terminate gracefully");
        var removeLogs = cmd.Flag("remove-logs", "remove domain logs");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            var flags = DomainDestroyFlags.None;
            if (parse.GetValue(graceful)) flags |= DomainDestroyFlags.Graceful;
            if (parse.GetValue(removeLogs)) flags |= DomainDestroyFlags.RemoveLogs;
            await CommandFailure.Wrap(() => dom.DestroyAsync(flags, ct), $"Failed to destroy domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' destroyed\n");
        });
        return cmd;
    }

    private static VirshCommand Reboot(CommandContext ctx)
    {
        var cmd = new VirshCommand("reboot", "reboot a domain", VirshGroup.Domain, "Run a reboot command in the target domain.")
        {
            DomainCompletion = DomainCompletion.Active,
        };
        var domain = cmd.Domain();
        var mode = cmd.Text("mode", "shutdown mode: acpi|agent|initctl|signal|paravirt");
        cmd.SetAction(async (parse, ct) =>
        {
            var flags = ParseShutdownMode(parse.OptionalText(mode), reboot: true);
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.RebootAsync(flags, ct), $"Failed to reboot domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' is being rebooted\n");
        });
        return cmd;
    }

    private static VirshCommand Reset(CommandContext ctx)
    {
        var cmd = new VirshCommand("reset", "reset a domain", VirshGroup.Domain, "Reset the target domain as if by power button")
        {
            DomainCompletion = DomainCompletion.Active,
        };
        var domain = cmd.Domain();
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.ResetAsync(ct), $"Failed to reset domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' was reset\n");
        });
        return cmd;
    }

    private static VirshCommand Resume(CommandContext ctx)
    {
        var cmd = new VirshCommand("resume", "resume a domain", VirshGroup.Domain, "Resume a previously suspended domain.")
        {
            DomainCompletion = DomainCompletion.Paused,
        };
        var domain = cmd.Domain();
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.ResumeAsync(ct), $"Failed to resume domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' resumed\n");
        });
        return cmd;
    }

    private static VirshCommand Shutdown(CommandContext ctx)
    {
        var cmd = new VirshCommand("shutdown", "gracefully shutdown a domain", VirshGroup.Domain, "Run shutdown in the target domain.")
        {
            DomainCompletion = DomainCompletion.Active,
        };
        var domain = cmd.Domain();
        var mode = cmd.Text("mode", "shutdown mode: acpi|agent|initctl|signal|paravirt");
        cmd.SetAction(async (parse, ct) =>
        {
            var flags = ParseShutdownMode(parse.OptionalText(mode), reboot: false);
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.ShutdownAsync(flags, ct), $"Failed to shutdown domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' is being shutdown\n");
        });
        return cmd;
    }

    private static VirshCommand Start(CommandContext ctx)
    {
        var cmd = new VirshCommand("start", "start a (previously defined) inactive domain", VirshGroup.Domain,
            "Start a domain, either from the last managedsave\n    state, or via a fresh boot if no managedsave state\n    is present.")
        {
            DomainCompletion = DomainCompletion.Inactive,
        };
        var domain = cmd.Domain("name of the inactive domain");
        var console = cmd.Flag("console", "attach to console after creation");
        var paused = cmd.Flag("paused", "leave the guest paused after creation");
        var autodestroy = cmd.Flag("autodestroy", "automatically destroy the guest when virsh disconnects");
        var bypassCache = cmd.Flag("bypass-cache", "avoid file system cache when loading");
        var forceBoot = cmd.Flag("force-boot", "force fresh boot by discarding any managed save");
        var passFds = cmd.Text("pass-fds", "pass file descriptors N,M,... to the guest");
        var resetNvram = cmd.Flag("reset-nvram", "re-initialize NVRAM from its pristine template");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Name | LookupBy.Uuid);
            // virsh refuses by the id the handle carries, before asking the driver.
            if (dom.Id != DomainRef.InactiveId) throw new CommandFailure("Domain is already active");
            var fds = PassFds(parse.OptionalText(passFds));
            var flags = DomainCreateFlags.None;
            if (parse.GetValue(paused)) flags |= DomainCreateFlags.Paused;
            if (parse.GetValue(autodestroy)) flags |= DomainCreateFlags.AutoDestroy;
            if (parse.GetValue(bypassCache)) flags |= DomainCreateFlags.BypassCache;
            if (parse.GetValue(forceBoot)) flags |= DomainCreateFlags.ForceBoot;
            if (parse.GetValue(resetNvram)) flags |= DomainCreateFlags.ResetNvram;

            Task StartAsync(DomainCreateFlags f) => fds is null
                ? dom.StartAsync(f, ct)
                : ctx.Connection.Driver.CreateWithFilesAsync(dom.Reference, fds, f, ct);

            var started = false;
            if (flags.HasFlag(DomainCreateFlags.ForceBoot))
            {
                // As virsh: emulate a forced boot where the driver rejects the flag, by dropping any managed save.
                try
                {
                    await StartAsync(flags);
                    started = true;
                }
                catch (VirtException ex) when (ex.Code is ErrorCode.NoSupport or ErrorCode.InvalidArg)
                {
                    flags &= ~DomainCreateFlags.ForceBoot;
                }
                catch (VirtException ex)
                {
                    throw new CommandFailure(null, ex);
                }
            }
            if (!started) await CommandFailure.Wrap(() => StartAsync(flags), $"Failed to start domain '{dom.Name}'");
            ctx.PrintExtra($"Domain '{dom.Name}' started\n");
            if (parse.GetValue(console) && !await RunConsoleAsync(ctx, dom, null, DomainConsoleFlags.None, ct)) return 1;
            return 0;
        });
        return cmd;
    }

    private static VirshCommand Suspend(CommandContext ctx)
    {
        var cmd = new VirshCommand("suspend", "suspend a domain", VirshGroup.Domain, "Suspend a running domain.")
        {
            DomainCompletion = DomainCompletion.Active,
        };
        var domain = cmd.Domain();
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.SuspendAsync(ct), $"Failed to suspend domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' suspended\n");
        });
        return cmd;
    }

    private static VirshCommand Undefine(CommandContext ctx)
    {
        var cmd = new VirshCommand("undefine", "undefine a domain", VirshGroup.Domain,
            "Undefine an inactive domain, or convert persistent to transient.") { DomainCompletion = DomainCompletion.Persistent };
        var domain = cmd.Domain();
        var managedSave = cmd.Flag("managed-save", "remove domain managed state file");
        var storage = cmd.Text("storage",
            "remove associated storage volumes (comma separated list of targets or source paths) (see domblklist)");
        var removeAll = cmd.Flag("remove-all-storage", "remove all associated storage volumes (use with caution)");
        var deleteSnapshots = cmd.Flag("delete-storage-volume-snapshots",
            "delete snapshots associated with volume(s), requires --remove-all-storage (must be supported by storage driver)");
        var wipe = cmd.Flag("wipe-storage", "wipe data on the removed volumes");
        var snapshots = cmd.Flag("snapshots-metadata", "remove all domain snapshot metadata (vm must be inactive)");
        var checkpoints = cmd.Flag("checkpoints-metadata", "remove all domain checkpoint metadata (vm must be inactive)");
        var nvram = cmd.Flag("nvram", "remove nvram file");
        var keepNvram = cmd.Flag("keep-nvram", "keep nvram file");
        var tpm = cmd.Flag("tpm", "remove TPM state");
        var keepTpm = cmd.Flag("keep-tpm", "keep TPM state");
        cmd.SetAction(async (parse, ct) =>
        {
            bool optNvram = parse.GetValue(nvram), optKeepNvram = parse.GetValue(keepNvram);
            bool optRemoveAll = parse.GetValue(removeAll);
            Exclusive(optNvram, optKeepNvram, "nvram", "keep-nvram");
            Exclusive(parse.GetValue(tpm), parse.GetValue(keepTpm), "tpm", "keep-tpm");
            if (parse.GetValue(deleteSnapshots) && !optRemoveAll)
                throw new CommandFailure("Option --remove-all-storage is required by option --delete-storage-volume-snapshots");
            var volumes = parse.GetValue(storage) is { Length: > 0 } given ? given : null; // as virsh: empty is none
            if (volumes is null && !optRemoveAll && parse.GetValue(wipe))
                throw new CommandFailure("'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");

            var flags = DomainUndefineFlags.None;
            if (parse.GetValue(managedSave)) flags |= DomainUndefineFlags.ManagedSave;
            if (parse.GetValue(snapshots)) flags |= DomainUndefineFlags.SnapshotsMetadata;
            if (parse.GetValue(checkpoints)) flags |= DomainUndefineFlags.CheckpointsMetadata;
            if (optNvram) flags |= DomainUndefineFlags.Nvram;
            if (optKeepNvram) flags |= DomainUndefineFlags.KeepNvram;
            if (parse.GetValue(tpm)) flags |= DomainUndefineFlags.Tpm;
            if (parse.GetValue(keepTpm)) flags |= DomainUndefineFlags.KeepTpm;

            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            var running = await dom.IsActiveAsync(ct);
            if ((volumes is not null || optRemoveAll) && running)
                throw new CommandFailure("Storage volume deletion is supported only on stopped domains");
            if (volumes is not null && optRemoveAll)
                throw new CommandFailure("Specified both --storage and --remove-all-storage");

            // The volumes to remove, read before the definition goes.
            var disks = new List<(string Target, string Source)>();
            if (volumes is not null || optRemoveAll)
            {
                var all = DomainXml.Disks(await dom.GetXmlDescAsync(DomainXmlFlags.None, ct))
                    .Where(d => d.Source is not null).Select(d => (d.Target, Source: d.Source!)).ToList();
                if (optRemoveAll) disks = all;
                else
                {
                    foreach (var wanted in volumes!.Split(','))
                    {
                        var found = all.FirstOrDefault(d => d.Target == wanted || d.Source == wanted);
                        if (found.Target is null) throw new CommandFailure($"Volume '{wanted}' was not found in domain's definition.\n");
                        disks.Add(found);
                    }
                }
            }

            await UndefineAsync(dom, flags, name, ct);
            ctx.PrintExtra($"Domain '{name}' has been undefined\n");
            // No storage driver manages these files, so virsh's answer for unmanaged volumes applies to every one.
            foreach (var (target, source) in disks)
                ctx.PrintError($"Storage volume '{target}'({source}) is not managed by libvirt. Remove it manually.\n");
        });
        return cmd;
    }

    /// <summary>
    /// virsh's choice of API: the flags form, and where the driver rejects flags other than
    /// <c>--nvram</c>, the plain form (virsh emulates the rest piecewise).
    /// </summary>
    private static async Task UndefineAsync(Domain dom, DomainUndefineFlags flags, string name, CancellationToken ct)
    {
        try
        {
            await dom.UndefineAsync(flags, ct);
            return;
        }
        catch (VirtException ex) when (!flags.HasFlag(DomainUndefineFlags.Nvram) && flags != DomainUndefineFlags.None &&
                                       ex.Code is ErrorCode.NoSupport or ErrorCode.InvalidArg)
        {
            // fall back below
        }
        catch (VirtException ex)
        {
            throw new CommandFailure($"Failed to undefine domain '{name}'", ex);
        }
        await CommandFailure.Wrap(() => dom.UndefineAsync(DomainUndefineFlags.None, ct), $"Failed to undefine domain '{name}'");
    }

    /// <summary>virsh's comma-separated <c>--mode</c> list for shutdown and reboot.</summary>
    private static DomainShutdownFlags ParseShutdownMode(string? modes, bool reboot)
    {
        var flags = DomainShutdownFlags.Default;
        if (modes is null) return flags;
        foreach (var mode in modes.Split(','))
        {
            flags |= mode switch
            {
                "acpi" => DomainShutdownFlags.AcpiPowerButton,
                "agent" => DomainShutdownFlags.GuestAgent,
                "initctl" => DomainShutdownFlags.Initctl,
                "signal" => DomainShutdownFlags.Signal,
                "paravirt" => DomainShutdownFlags.Paravirt,
                _ => throw new CommandFailure(reboot
                    ? $"Unknown mode {mode} value, expecting 'acpi', 'agent', 'initctl', 'signal' or 'paravirt'"
                    : $"Unknown mode {mode} value, expecting 'acpi', 'agent', 'initctl', 'signal', or 'paravirt'"),
            };
        }
        return flags;
    }

    /// <summary>virsh's <c>cmdStartGetFDs</c>: <c>N,M,...</c> as descriptor numbers.</summary>
    private static IReadOnlyList<int>? PassFds(string? text)
    {
        if (text is null) return null;
        var fds = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!VirshNumbers.TryParseInt(part, 10, out var fd) || fd < 0)
                throw new CommandFailure($"Unable to parse FD number '{part}'");
            fds.Add(fd);
        }
        return fds;
    }

    private static async Task<Domain> DomainOf(Connect conn, DomainRef reference, CancellationToken ct) =>
        await conn.LookupByUuidAsync(reference.Uuid, ct);
}
