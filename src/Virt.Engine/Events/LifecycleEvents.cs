using System.Collections.Concurrent;
using Virt.Api.Domains;

namespace Virt.Engine.Events;

/// <summary>
/// Lifecycle events queued while the driver lock is held and delivered after it is released, in
/// the order they happened. A throwing handler is the handler's problem, never the driver's.
/// </summary>
internal sealed class LifecycleEvents
{
    private readonly ConcurrentQueue<DomainLifecycleEvent> _pending = new();
    private readonly Lock _deliveryOrder = new();

    public event Action<DomainLifecycleEvent>? Raised;

    public void Queue(DomainRef domain, DomainEventType type, int detail) =>
        _pending.Enqueue(new DomainLifecycleEvent(domain, type, detail));

    public void Deliver()
    {
        lock (_deliveryOrder)
        {
            while (_pending.TryDequeue(out var e))
            {
                try
                {
                    Raised?.Invoke(e);
                }
                catch (Exception)
                {
                    // A subscriber's failure must not break the operation that already happened.
                }
            }
        }
    }
}
