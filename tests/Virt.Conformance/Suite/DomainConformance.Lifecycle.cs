using Virt.Api.Domains;

namespace Virt.Conformance.Suite;

public abstract partial class DomainConformance
{
    [Fact]
    public async Task Start_assigns_an_id_and_runs_booted()
    {
        var defined = await DefineAsync("start");
        var started = await Driver.CreateAsync(defined, DomainCreateFlags.None);
        Assert.Equal(defined with { Id = started.Id }, started);
        Assert.True(started.Id > 0);
        Assert.True(await Driver.IsActiveAsync(started));
        Assert.Equal(DomainStateInfo.Of(RunningReason.Booted), await Driver.GetStateAsync(started));
        Assert.Equal(started, await Driver.LookupByNameAsync(started.Name));
        Assert.Equal(DomainState.Running, (await Driver.GetInfoAsync(started)).State);
        Assert.Equal(RunningSecurityLabel, await Driver.GetSecurityLabelAsync(started));
    }

    [Fact]
    public async Task Reboot_and_reset_keep_a_running_domain_running()
    {
        var started = await DefineAndStartAsync("reboot");
        await Driver.SuspendAsync(started);
        await Driver.ResumeAsync(started);
        await Libvirt("reboot-reset", async () =>
        {
            await Driver.ResetAsync(started);
            Assert.Equal(DomainStateInfo.Of(RunningReason.Unpaused), await Driver.GetStateAsync(started));
            await Driver.RebootAsync(started, DomainShutdownFlags.Default);
            Assert.True(await Driver.IsActiveAsync(started));
            if (StateAfterReboot is { } expected) Assert.Equal(expected, await Driver.GetStateAsync(started));
        });
        Assert.Equal(started, await Driver.LookupByNameAsync(started.Name));
    }

    [Fact]
    public async Task Start_of_a_running_domain_fails()
    {
        var started = await DefineAndStartAsync("twice");
        await AssertFails(StartActive(started.Name), () => Driver.CreateAsync(started, DomainCreateFlags.None));
    }

    [Fact]
    public async Task Suspend_and_resume_set_state_and_reason()
    {
        var started = await DefineAndStartAsync("pause");
        await Driver.SuspendAsync(started);
        Assert.Equal(DomainStateInfo.Of(PausedReason.User), await Driver.GetStateAsync(started));
        Assert.True(await Driver.IsActiveAsync(started));
        await AssertOutcome(SuspendPaused(started.Name), () => Driver.SuspendAsync(started));
        await Driver.ResumeAsync(started);
        Assert.Equal(DomainStateInfo.Of(RunningReason.Unpaused), await Driver.GetStateAsync(started));
        await Libvirt("resume-running", () => AssertOutcome(ResumeRunning(started.Name), () => Driver.ResumeAsync(started)));
    }

    [Fact]
    public async Task Destroy_stops_with_reason_destroyed()
    {
        var started = await DefineAndStartAsync("destroy");
        await Driver.DestroyAsync(started, DomainDestroyFlags.None);
        Assert.Equal(DomainStateInfo.Of(ShutoffReason.Destroyed), await Driver.GetStateAsync(started));
        Assert.False(await Driver.IsActiveAsync(started));
        Assert.True(await Driver.IsPersistentAsync(started));
    }

    [Fact]
    public async Task Shutdown_stops_with_reason_shutdown()
    {
        var started = await DefineAndStartAsync("shutdown");
        Assert.Equal(DomainStateInfo.Of(ShutoffReason.Shutdown), await ShutdownAndWaitAsync(started));
        Assert.Equal(DomainRef.InactiveId, (await Driver.LookupByNameAsync(started.Name)).Id);
    }

