using Virt.Daemon.Server;

namespace Virt.Daemon.Handlers;

/// <summary>Attaches every handler of the REMOTE program to the dispatcher.</summary>
internal static class RemoteHandlers
{
    public static void Register(RemoteDispatcher dispatcher)
    {
        ConnectHandlers.Register(dispatcher);
        DomainHandlers.Register(dispatcher);
        EventHandlers.Register(dispatcher);
    }
}
