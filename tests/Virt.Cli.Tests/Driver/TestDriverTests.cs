using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Cli.Tests.Differential;
using Virt.Engine.Test;

namespace Virt.Cli.Tests.Driver;

/// <summary>
/// The test driver through Virt.Api, with the answers python3-libvirt 9.0 gives against
/// <c>test:///default</c> (error codes, domains and texts).
/// </summary>
[Collection(nameof(TestDriverCollection))]
public sealed class TestDriverTests
{
    static TestDriverTests() => DriverRegistry.Register(new TestDriverFactory());

    private static Task<Connect> OpenAsync(ConnectFlags flags = ConnectFlags.None) =>
        Connect.OpenAsync(CliRun.TestUri, flags);

    [Fact]
    public async Task ConnectionsOpenAtTheSameTimeShareStateAndALaterOneStartsFresh()
    {
        await using (var a = await OpenAsync())
        await using (var b = await OpenAsync())
        {
            await (await a.LookupByNameAsync("test")).SuspendAsync();
            Assert.Equal(DomainStateInfo.Of(PausedReason.User), await (await b.LookupByNameAsync("test")).GetStateAsync());
        }
        await using var c = await OpenAsync();
        Assert.Equal(DomainStateInfo.Of(RunningReason.Unknown), await (await c.LookupByNameAsync("test")).GetStateAsync());
    }

    [Fact]
    public async Task HostFacts()
    {
        await using var conn = await OpenAsync();
        Assert.Equal("TEST", conn.Driver.Type);
        Assert.Equal(2UL, await conn.GetVersionAsync());
        Assert.Equal("test:///default", conn.Uri);
        Assert.Equal(new Virt.Api.Host.NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2), await conn.GetNodeInfoAsync());
    }

    [Fact]
    public async Task LookupErrorsCarryNoDetail()
    {
        await using var conn = await OpenAsync();
        var ex = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByNameAsync("nosuch"));
        Assert.Equal((ErrorCode.NoDomain, ErrorDomain.Test, "Domain not found"), (ex.Code, ex.Domain, ex.Message));
        ex = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByIdAsync(-1));
        Assert.Equal((ErrorCode.InvalidArg, ErrorDomain.Domain, "id in virDomainLookupByID must be zero or greater"),
            (ex.Code, ex.Domain, ex.Message));
    }

    [Fact]
    public async Task StaleHandleNamesUuidAndName()
    {
        await using var conn = await OpenAsync();
        var dom = await conn.LookupByNameAsync("test");
        await dom.DestroyAsync();
        await dom.UndefineAsync();
        var ex = await Assert.ThrowsAsync<VirtException>(() => dom.GetStateAsync());
        Assert.Equal("Domain not found: no domain with matching uuid '6695eb01-f6a4-8304-79aa-97f2502e193f' (test)", ex.Message);
    }

    [Fact]
    public async Task WrongStateErrors()
    {
        await using var conn = await OpenAsync();
        var dom = await conn.LookupByNameAsync("test");
        await AssertError(() => dom.StartAsync(), ErrorCode.InternalError, ErrorDomain.Test,
            "internal error: Domain 'test' is already running");
        await AssertError(() => dom.ResumeAsync(), ErrorCode.InternalError, ErrorDomain.Test,
            "internal error: domain 'test' not paused");
        await dom.DestroyAsync();
        await AssertError(() => dom.DestroyAsync(), ErrorCode.OperationInvalid, ErrorDomain.Domain,
            "Requested operation is not valid: domain is not running");
        await AssertError(() => dom.SuspendAsync(), ErrorCode.InternalError, ErrorDomain.Test,
            "internal error: domain 'test' not running");
        await AssertError(() => dom.ShutdownAsync(), ErrorCode.InternalError, ErrorDomain.Test,
            "internal error: domain 'test' not running");
        await AssertError(() => dom.StartAsync(DomainCreateFlags.Paused), ErrorCode.InvalidArg, ErrorDomain.Test,
            "unsupported flags (0x1) in function testDomainCreateWithFlags");
    }

    [Fact]
    public async Task IdsCountUpAndInactiveDomainsHaveNone()
    {
        await using var conn = await OpenAsync();
        var dom = await conn.LookupByNameAsync("test");
        Assert.Equal(1, dom.Id);
        await dom.DestroyAsync();
        await dom.RefreshAsync();
        Assert.Equal(DomainRef.InactiveId, dom.Id);
        await AssertError(() => conn.LookupByIdAsync(1), ErrorCode.NoDomain, ErrorDomain.Test, "Domain not found");
        await dom.StartAsync();
        Assert.Equal(2, dom.Id);
    }

    [Fact]
    public async Task DefineWhileRunningTakesEffectAtShutoff()
    {
        await using var conn = await OpenAsync();
        var xml = (await (await conn.LookupByNameAsync("test")).GetXmlDescAsync(DomainXmlFlags.Inactive))
            .Replace("<vcpu placement='static'>2</vcpu>", "<vcpu placement='static'>4</vcpu>");
        var dom = await conn.DefineXmlAsync(xml);
        Assert.Equal(2u, (await dom.GetInfoAsync()).VirtCpus);
        Assert.Contains(">4</vcpu>", await dom.GetXmlDescAsync(DomainXmlFlags.Inactive));
        await dom.DestroyAsync();
        Assert.Equal(4u, (await dom.GetInfoAsync()).VirtCpus);
    }

    [Fact]
    public async Task ReadOnlyConnectionsRefuseChanges()
    {
        await using var conn = await OpenAsync(ConnectFlags.ReadOnly);
        var dom = await conn.LookupByNameAsync("test");
        await AssertError(() => dom.SuspendAsync(), ErrorCode.OperationDenied, ErrorDomain.Domain,
            "operation forbidden: read only access prevents virDomainSuspend");
        Assert.Equal(DomainState.Running, (await dom.GetStateAsync()).State);
    }

    [Fact]
    public async Task InterfacesWithoutTargetGetFreeTestnetNames()
    {
        await using var conn = await OpenAsync();
        var dom = await conn.DefineXmlAsync("""
            <domain type='test'><name>nics</name><memory>1024</memory><os><type>hvm</type></os><devices>
            <interface type='network'><source network='default'/><model type='virtio'/></interface>
            <interface type='bridge'><source bridge='br0'/><target dev='testnet0'/></interface>
            <interface type='user'/>
            </devices></domain>
            """);
        var xml = System.Xml.Linq.XElement.Parse(await dom.GetXmlDescAsync());
        var nics = xml.Element("devices")!.Elements("interface").ToList();
        Assert.Equal(["testnet1", "testnet0", "testnet2"], nics.Select(n => n.Element("target")?.Attribute("dev")?.Value));
        Assert.Equal("source", nics[0].Element("target")!.ElementsBeforeSelf().Last().Name.LocalName);
    }

    private static async Task AssertError(Func<Task> call, ErrorCode code, ErrorDomain domain, string message)
    {
        var ex = await Assert.ThrowsAsync<VirtException>(call);
        Assert.Equal((code, domain, message), (ex.Code, ex.Domain, ex.Message));
    }
}

/// <summary>These tests open connections directly, so they must not overlap with in-process CLI runs.</summary>
[CollectionDefinition(nameof(TestDriverCollection), DisableParallelization = true)]
public sealed class TestDriverCollection;
