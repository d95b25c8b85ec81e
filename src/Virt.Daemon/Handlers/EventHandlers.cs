using Virt.Daemon.Server;
using Virt.Rpc.Protocol.Messages;
using T = Virt.Rpc.Protocol.ProcedureTable;

namespace Virt.Daemon.Handlers;

/// <summary>Event registration (SPEC §d): the callback form and the legacy form, both kept by the connection's <see cref="EventRelay"/>.</summary>
internal static class EventHandlers
{
    public static void Register(RemoteDispatcher d)
    {
        d.On(T.ConnectDomainEventCallbackRegisterAny, (c, a) =>
        {
            var id = c.Client.Events.Register(a.EventId, a.Dom);
            Log.EventRegistered(c.Client.Logger, c.Client.Id, id, a.EventId);
            return Task.FromResult(new ConnectDomainEventCallbackRegisterAnyRet(id));
        });
        d.OnVoid(T.ConnectDomainEventCallbackDeregisterAny, (c, a) =>
        {
            c.Client.Events.Deregister(a.CallbackId);
            return Task.CompletedTask;
        });
        d.OnVoid(T.ConnectDomainEventRegisterAny, (c, a) =>
        {
            c.Client.Events.RegisterLegacy(a.EventId);
            return Task.CompletedTask;
        });
        d.OnVoid(T.ConnectDomainEventDeregisterAny, (c, a) =>
        {
            c.Client.Events.DeregisterLegacy(a.EventId);
            return Task.CompletedTask;
        });
    }
}
