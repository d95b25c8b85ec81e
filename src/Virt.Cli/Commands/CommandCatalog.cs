using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>How to build one command; the catalog builds a command the first time it is looked up.</summary>
public sealed record CommandFactory(string Name, Func<CommandContext, VirshCommand> Build);

/// <summary>
/// All commands, one file per virsh help group, in virsh's group order. A run builds only the
/// commands its command line names (start-up time counts for a CLI); help and completion build all.
/// </summary>
public sealed class CommandCatalog
{
    private readonly CommandContext _ctx;
    private readonly CommandFactory[] _factories;
    private readonly VirshCommand?[] _built;

    private CommandCatalog(CommandContext ctx)
    {
        _ctx = ctx;
        _factories =
        [
            .. DomainCommands.Factories,
            .. DomainMonitorCommands.Factories, new CommandFactory("list", ListCommand.Create),
            .. DomainEventCommands.Factories,
            .. HostCommands.Factories,
            .. VirshCommands.Factories,
            .. VirtCommands.Factories,
        ];
        _built = new VirshCommand?[_factories.Length];
    }

    public static CommandCatalog Build(CommandContext ctx) => new(ctx);

    public VirshCommand? Find(string name)
    {
        for (var i = 0; i < _factories.Length; i++)
            if (_factories[i].Name == name) return _built[i] ??= _factories[i].Build(_ctx);
        return null;
    }

    /// <summary>Every command, in virsh's order.</summary>
    public IReadOnlyList<VirshCommand> All
    {
        get
        {
            for (var i = 0; i < _factories.Length; i++) _built[i] ??= _factories[i].Build(_ctx);
            return _built!;
        }
    }
}
