using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;

namespace Virt.Daemon.Server;

/// <summary>
/// One connection's event registrations (SPEC §d). The callback form (316/317 → 318 messages) is what
/// clients use when feature 14 is answered 1; the legacy form (167/168 → 107) is kept for clients that
/// do not ask. Only lifecycle events exist in the drivers; a registration for any other event id is
/// accepted and simply never fires, so <c>virsh event --all</c> works.
/// </summary>
internal sealed class EventRelay(ClientConnection client)
{
    private readonly Lock _gate = new();
    private readonly List<Registration> _registrations = [];
    private IHypervisorDriver? _source;
    private int _nextCallbackId;

    private sealed record Registration(int CallbackId, int EventId, Guid? Domain, bool Legacy);

    /// <summary>Starts listening to the connection's driver (after CONNECT_OPEN).</summary>
    public void Attach(IHypervisorDriver driver)
    {
        lock (_gate)
        {
            _source = driver;
        }
        driver.DomainLifecycle += OnLifecycle;
    }

    /// <summary>Stops listening and forgets every registration (CONNECT_CLOSE or disconnect).</summary>
    public void Detach()
    {
        IHypervisorDriver? source;
        lock (_gate)
        {
            source = _source;
            _source = null;
            _registrations.Clear();
        }
        if (source is not null) source.DomainLifecycle -= OnLifecycle;
    }

    /// <summary>CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY: returns the new callback id.</summary>
    public int Register(int eventId, DomainRef? domain)
    {
        CheckEventId(eventId);
        lock (_gate)
        {
            var id = _nextCallbackId++;
            _registrations.Add(new Registration(id, eventId, domain?.Uuid, Legacy: false));
            return id;
        }
    }

    public void Deregister(int callbackId)
    {
        lock (_gate)
        {
            if (_registrations.RemoveAll(r => !r.Legacy && r.CallbackId == callbackId) == 0)
                throw VirtErrors.Internal($"domain event callback {callbackId} not registered", ErrorDomain.Rpc);
        }
    }

    /// <summary>CONNECT_DOMAIN_EVENT_REGISTER_ANY (legacy): one registration per event id and connection.</summary>
    public void RegisterLegacy(int eventId)
    {
        CheckEventId(eventId);
        lock (_gate)
        {
            if (_registrations.Exists(r => r.Legacy && r.EventId == eventId))
                throw VirtErrors.Internal($"domain event {eventId} already registered", ErrorDomain.Rpc);
            _registrations.Add(new Registration(-1, eventId, null, Legacy: true));
        }
    }

    public void DeregisterLegacy(int eventId)
    {
        lock (_gate)
        {
            if (_registrations.RemoveAll(r => r.Legacy && r.EventId == eventId) == 0)
                throw VirtErrors.Internal($"domain event {eventId} not registered", ErrorDomain.Rpc);
        }
    }

    private static void CheckEventId(int eventId)
    {
        if (eventId is < 0 or > DomainEventIds.Last)
            throw VirtErrors.Internal($"unsupported event ID {eventId}", ErrorDomain.Rpc);
    }

    /// <summary>Runs on the driver's thread: builds the messages and queues them, never waiting.</summary>
    private void OnLifecycle(DomainLifecycleEvent e)
    {
        Registration[] targets;
        lock (_gate)
        {
            targets = _registrations
                .Where(r => r.EventId == DomainEventIds.Lifecycle && (r.Domain is null || r.Domain == e.Domain.Uuid))
                .ToArray();
        }
        foreach (var r in targets)
        {
            var body = new DomainEventLifecycleMsg(e.Domain, e.Event, e.Detail);
            client.Post(r.Legacy
                ? ProcedureTable.DomainEventLifecycle.Message(body)
                : ProcedureTable.DomainEventCallbackLifecycle.Message(new DomainEventCallbackLifecycleMsg(r.CallbackId, body)));
        }
    }
}
