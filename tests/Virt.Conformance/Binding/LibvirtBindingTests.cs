using System.Net.Sockets;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Conformance.Backends;
using Virt.Conformance.Suite;
using Virt.Libvirt;

namespace Virt.Conformance.Binding;

/// <summary>What Virt.Libvirt adds over the API semantics: lifetimes, errors, threads, loading.</summary>
[Collection(LibvirtTestDriverCollection.Name)]
public sealed class LibvirtBindingTests
{
    private static readonly LibvirtDriverFactory Factory = new();

    private static string TestXml(string name, Guid uuid) =>
        $"<domain type='test'><name>{name}</name><uuid>{uuid:D}</uuid><memory>131072</memory><os><type>hvm</type></os></domain>";

    [Fact]
    public async Task Every_call_on_a_disposed_driver_throws_ObjectDisposedException()
    {
        var driver = await Factory.OpenDriverAsync(TestDriverFacts.Uri);
        var test = await driver.LookupByNameAsync("test");
        await driver.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.LookupByNameAsync("test"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.GetInfoAsync(test));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.ListAllDomainsAsync(ListDomainsFlags.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.DestroyAsync(test, DomainDestroyFlags.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.DefineXmlAsync(TestXml("x", Guid.NewGuid()), DomainDefineFlags.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.GetHostnameAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.OpenConsoleAsync(test, null, DomainConsoleFlags.None));
        Assert.Throws<ObjectDisposedException>(() => driver.Type);
        Assert.Throws<ObjectDisposedException>(() => driver.IsAlive);
        Assert.Throws<ObjectDisposedException>(() => driver.DomainLifecycle += _ => { });
        await driver.DisposeAsync(); // twice is fine
        driver.Dispose();
    }

    [Fact]
    public async Task Dispose_while_calls_run_never_crashes()
    {
        // Calls racing a dispose either complete or throw ObjectDisposedException; none reaches freed memory.
        for (var round = 0; round < 20; round++)
        {
            var driver = await Factory.OpenDriverAsync(TestDriverFacts.Uri);
            var test = await driver.LookupByNameAsync("test");
            var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < 50; i++)
                {
                    try
                    {
                        await driver.GetStateAsync(test);
                        await driver.LookupByIdAsync(1);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            })).ToList();
            await Task.Delay(round % 3);
            await driver.DisposeAsync();
            await Task.WhenAll(calls);
        }
    }

