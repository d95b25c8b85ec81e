using System.CommandLine;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>All commands, one file per virsh help group.</summary>
public static class CommandCatalog
{
    public static RootCommand Build(CommandContext ctx)
    {
        var root = new RootCommand("virt: manage virtual machines the way virsh does");
        foreach (var command in DomainCommands.Create(ctx)
                     .Concat(DomainMonitorCommands.Create(ctx))
                     .Append(ListCommand.Create(ctx))
                     .Concat(HostCommands.Create(ctx)))
            root.Subcommands.Add(command);
        return root;
    }
}
