using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Engine.Host;
using Xunit.Abstractions;

namespace Virt.Engine.Tests.Qemu;

/// <summary>Real guests under QEMU through the engine: boot, power off, destroy, pause, re-attach.</summary>
[Collection("qemu")]
public sealed class BootTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(90);
    private readonly EngineRoot _root = new();

    public Task InitializeAsync()
    {
        GuestImage.EnsurePresent();
        output.WriteLine($"accelerator: {GuestImage.Accelerator}");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _root.DisposeAsync().AsTask();

    [Fact]
    public async Task Define_start_ready_shutdown_reaches_shutoff_with_reason_shutdown()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("boot1", _root.ConsoleLog("boot1")));
        Assert.Equal(-1, dom.Id);
        Assert.Equal(new DomainStateInfo(DomainState.Shutoff, 0), await dom.GetStateAsync());

        await dom.StartAsync();
        Assert.True(dom.Id > 0);
        Assert.Equal(DomainStateInfo.Of(RunningReason.Booted), await dom.GetStateAsync());
        await _root.WaitForConsoleAsync("boot1", GuestImage.ReadyMarker, BootTimeout);

        var live = await dom.GetXmlDescAsync();
        Assert.Contains($"id='{dom.Id}'", live);
        Assert.Matches("<source path='/dev/pts/\\d+'", live);

        await dom.ShutdownAsync();
        var state = await EngineRoot.WaitForStateAsync(dom, DomainState.Shutoff, TimeSpan.FromSeconds(30));
        Assert.Equal(DomainStateInfo.Of(ShutoffReason.Shutdown), state);
        Assert.Equal(-1, (await conn.LookupByNameAsync("boot1")).Id);
        await dom.UndefineAsync();
        var ex = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByNameAsync("boot1"));
        Assert.Equal(ErrorCode.NoDomain, ex.Code);
    }

    [Fact]
    public async Task Destroy_suspend_resume_and_reattach_from_a_fresh_engine()
    {
        int id, pid;
        await using (var conn = await _root.OpenAsync())
        {
            var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("boot2", _root.ConsoleLog("boot2")));
            await dom.StartAsync();
            id = dom.Id;
            await dom.SuspendAsync();
            Assert.Equal(DomainStateInfo.Of(PausedReason.User), await dom.GetStateAsync());
            await dom.ResumeAsync();
            Assert.Equal(DomainStateInfo.Of(RunningReason.Unpaused), await dom.GetStateAsync());
            pid = PidOf("boot2");
        }

        // A new engine instance (a later CLI run) finds the VM running and can drive it.
        await using (var conn = await _root.OpenAsync())
        {
            var dom = await conn.LookupByIdAsync(id);
            Assert.Equal("boot2", dom.Name);
            Assert.Equal(DomainState.Running, (await dom.GetStateAsync()).State);
            await _root.WaitForConsoleAsync("boot2", GuestImage.ReadyMarker, BootTimeout);
            Assert.True((await dom.GetInfoAsync()).CpuTimeNs > 0);
            await dom.DestroyAsync();
            Assert.Equal(DomainStateInfo.Of(ShutoffReason.Destroyed), await dom.GetStateAsync());
            Assert.False(ProcStat.Read(pid)?.IsAlive ?? false, "QEMU must be gone once destroy returns");
            var ex = await Assert.ThrowsAsync<VirtException>(() => dom.DestroyAsync());
            Assert.Equal("Requested operation is not valid: domain is not running", ex.Message);
        }
    }

    [Fact]
    public async Task Qemu_killed_behind_our_back_shows_shut_off_crashed()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("boot3", _root.ConsoleLog("boot3")));
        await dom.StartAsync();
        var pid = PidOf("boot3");
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        await using var fresh = await _root.OpenAsync();
        var again = await fresh.LookupByNameAsync("boot3");
        var state = await EngineRoot.WaitForStateAsync(again, DomainState.Shutoff, TimeSpan.FromSeconds(10));
        Assert.Equal(DomainStateInfo.Of(ShutoffReason.Crashed), state);
        Assert.False(await again.IsActiveAsync());
    }

    [Fact]
    public async Task Transient_domain_disappears_after_destroy()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.CreateXmlAsync(GuestImage.DomainXml("trans", _root.ConsoleLog("trans")));
        Assert.False(await dom.IsPersistentAsync());
        Assert.True(dom.Id > 0);
        var ex = await Assert.ThrowsAsync<VirtException>(() => dom.UndefineAsync());
        Assert.Equal("Requested operation is not valid: cannot undefine transient domain", ex.Message);
        await dom.DestroyAsync();
        var gone = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByNameAsync("trans"));
        Assert.Equal("Domain not found: no domain with matching name 'trans'", gone.Message);
    }

    [Fact]
    public async Task Kvm_domain_starts_qemu_with_accel_kvm_and_answers_the_monitor()
    {
        if (!File.Exists("/dev/kvm"))
            throw new InvalidOperationException("/dev/kvm is missing on this host; the kvm check needs it");
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("kvm1", _root.ConsoleLog("kvm1"), type: "kvm"));
        // Paused: KVM here is PVM and cannot run a stock guest, but QEMU must start and answer QMP.
        await dom.StartAsync(DomainCreateFlags.Paused);
        Assert.Equal(DomainStateInfo.Of(PausedReason.User), await dom.GetStateAsync());
        var log = await File.ReadAllTextAsync(Path.Combine(_root.Dir, "log", "qemu", "kvm1.log"));
        Assert.Contains("-accel kvm", log);
        await dom.ResetAsync(); // a monitor round trip: fails unless QMP answers
        await dom.DestroyAsync();
        Assert.Equal(DomainStateInfo.Of(ShutoffReason.Destroyed), await dom.GetStateAsync());
    }

    [Fact]
    public async Task Acpi_reboot_returns_at_once_and_the_guest_boots_again()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("reboot1", _root.ConsoleLog("reboot1")));
        await dom.StartAsync();
        await _root.WaitForConsoleAsync("reboot1", GuestImage.ReadyMarker, BootTimeout);
        var pid = PidOf("reboot1");
        await dom.RebootAsync();
        // Same QEMU process, a second boot on the same console.
        var deadline = DateTime.UtcNow + BootTimeout;
        while (CountMarkers() < 2 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(2, CountMarkers());
        Assert.Equal(pid, PidOf("reboot1"));
        Assert.Equal(DomainState.Running, (await dom.GetStateAsync()).State);
        await dom.DestroyAsync();

        int CountMarkers() => File.ReadAllText(_root.ConsoleLog("reboot1")).Split(GuestImage.ReadyMarker).Length - 1;
    }

    private int PidOf(string name)
    {
        var status = File.ReadAllText(Path.Combine(_root.Dir, "run", "qemu", name + ".xml"));
        return int.Parse(System.Text.RegularExpressions.Regex.Match(status, "pid='(\\d+)'").Groups[1].Value);
    }
}
