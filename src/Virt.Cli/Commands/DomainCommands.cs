using System.CommandLine;
using Virt.Api.Domains;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>virsh's "Domain Management" group (virsh-domain.c): define, start, stop and change domains.</summary>
public static class DomainCommands
{
    /// <summary>virsh's <c>VSH_MAX_XML_FILE</c>.</summary>
    private const long MaxXmlFileBytes = 10 * 1024 * 1024;

    public static IEnumerable<Command> Create(CommandContext ctx) =>
    [
        Autostart(ctx), CreateCommand(ctx), Define(ctx), Destroy(ctx), DomId(ctx), DomName(ctx), DomUuid(ctx),
        DumpXml(ctx), Reboot(ctx), Reset(ctx), Resume(ctx), Shutdown(ctx), Start(ctx), Suspend(ctx), Undefine(ctx),
    ];

    private static Command Autostart(CommandContext ctx)
    {
        var domain = Domain();
        var disable = Flag("--disable", "disable autostarting");
        var cmd = new Command("autostart", "autostart a domain") { domain, disable };
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

    private static Command CreateCommand(CommandContext ctx)
    {
        var file = File();
        var paused = Flag("--paused", "leave the guest paused after creation");
        var validate = Flag("--validate", "validate the XML against the schema");
        var cmd = new Command("create", "create a domain from an XML file") { file, paused, validate };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.RequiredText(file);
            var xml = ReadXmlFile(path);
            var flags = DomainCreateFlags.None;
            if (parse.GetValue(paused)) flags |= DomainCreateFlags.Paused;
            if (parse.GetValue(validate)) flags |= DomainCreateFlags.Validate;
            var dom = await CommandFailure.Wrap(() => ctx.Connection.CreateXmlAsync(xml, flags, ct),
                $"Failed to create domain from {path}");
            ctx.PrintExtra($"Domain '{dom.Name}' created from {path}\n");
        });
        return cmd;
    }

    private static Command Define(CommandContext ctx)
    {
        var file = File();
        var validate = Flag("--validate", "validate the XML against the schema");
        var cmd = new Command("define", "define (but don't start) a domain from an XML file") { file, validate };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.RequiredText(file);
            var xml = ReadXmlFile(path);
            var flags = parse.GetValue(validate) ? DomainDefineFlags.Validate : DomainDefineFlags.None;
            var dom = await CommandFailure.Wrap(() => ctx.Connection.DefineXmlAsync(xml, flags, ct),
                $"Failed to define domain from {path}");
            ctx.PrintExtra($"Domain '{dom.Name}' defined from {path}\n");
        });
        return cmd;
    }

    private static Command Destroy(CommandContext ctx)
    {
        var domain = Domain();
        var graceful = Flag("--graceful", "terminate gracefully");
        var removeLogs = Flag("--remove-logs", "remove domain logs");
        var cmd = new Command("destroy", "destroy (stop) a domain") { domain, graceful, removeLogs };
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

    private static Command DomId(CommandContext ctx)
    {
        var domain = Domain("domain name or uuid");
        var cmd = new Command("domid", "convert a domain name or UUID to domain id") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Name | LookupBy.Uuid);
            ctx.Print(dom.Id == DomainRef.InactiveId ? "-\n" : $"{dom.Id}\n");
        });
        return cmd;
    }

    private static Command DomName(CommandContext ctx)
    {
        var domain = Domain("domain id or uuid");
        var cmd = new Command("domname", "convert a domain id or UUID to domain name") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Id | LookupBy.Uuid);
            ctx.Print($"{dom.Name}\n");
        });
        return cmd;
    }

    private static Command DomUuid(CommandContext ctx)
    {
        var domain = Domain("domain id or name");
        var cmd = new Command("domuuid", "convert a domain name or id to domain UUID") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Id | LookupBy.Name);
            ctx.Print($"{dom.Uuid:D}\n");
        });
        return cmd;
    }

    private static Command DumpXml(CommandContext ctx)
    {
        var domain = Domain();
        var inactive = Flag("--inactive", "show inactive defined XML");
        var security = Flag("--security-info", "include security sensitive information in XML dump");
        var updateCpu = Flag("--update-cpu", "update guest CPU according to host CPU");
        var migratable = Flag("--migratable", "provide XML suitable for migrations");
        var cmd = new Command("dumpxml", "domain information in XML") { domain, inactive, security, updateCpu, migratable };
        cmd.SetAction(async (parse, ct) =>
        {
            var flags = DomainXmlFlags.None;
            if (parse.GetValue(inactive)) flags |= DomainXmlFlags.Inactive;
            if (parse.GetValue(security)) flags |= DomainXmlFlags.Secure;
            if (parse.GetValue(updateCpu)) flags |= DomainXmlFlags.UpdateCpu;
            if (parse.GetValue(migratable)) flags |= DomainXmlFlags.Migratable;
            var dom = await ctx.DomainAsync(parse, domain, ct);
            ctx.Print(await dom.GetXmlDescAsync(flags, ct));
        });
        return cmd;
    }

    private static Command Reboot(CommandContext ctx)
    {
        var domain = Domain();
        var mode = ShutdownMode();
        var cmd = new Command("reboot", "reboot a domain") { domain, mode };
        cmd.SetAction(async (parse, ct) =>
        {
            var flags = ParseShutdownMode(parse.OptionalText(mode));
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.RebootAsync(flags, ct), $"Failed to reboot domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' is being rebooted\n");
        });
        return cmd;
    }

    private static Command Reset(CommandContext ctx)
    {
        var domain = Domain();
        var cmd = new Command("reset", "reset a domain") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.ResetAsync(ct), $"Failed to reset domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' was reset\n");
        });
        return cmd;
    }

    private static Command Resume(CommandContext ctx)
    {
        var domain = Domain();
        var cmd = new Command("resume", "resume a domain") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.ResumeAsync(ct), $"Failed to resume domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' resumed\n");
        });
        return cmd;
    }

    private static Command Shutdown(CommandContext ctx)
    {
        var domain = Domain();
        var mode = ShutdownMode();
        var cmd = new Command("shutdown", "gracefully shutdown a domain") { domain, mode };
        cmd.SetAction(async (parse, ct) =>
        {
            var flags = ParseShutdownMode(parse.OptionalText(mode));
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.ShutdownAsync(flags, ct), $"Failed to shutdown domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' is being shutdown\n");
        });
        return cmd;
    }

    private static Command Start(CommandContext ctx)
    {
        var domain = Domain("name of the inactive domain");
        var paused = Flag("--paused", "leave the guest paused after creation");
        var cmd = new Command("start", "start a (previously defined) inactive domain") { domain, paused };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Name | LookupBy.Uuid);
            // virsh refuses by the id the handle carries, before asking the driver.
            if (dom.Id != DomainRef.InactiveId) throw new CommandFailure("Domain is already active");
            var flags = parse.GetValue(paused) ? DomainCreateFlags.Paused : DomainCreateFlags.None;
            await CommandFailure.Wrap(() => dom.StartAsync(flags, ct), $"Failed to start domain '{dom.Name}'");
            ctx.PrintExtra($"Domain '{dom.Name}' started\n");
        });
        return cmd;
    }

    private static Command Suspend(CommandContext ctx)
    {
        var domain = Domain();
        var cmd = new Command("suspend", "suspend a domain") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.SuspendAsync(ct), $"Failed to suspend domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' suspended\n");
        });
        return cmd;
    }

    private static Command Undefine(CommandContext ctx)
    {
        var domain = Domain();
        var cmd = new Command("undefine", "undefine a domain") { domain };
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.RequiredText(domain);
            await CommandFailure.Wrap(() => dom.UndefineAsync(DomainUndefineFlags.None, ct),
                $"Failed to undefine domain '{name}'");
            ctx.PrintExtra($"Domain '{name}' has been undefined\n");
        });
        return cmd;
    }

    private static Option<string> ShutdownMode() =>
        new("--mode") { Description = "shutdown mode: acpi|agent|initctl|signal|paravirt" };

    /// <summary>virsh's comma-separated <c>--mode</c> list for shutdown and reboot.</summary>
    private static DomainShutdownFlags ParseShutdownMode(string? modes)
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
                _ => throw new CommandFailure(
                    $"Unknown mode {mode} value, expecting 'acpi', 'agent', 'initctl', 'signal', or 'paravirt'"),
            };
        }
        return flags;
    }

    /// <summary>libvirt's <c>virFileReadAll</c> as virsh uses it, with its error texts.</summary>
    private static string ReadXmlFile(string path)
    {
        try
        {
            if (Directory.Exists(path)) throw new CommandFailure($"Failed to read file '{path}': Is a directory");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            if (stream.Length > MaxXmlFileBytes) throw new CommandFailure($"Failed to read file '{path}': Invalid argument");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandFailure($"Failed to open file '{path}': No such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CommandFailure($"Failed to open file '{path}': Permission denied");
        }
        catch (IOException ex)
        {
            throw new CommandFailure($"Failed to read file '{path}': {ex.Message}");
        }
    }
}