    [Fact]
    public async Task Errors_are_read_on_the_thread_that_failed()
    {
        // Each stale handle fails with a message naming its own uuid; with 16 threads failing at once,
        // an error read on the wrong thread (or after another call) would name someone else's.
        await using var driver = await Factory.OpenDriverAsync(TestDriverFacts.Uri);
        var stale = new List<DomainRef>();
        for (var i = 0; i < 16; i++)
        {
            var d = await driver.DefineXmlAsync(TestXml($"stale{i}", Guid.NewGuid()), DomainDefineFlags.None);
            await driver.UndefineAsync(d, DomainUndefineFlags.None);
            stale.Add(d);
        }
        var failures = new List<string>();
        var threads = stale.Select(d => new Thread(() =>
        {
            var expected = $"Domain not found: no domain with matching uuid '{d.Uuid:D}' ({d.Name})";
            for (var i = 0; i < 200; i++)
            {
                string outcome;
                try
                {
                    driver.GetInfoAsync(d).GetAwaiter().GetResult();
                    outcome = "no error";
                }
                catch (VirtException ex)
                {
                    outcome = ex.Message;
                }
                var ok = driver.LookupByNameAsync("test").GetAwaiter().GetResult().Id == 1;
                if (outcome != expected || !ok)
                    lock (failures) failures.Add($"{d.Name}: {outcome} (lookup ok: {ok})");
            }
        })).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_missing_libvirt_names_the_package_to_install()
    {
        var probe = LibvirtLibrary.Probe(["libvirt-does-not-exist.so.0"]);
        Assert.Equal(0, probe.Handle);
        Assert.Contains("apt-get install libvirt0", probe.Error!.Message);

        var factory = new LibvirtDriverFactory(["libvirt-does-not-exist.so.0"]);
        var ex = await Assert.ThrowsAsync<VirtException>(() => factory.OpenAsync(ConnectUri.Parse("test:///default"), ConnectFlags.None, default));
        Assert.Equal(ErrorCode.NoConnect, ex.Code);
        Assert.Equal("libvirt is not installed: could not load libvirt-does-not-exist.so.0. " +
            "Install the Debian package libvirt0 (apt-get install libvirt0) to use libvirt URIs", ex.Message);

        Assert.True(LibvirtLibrary.IsAvailable);
        Assert.Equal(9000000UL, LibvirtLibrary.Version / 1000000 * 1000000); // Debian 12's libvirt0 is 9.0.x
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_gives_libvirts_own_error()
    {
        var missing = $"/tmp/virt-conf-{Guid.NewGuid():N}";
        var ex = await Assert.ThrowsAsync<VirtException>(() => Factory.OpenDriverAsync($"qemu+unix:///system?socket={missing}"));
        Assert.Equal(new ExpectedError(ErrorCode.SystemError, ErrorDomain.Rpc,
            $"Failed to connect socket to '{missing}': No such file or directory", "%s",
            $"Failed to connect socket to '{missing}': No such file or directory", Int1: 2), ExpectedError.From(ex));

        // A socket that is bound but not listening: connection refused.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(missing));
        try
        {
            ex = await Assert.ThrowsAsync<VirtException>(() => Factory.OpenDriverAsync($"qemu+unix:///system?socket={missing}"));
            Assert.Equal($"Failed to connect socket to '{missing}': Connection refused", ex.Message);
            Assert.Equal((ErrorCode.SystemError, ErrorDomain.Rpc, 111), (ex.Code, ex.Domain, ex.Int1));
        }
        finally
        {
            File.Delete(missing);
        }
    }

    [Fact]
    public async Task A_handler_may_call_back_into_libvirt_and_events_keep_their_order()
    {
        await using var driver = await Factory.OpenDriverAsync(TestDriverFacts.Uri);
        var seen = new List<(DomainEventType, DomainState)>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.DomainLifecycle += e =>
        {
            // A call from inside the handler: it runs on the connection's event thread, not libvirt's loop.
            var state = driver.GetStateAsync(e.Domain).GetAwaiter().GetResult();
            lock (seen) seen.Add((e.Event, state.State));
            if (e.Event == DomainEventType.Stopped) done.TrySetResult();
        };
        var test = await driver.LookupByNameAsync("test");
        for (var i = 0; i < 5; i++)
        {
            await driver.SuspendAsync(test);
            await driver.ResumeAsync(test);
        }
        await driver.DestroyAsync(test, DomainDestroyFlags.None);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var expected = Enumerable.Repeat(new[] { DomainEventType.Suspended, DomainEventType.Resumed }, 5).SelectMany(x => x)
            .Append(DomainEventType.Stopped);
        Assert.Equal(expected, seen.Select(s => s.Item1));
        Assert.Equal(DomainState.Shutoff, seen[^1].Item2);
    }

    [Fact]
    public async Task Removing_the_last_handler_stops_delivery()
    {
        await using var driver = await Factory.OpenDriverAsync(TestDriverFacts.Uri);
        var count = 0;
        Action<DomainLifecycleEvent> handler = _ => Interlocked.Increment(ref count);
        driver.DomainLifecycle += handler;
        var test = await driver.LookupByNameAsync("test");
        await driver.SuspendAsync(test);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref count) == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, Volatile.Read(ref count));
        driver.DomainLifecycle -= handler;
        await driver.ResumeAsync(test);
        await Task.Delay(300);
        Assert.Equal(1, Volatile.Read(ref count));
    }

    [Fact]
    public async Task The_factory_works_through_the_api_registry_and_its_handles()
    {
        // Connect/Domain are the API's handles; the registry hands test:/// to whichever factory accepts first.
        DriverRegistry.Register(Factory);
        await using var conn = await Connect.OpenAsync("test:///default");
        Assert.Equal("test:///default", conn.Uri);
        Assert.IsType<LibvirtDriver>(conn.Driver);
        var dom = await conn.DefineXmlAsync(TestXml("api", Guid.NewGuid()));
        await dom.StartAsync();
        Assert.True(dom.Id > 0);
        Assert.Equal(DomainState.Running, (await dom.GetStateAsync()).State);
        await dom.DestroyAsync();
        await dom.UndefineAsync();
        Assert.Equal(["test"], (await conn.ListAllDomainsAsync()).Select(d => d.Name));
    }
}