    [Fact]
    public async Task Operations_that_need_a_running_domain_fail_on_an_inactive_one()
    {
        var defined = await DefineAsync("inactive");
        var name = defined.Name;
        await Libvirt("not-running-errors", async () =>
        {
            await AssertFails(ExpectedError.NotRunning, () => Driver.DestroyAsync(defined, DomainDestroyFlags.None));
            await AssertFails(ExpectedError.NotRunning, () => Driver.RebootAsync(defined, DomainShutdownFlags.Default));
            await AssertFails(ExpectedError.NotRunning, () => Driver.ResetAsync(defined));
            await AssertFails(SuspendInactive(name), () => Driver.SuspendAsync(defined));
            await AssertFails(ResumeInactive(name), () => Driver.ResumeAsync(defined));
            await AssertFails(ShutdownInactive(name), () => Driver.ShutdownAsync(defined, DomainShutdownFlags.Default));
        });
    }

    [Fact]
    public async Task Create_xml_makes_a_running_transient_domain_that_vanishes_when_destroyed()
    {
        var uuid = Guid.NewGuid();
        var created = await Driver.CreateXmlAsync(DomainXml(Name("transient"), uuid), DomainCreateFlags.None);
        Assert.Equal(uuid, created.Uuid);
        Assert.True(created.Id > 0);
        Assert.False(await Driver.IsPersistentAsync(created));
        Assert.Equal(DomainStateInfo.Of(RunningReason.Booted), await Driver.GetStateAsync(created));
        await AssertOutcome(AutostartTransient(created.Name), () => Driver.SetAutostartAsync(created, true));

        await Driver.DestroyAsync(created, DomainDestroyFlags.None);
        await AssertFails(LookupFailed($"no domain with matching name '{created.Name}'"), () => Driver.LookupByNameAsync(created.Name));
    }

    [Fact]
    public async Task Create_xml_of_an_active_domain_fails()
    {
        var started = await DefineAndStartAsync("active");
        await Libvirt("define-conflict-error-domain", () => AssertFails(
            ExpectedError.OperationInvalid(Api.Errors.ErrorDomain.Domain, $"domain '{started.Name}' is already active"),
            () => Driver.CreateXmlAsync(DomainXml(started.Name, started.Uuid), DomainCreateFlags.None)));
    }

    [Fact]
    public async Task Undefine_of_a_running_domain_leaves_it_running_as_transient()
    {
        var started = await DefineAndStartAsync("keep");
        await Driver.UndefineAsync(started, DomainUndefineFlags.None);
        Assert.False(await Driver.IsPersistentAsync(started));
        Assert.Equal(DomainStateInfo.Of(RunningReason.Booted), await Driver.GetStateAsync(started));
        Assert.Equal(started, await Driver.LookupByNameAsync(started.Name));

        await Driver.DestroyAsync(started, DomainDestroyFlags.None);
        await AssertFails(LookupFailed($"no domain with matching name '{started.Name}'"), () => Driver.LookupByNameAsync(started.Name));
    }

    [Fact]
    public async Task Undefine_of_an_inactive_domain_removes_it_and_its_references_go_stale()
    {
        var defined = await DefineAsync("gone");
        await Driver.UndefineAsync(defined, DomainUndefineFlags.None);
        await AssertFails(LookupFailed($"no domain with matching name '{defined.Name}'"), () => Driver.LookupByNameAsync(defined.Name));

        var stale = ExpectedError.Of(Api.Errors.ErrorCode.NoDomain, DriverDomain, "Domain not found",
            $"no domain with matching uuid '{defined.Uuid:D}' ({defined.Name})");
        await AssertFails(stale, () => Driver.GetInfoAsync(defined));
        await AssertFails(stale, () => Driver.CreateAsync(defined, DomainCreateFlags.None));
        await AssertFails(stale, () => Driver.UndefineAsync(defined, DomainUndefineFlags.None));
    }

    [Fact]
    public async Task Autostart_is_off_by_default_and_toggles()
    {
        var defined = await DefineAsync("auto");
        Assert.False(await Driver.GetAutostartAsync(defined));
        await Driver.SetAutostartAsync(defined, true);
        Assert.True(await Driver.GetAutostartAsync(defined));
        Assert.Equal([defined.Name], Ours(await Driver.ListAllDomainsAsync(ListDomainsFlags.Autostart)));
        await Driver.SetAutostartAsync(defined, false);
        Assert.False(await Driver.GetAutostartAsync(defined));
    }
}
