using System.Collections.Concurrent;
using Virt.Api.Domains;
using Virt.Api.Drivers;

namespace Virt.Conformance.Suite;

/// <summary>Collects a driver's lifecycle events in arrival order.</summary>
public sealed class EventRecorder : IDisposable
{
    private readonly IHypervisorDriver _driver;
    private readonly ConcurrentQueue<DomainLifecycleEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public EventRecorder(IHypervisorDriver driver)
    {
        _driver = driver;
        _driver.DomainLifecycle += OnEvent;
    }

    private void OnEvent(DomainLifecycleEvent e)
    {
        _events.Enqueue(e);
        _arrived.Release();
    }

    public IReadOnlyList<DomainLifecycleEvent> For(string name) => _events.Where(e => e.Domain.Name == name).ToList();

    /// <summary>Waits until <paramref name="count"/> events about <paramref name="name"/> arrived, then a little longer for strays.</summary>
    public async Task<IReadOnlyList<DomainLifecycleEvent>> WaitForAsync(string name, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (For(name).Count < count && DateTime.UtcNow < deadline)
            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(50));
        await Task.Delay(200); // anything extra would show up as a mismatch
        return For(name);
    }

    public void Dispose() => _driver.DomainLifecycle -= OnEvent;
}
