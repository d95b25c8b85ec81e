using Virt.Api.Domains;
using Virt.Api.Errors;

namespace Virt.Engine.Tests.Qemu;

/// <summary>Every bad input gets libvirt's error code and text, and leaves the state as it was.</summary>
[Collection("qemu")]
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly EngineRoot _root = new();
    private string ConfigDir => Path.Combine(_root.Dir, "etc", "qemu");

    public Task InitializeAsync()
    {
        GuestImage.EnsurePresent();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _root.DisposeAsync().AsTask();

    private string Xml(string name, string? uuid = null) => GuestImage.DomainXml(name, _root.ConsoleLog(name), uuid: uuid);

    [Fact]
    public async Task Malformed_xml_reports_line_and_column_and_writes_nothing()
    {
        await using var conn = await _root.OpenAsync();
        var ex = await Assert.ThrowsAsync<VirtException>(() => conn.DefineXmlAsync("<domain type='qemu'>\n  <name>x</nam>\n</domain>"));
        Assert.Equal(ErrorCode.XmlDetail, ex.Code);
        Assert.StartsWith("(domain_definition):2:", ex.Message);
        Assert.Contains("'name'", ex.Message);
        Assert.Empty(Directory.GetFiles(ConfigDir, "*.xml"));
    }

    [Theory]
    [InlineData("a/b", "name 'a/b' cannot contain '/'")]
    [InlineData("..", "name '..' is not allowed")]
    [InlineData("bad\tname", "name cannot contain control characters")]
    public async Task Unsafe_names_are_rejected(string name, string rule)
    {
        await using var conn = await _root.OpenAsync();
        var ex = await Assert.ThrowsAsync<VirtException>(() => conn.DefineXmlAsync(Xml(name.Replace("\t", "&#9;"))));
        Assert.Equal(ErrorCode.XmlError, ex.Code);
        Assert.Equal($"XML error: /domain/name: {rule}", ex.Message);
        Assert.Empty(Directory.GetFiles(ConfigDir, "*.xml"));
    }

    [Fact]
    public async Task Duplicate_name_or_uuid_is_refused_as_libvirt_does()
    {
        await using var conn = await _root.OpenAsync();
        const string uuid = "6f0c8a3e-1b2d-4c5e-9f70-0123456789ab";
        await conn.DefineXmlAsync(Xml("dup", uuid));
        var sameName = await Assert.ThrowsAsync<VirtException>(() => conn.DefineXmlAsync(Xml("dup", "11111111-2222-3333-4444-555555555555")));
        Assert.Equal(ErrorCode.OperationFailed, sameName.Code);
        Assert.Equal($"operation failed: domain 'dup' already exists with uuid {uuid}", sameName.Message);
        var sameUuid = await Assert.ThrowsAsync<VirtException>(() => conn.DefineXmlAsync(Xml("other", uuid)));
        Assert.Equal($"operation failed: domain 'dup' is already defined with uuid {uuid}", sameUuid.Message);
        // Redefining with the same name and uuid updates the definition.
        await conn.DefineXmlAsync(Xml("dup", uuid).Replace("<vcpu>1</vcpu>", "<vcpu>2</vcpu>"));
        Assert.Equal(2u, (await (await conn.LookupByNameAsync("dup")).GetInfoAsync()).VirtCpus);
    }

    [Fact]
    public async Task Unknown_domains_give_no_domain_errors()
    {
        await using var conn = await _root.OpenAsync();
        var byName = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByNameAsync("x"));
        Assert.Equal(ErrorCode.NoDomain, byName.Code);
        Assert.Equal(ErrorDomain.Qemu, byName.Domain);
        Assert.Equal("Domain not found: no domain with matching name 'x'", byName.Message);
        var byId = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByIdAsync(42));
        Assert.Equal("Domain not found: no domain with matching id 42", byId.Message);
        var uuid = Guid.NewGuid();
        var byUuid = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByUuidAsync(uuid));
        Assert.Equal($"Domain not found: no domain with matching uuid '{uuid}'", byUuid.Message);
    }

    [Fact]
    public async Task Wrong_state_calls_are_refused_and_change_nothing()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(Xml("st"));
        foreach (var call in new Func<Task>[] { () => dom.ShutdownAsync(), () => dom.DestroyAsync(), () => dom.SuspendAsync(), () => dom.ResumeAsync(), () => dom.RebootAsync(), () => dom.ResetAsync() })
        {
            var ex = await Assert.ThrowsAsync<VirtException>(call);
            Assert.Equal(ErrorCode.OperationInvalid, ex.Code);
            Assert.Equal("Requested operation is not valid: domain is not running", ex.Message);
        }
        await dom.StartAsync();
        var again = await Assert.ThrowsAsync<VirtException>(() => dom.StartAsync());
        Assert.Equal("Requested operation is not valid: domain is already running", again.Message);
        var resume = await Assert.ThrowsAsync<VirtException>(() => dom.ResumeAsync());
        Assert.Equal("Requested operation is not valid: domain is already running", resume.Message);
        Assert.Equal(DomainState.Running, (await dom.GetStateAsync()).State);
        await dom.DestroyAsync();
    }

    [Fact]
    public async Task Missing_kernel_fails_before_qemu_starts_and_state_is_unchanged()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(Xml("nokernel").Replace(GuestImage.Kernel, "/nonexistent/vmlinux"));
        var ex = await Assert.ThrowsAsync<VirtException>(() => dom.StartAsync());
        Assert.Equal(ErrorCode.SystemError, ex.Code);
        Assert.Equal("Cannot access kernel file '/nonexistent/vmlinux': No such file or directory", ex.Message);
        Assert.Equal(new DomainStateInfo(DomainState.Shutoff, 0), await dom.GetStateAsync());
        Assert.False(File.Exists(Path.Combine(_root.Dir, "log", "qemu", "nokernel.log")), "QEMU must not have been started");
    }

    [Fact]
    public async Task Missing_disk_file_fails_before_qemu_starts()
    {
        await using var conn = await _root.OpenAsync();
        var disk = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/nonexistent/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>";
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("nodisk", _root.ConsoleLog("nodisk"), extraDevices: disk));
        var ex = await Assert.ThrowsAsync<VirtException>(() => dom.StartAsync());
        Assert.Equal("Cannot access storage file '/nonexistent/disk.qcow2': No such file or directory", ex.Message);
        Assert.False(await dom.IsActiveAsync());
    }

    [Fact]
    public async Task Qemu_refusing_its_command_line_shows_qemus_own_message()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("badmachine", _root.ConsoleLog("badmachine"), machine: "no-such-machine"));
        var ex = await Assert.ThrowsAsync<VirtException>(() => dom.StartAsync());
        Assert.Equal(ErrorCode.InternalError, ex.Code);
        Assert.StartsWith("internal error: process exited while connecting to monitor:", ex.Message);
        Assert.Contains("unsupported machine type", ex.Message);
        Assert.Equal(new DomainStateInfo(DomainState.Shutoff, 0), await dom.GetStateAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(_root.Dir, "run", "qemu"), "*.xml"));
    }

    [Fact]
    public async Task Two_engines_defining_at_once_lose_nothing_and_one_start_wins()
    {
        await using var a = await _root.OpenAsync();
        await using var b = await _root.OpenAsync();
        var defines = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).DefineXmlAsync(Xml($"c{i}")));
        await Task.WhenAll(defines);
        Assert.Equal(20, (await a.ListAllDomainsAsync()).Count);
        foreach (var file in Directory.GetFiles(ConfigDir, "*.xml"))
            Virt.Model.Domains.DomainDefinition.Parse(await File.ReadAllTextAsync(file)); // every file whole

        var domA = await a.LookupByNameAsync("c0");
        var domB = await b.LookupByNameAsync("c0");
        var results = await Task.WhenAll(Try(() => domA.StartAsync()), Try(() => domB.StartAsync()));
        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r?.Message == "Requested operation is not valid: domain is already running");
        await domA.RefreshAsync();
        await domA.DestroyAsync();
    }

    [Fact]
    public async Task Graphics_passwords_are_shown_only_with_the_secure_flag()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(GuestImage.DomainXml("pw", _root.ConsoleLog("pw"),
            extraDevices: "<graphics type='vnc' port='-1' autoport='yes' passwd='s3cret'/>"));
        Assert.DoesNotContain("s3cret", await dom.GetXmlDescAsync());
        Assert.DoesNotContain("s3cret", await dom.GetXmlDescAsync(DomainXmlFlags.Inactive));
        Assert.Contains("passwd='s3cret'", await dom.GetXmlDescAsync(DomainXmlFlags.Secure));
    }

    [Fact]
    public async Task Read_only_connections_refuse_every_change()
    {
        await using (var rw = await _root.OpenAsync())
            await rw.DefineXmlAsync(Xml("ro"));
        await using var ro = await Virt.Api.Connect.OpenAsync(_root.Uri, Virt.Api.Drivers.ConnectFlags.ReadOnly);
        var dom = await ro.LookupByNameAsync("ro");
        Assert.Equal(DomainState.Shutoff, (await dom.GetStateAsync()).State);
        var start = await Assert.ThrowsAsync<VirtException>(() => dom.StartAsync());
        Assert.Equal((ErrorCode.OperationDenied, "operation forbidden: read only access prevents virDomainCreate"), (start.Code, start.Message));
        var define = await Assert.ThrowsAsync<VirtException>(() => ro.DefineXmlAsync(Xml("ro2")));
        Assert.Equal("operation forbidden: read only access prevents virDomainDefineXML", define.Message);
        await Assert.ThrowsAsync<VirtException>(() => dom.UndefineAsync());
        await Assert.ThrowsAsync<VirtException>(() => dom.SetAutostartAsync(true));
        await Assert.ThrowsAsync<VirtException>(() => dom.GetXmlDescAsync(DomainXmlFlags.Secure));
        Assert.True(await dom.IsPersistentAsync());
    }

    [Fact]
    public async Task Unknown_flags_are_refused_like_virCheckFlags()
    {
        await using var conn = await _root.OpenAsync();
        var dom = await conn.DefineXmlAsync(Xml("fl"));
        var ex = await Assert.ThrowsAsync<VirtException>(() => dom.DestroyAsync((DomainDestroyFlags)0x40));
        Assert.Equal((ErrorCode.InvalidArg, "unsupported flags (0x40) in function qemuDomainDestroyFlags"), (ex.Code, ex.Message));
        var id = await Assert.ThrowsAsync<VirtException>(() => conn.LookupByIdAsync(-1));
        Assert.Equal("id in virDomainLookupByID must be zero or greater", id.Message);
    }

    private static async Task<VirtException?> Try(Func<Task> call)
    {
        try { await call(); return null; }
        catch (VirtException ex) { return ex; }
    }
}
