using Virt.Api.Domains;

namespace Virt.Engine.Test;

/// <summary>
/// The domains behind <c>test:///default</c>. As in libvirt, every connection open at the same time
/// in a process shares one state; when the last one closes the state is dropped, so the next open
/// starts again from the default configuration.
/// </summary>
internal sealed class TestDriverState
{
    private static readonly Lock SharedGate = new();
    private static TestDriverState? _shared;
    private static int _connections;

    private readonly List<TestDomainObject> _domains = [];

    /// <summary>Shared like the domains: every connection to this state sees every change.</summary>
    public Events.LifecycleEvents Events { get; } = new();
    private int _nextId = TestDefaultConfig.DomainId + 1;

    private TestDriverState()
    {
        var def = ModelErrors.ParseDomain(TestDefaultConfig.DomainXml);
        var test = new TestDomainObject(def) { Persistent = true };
        test.Start(TestDefaultConfig.DomainId, DomainStateInfo.Of(RunningReason.Unknown));
        _domains.Add(test);
    }

    /// <summary>Guards every read and write of the domains; nothing awaits while holding it.</summary>
    public Lock Gate { get; } = new();

    public IReadOnlyList<TestDomainObject> Domains => _domains;

    public static TestDriverState Acquire()
    {
        lock (SharedGate)
        {
            _shared ??= new TestDriverState();
            _connections++;
            return _shared;
        }
    }

    public static void Release(TestDriverState state)
    {
        lock (SharedGate)
        {
            if (!ReferenceEquals(state, _shared)) return;
            if (--_connections == 0) _shared = null;
        }
    }

    public int AllocateId() => _nextId++;

    public void Add(TestDomainObject dom) => _domains.Add(dom);
    public void Remove(TestDomainObject dom) => _domains.Remove(dom);

    public TestDomainObject? FindByUuid(Guid uuid) => _domains.Find(d => d.Uuid == uuid);
    public TestDomainObject? FindByName(string name) => _domains.Find(d => string.Equals(d.Name, name, StringComparison.Ordinal));
    public TestDomainObject? FindById(int id) => _domains.Find(d => d.IsActive && d.Id == id);
}
