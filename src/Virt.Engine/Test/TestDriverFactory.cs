using Virt.Api.Drivers;

namespace Virt.Engine.Test;

/// <summary>Opens <see cref="TestDriver"/> for <c>test:///default</c> (libvirt's built-in test configuration).</summary>
public sealed class TestDriverFactory : IDriverFactory
{
    public bool Accepts(ConnectUri uri) =>
        uri.Driver == "test" && uri.Transport is null && uri.Host.Length == 0 && uri.Path == "/default";

    public Task<IHypervisorDriver> OpenAsync(ConnectUri uri, ConnectFlags flags, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var state = TestDriverState.Acquire();
        return Task.FromResult<IHypervisorDriver>(new TestDriver(uri.Original, state, flags.HasFlag(ConnectFlags.ReadOnly)));
    }
}
