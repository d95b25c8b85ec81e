using Virt.Api.Domains;
using Virt.Api.Errors;

namespace Virt.Conformance.Suite;

public abstract partial class DomainConformance
{
    [Fact]
    public async Task Host_facts()
    {
        Assert.Equal(ExpectedType, Driver.Type);
        Assert.True(await Driver.GetHypervisorVersionAsync() > 0);
        Assert.False(string.IsNullOrEmpty(await Driver.GetHostnameAsync()));
        var node = await Driver.GetNodeInfoAsync();
        Assert.True(node.Cpus > 0 && node.MemoryKiB > 0, $"{node}");
        Assert.Equal(ExpectedSecurityModel, await Driver.GetSecurityModelAsync());
    }

    [Fact]
    public async Task Default_domains_of_a_fresh_connection()
    {
        var all = await Driver.ListAllDomainsAsync(ListDomainsFlags.None);
        foreach (var expected in DefaultDomains)
        {
            var d = Assert.Single(all, x => x.Name == expected.Name);
            Assert.Equal(expected.Id, d.Id);
            Assert.Equal(expected.State, await Driver.GetStateAsync(d));
            Assert.Equal(expected.Persistent, await Driver.IsPersistentAsync(d));
            Assert.Equal(d, await Driver.LookupByIdAsync(expected.Id));
        }
    }

    [Fact]
    public async Task Define_returns_an_inactive_reference_that_lookups_find()
    {
        var uuid = Guid.NewGuid();
        var defined = await DefineAsync("def", uuid);
        Assert.Equal(new DomainRef(Name("def"), uuid, DomainRef.InactiveId), defined);
        Assert.Equal(defined, await Driver.LookupByNameAsync(Name("def")));
        Assert.Equal(defined, await Driver.LookupByUuidAsync(uuid));
        Assert.False(await Driver.IsActiveAsync(defined));
        Assert.True(await Driver.IsPersistentAsync(defined));
        Assert.Equal(DomainStateInfo.Of(ShutoffReason.Unknown), await Driver.GetStateAsync(defined));
    }

    [Fact]
    public async Task Lookup_of_a_missing_name_fails_with_no_domain()
    {
        var name = Name("missing");
        await AssertFails(LookupFailed($"no domain with matching name '{name}'"), () => Driver.LookupByNameAsync(name));
    }

    [Fact]
    public async Task Lookup_of_a_missing_uuid_fails_with_no_domain()
    {
        var uuid = Guid.NewGuid();
        await AssertFails(LookupFailed($"no domain with matching uuid '{uuid:D}'"), () => Driver.LookupByUuidAsync(uuid));
    }

    [Fact]
    public async Task Lookup_of_a_missing_id_fails_with_no_domain() =>
        await AssertFails(LookupFailed("no domain with matching id 9999"), () => Driver.LookupByIdAsync(9999));

    [Fact]
    public async Task Lookup_by_negative_id_is_rejected_before_the_driver() =>
        await Libvirt("lookup-negative-id", async () => await AssertFails(
            new ExpectedError(ErrorCode.InvalidArg, ErrorDomain.Domain, "id in virDomainLookupByID must be zero or greater",
                "virDomainLookupByID", "id", Int1: 0, Int2: 0),
            () => Driver.LookupByIdAsync(-1)));

    [Fact]
    public async Task Lookup_by_id_finds_running_domains_only()
    {
        var started = await DefineAndStartAsync("byid");
        Assert.True(started.Id > 0);
        Assert.Equal(started, await Driver.LookupByIdAsync(started.Id));
        await Driver.DestroyAsync(started, DomainDestroyFlags.None);
        await AssertFails(LookupFailed($"no domain with matching id {started.Id}"), () => Driver.LookupByIdAsync(started.Id));
        Assert.Equal(DomainRef.InactiveId, (await Driver.LookupByNameAsync(Name("byid"))).Id);
    }

    [Fact]
    public async Task Xml_description_carries_identity_and_the_id_only_while_running()
    {
        var uuid = Guid.NewGuid();
        var defined = await DefineAsync("xml", uuid);
        var inactive = await Driver.GetXmlDescAsync(defined, DomainXmlFlags.None);
        Assert.Contains($"<name>{Name("xml")}</name>", inactive);
        Assert.Contains($"<uuid>{uuid:D}</uuid>", inactive);
        Assert.DoesNotContain(" id='", inactive);

        var started = await Driver.CreateAsync(defined, DomainCreateFlags.None);
        Assert.Contains($" id='{started.Id}'", await Driver.GetXmlDescAsync(started, DomainXmlFlags.None));
        Assert.DoesNotContain(" id='", await Driver.GetXmlDescAsync(started, DomainXmlFlags.Inactive));
    }

    [Fact]
    public async Task Info_and_queries_describe_the_definition()
    {
        var defined = await DefineAsync("info");
        var info = await Driver.GetInfoAsync(defined);
        Assert.Equal(DomainState.Shutoff, info.State);
        Assert.Equal(ExpectedSize.MemoryKiB, info.MaxMemoryKiB);
        Assert.Equal(ExpectedSize.MemoryKiB, info.MemoryKiB);
        Assert.Equal(ExpectedSize.Vcpus, info.VirtCpus);
        Assert.Equal(ExpectedOsType, await Driver.GetOsTypeAsync(defined));
        Assert.False(await Driver.HasManagedSaveImageAsync(defined));
        Assert.False(await Driver.GetAutostartAsync(defined));
        Assert.Equal(new Api.Host.SecurityLabel("", false), await Driver.GetSecurityLabelAsync(defined));
        Assert.Empty(await Driver.GetMessagesAsync(defined));
    }
}
