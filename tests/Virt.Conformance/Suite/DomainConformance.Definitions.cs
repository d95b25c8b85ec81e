using Virt.Api.Domains;
using Virt.Api.Errors;

namespace Virt.Conformance.Suite;

public abstract partial class DomainConformance
{
    [Fact]
    public async Task Define_again_updates_in_place()
    {
        var first = await DefineAsync("update");
        var second = await Driver.DefineXmlAsync(DomainXml(first.Name, first.Uuid), DomainDefineFlags.None);
        Assert.Equal(first, second);
        Assert.Single(await Driver.ListAllDomainsAsync(ListDomainsFlags.None), d => d.Name == first.Name);
    }

    [Fact]
    public async Task Define_of_a_taken_name_with_another_uuid_fails()
    {
        var first = await DefineAsync("name");
        await Libvirt("define-conflict-error-domain", () => AssertFails(
            ExpectedError.OperationFailed(ErrorDomain.Domain, $"domain '{first.Name}' already exists with uuid {first.Uuid:D}"),
            () => Driver.DefineXmlAsync(DomainXml(first.Name, Guid.NewGuid()), DomainDefineFlags.None)));
    }

    [Fact]
    public async Task Define_of_a_taken_uuid_with_another_name_fails()
    {
        var first = await DefineAsync("uuid");
        await Libvirt("define-conflict-error-domain", () => AssertFails(
            ExpectedError.OperationFailed(ErrorDomain.Domain, $"domain '{first.Name}' is already defined with uuid {first.Uuid:D}"),
            () => Driver.DefineXmlAsync(DomainXml(Name("other"), first.Uuid), DomainDefineFlags.None)));
    }

    public static TheoryData<string> InvalidDefinitions => new()
    {
        "malformed", "empty-document", "root-element", "no-os-type", "no-name", "no-memory", "no-type-attribute",
        "slash-in-name", "malformed-uuid",
    };

    /// <summary>
    /// Documents every driver must refuse, with libvirt's error for each (domain_conf.c's checks, the
    /// same for every hypervisor driver). Each case is its own divergence id: <c>xml-CASE</c>.
    /// </summary>
    [Theory]
    [MemberData(nameof(InvalidDefinitions), MemberType = typeof(DomainConformance))]
    public async Task An_invalid_definition_is_rejected_with_libvirts_error(string kind)
    {
        var t = DomainType;
        var n = Name("bad");
        var (xml, expected) = kind switch
        {
            "malformed" => ("<domain", ExpectedError.Raw(ErrorCode.XmlDetail, ErrorDomain.Domain,
                "(domain_definition):1: Couldn't find end of Start Tag domain line 1\n<domain\n-------^")),
            "empty-document" => ("", ExpectedError.Raw(ErrorCode.XmlDetail, ErrorDomain.Domain,
                "(domain_definition):1: Document is empty\n(null)\n^")),
            "root-element" => ("<foo/>", ExpectedError.Of(ErrorCode.XmlError, ErrorDomain.Xml, "XML error",
                "expecting root element of 'domain', not 'foo'")),
            "no-os-type" => ($"<domain type='{t}'><name>{n}</name></domain>",
                ExpectedError.Of(ErrorCode.XmlError, ErrorDomain.Domain, "XML error", "an os <type> must be specified")),
            "no-name" => ($"<domain type='{t}'><memory>131072</memory><os><type>hvm</type></os></domain>",
                ExpectedError.Plain(ErrorCode.NoName, ErrorDomain.Domain, "missing name information")),
            "no-memory" => ($"<domain type='{t}'><name>{n}</name><os><type>hvm</type></os></domain>",
                ExpectedError.Of(ErrorCode.XmlError, ErrorDomain.Domain, "XML error",
                    "Memory size must be specified via <memory> or in the <numa> configuration")),
            "no-type-attribute" => ($"<domain><name>{n}</name><memory>131072</memory><os><type>hvm</type></os></domain>",
                ExpectedError.Internal(ErrorDomain.Domain, "missing domain type attribute")),
            "slash-in-name" => ($"<domain type='{t}'><name>a/b</name><memory>131072</memory><os><type>hvm</type></os></domain>",
                ExpectedError.Of(ErrorCode.XmlError, ErrorDomain.Domain, "XML error", "name a/b cannot contain '/'")),
            "malformed-uuid" => ($"<domain type='{t}'><name>{n}</name><uuid>zzz</uuid><memory>131072</memory><os><type>hvm</type></os></domain>",
                ExpectedError.Internal(ErrorDomain.Domain, "malformed uuid element")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var error = await FailsWith(() => Driver.DefineXmlAsync(xml, DomainDefineFlags.None));
        await Libvirt("xml-" + kind, () => Assert.Equal(expected, error));
    }

    /// <summary>The <c>type</c> attribute of <see cref="DomainXml"/>'s domain.</summary>
    protected abstract string DomainType { get; }

    [Fact]
    public async Task Unknown_flags_are_rejected_by_the_driver_function()
    {
        var started = await DefineAndStartAsync("flags");
        await Libvirt("unsupported-flags", async () =>
        {
            await AssertFails(ExpectedError.UnsupportedFlags(DriverDomain, FunctionPrefix + "DomainDestroyFlags", 0x4),
            () => Driver.DestroyAsync(started, (DomainDestroyFlags)0x4));
        await AssertFails(ExpectedError.UnsupportedFlags(DriverDomain, FunctionPrefix + "ConnectListAllDomains", 0x100000),
            () => Driver.ListAllDomainsAsync((ListDomainsFlags)0x100000));
        // 0x10 is no virDomainXMLFlags bit (UPDATE_CPU, 0x4, is valid for QEMU but not for the test driver).
        await AssertFails(ExpectedError.UnsupportedFlags(DriverDomain, FunctionPrefix + "DomainGetXMLDesc", 0x10),
                () => Driver.GetXmlDescAsync(started, (DomainXmlFlags)0x10));
        });
    }

    [Fact]
    public async Task A_read_only_connection_refuses_changes_but_answers_queries()
    {
        var defined = await DefineAsync("ro");
        var ro = await OpenAsync(readOnly: true);
        try
        {
            await Libvirt("read-only", async () =>
            {
            var seen = await ro.LookupByNameAsync(defined.Name);
            Assert.Equal(defined, seen);
            Assert.Equal(DomainState.Shutoff, (await ro.GetStateAsync(seen)).State);
            await AssertFails(ExpectedError.ReadOnly("virDomainDefineXML"),
                () => ro.DefineXmlAsync(DomainXml(Name("ro2"), Guid.NewGuid()), DomainDefineFlags.None));
            await AssertFails(ExpectedError.ReadOnly("virDomainCreateXML"),
                () => ro.CreateXmlAsync(DomainXml(Name("ro3"), Guid.NewGuid()), DomainCreateFlags.None));
            await AssertFails(ExpectedError.ReadOnly("virDomainCreate"), () => ro.CreateAsync(seen, DomainCreateFlags.None));
            await AssertFails(ExpectedError.ReadOnly("virDomainUndefineFlags"), () => ro.UndefineAsync(seen, DomainUndefineFlags.None));
            await AssertFails(ExpectedError.ReadOnly("virDomainSetAutostart"), () => ro.SetAutostartAsync(seen, true));
            await AssertFails(ExpectedError.Of(ErrorCode.OperationDenied, ErrorDomain.Domain, "operation forbidden",
                "virDomainGetXMLDesc with secure flag"), () => ro.GetXmlDescAsync(seen, DomainXmlFlags.Secure));
            });
        }
        finally
        {
            await ro.DisposeAsync();
        }
    }

    [Fact]
    public async Task Read_only_errors_name_the_flags_variant_of_the_call()
    {
        var started = await DefineAndStartAsync("roflags");
        var ro = await OpenAsync(readOnly: true);
        try
        {
            await Libvirt("read-only", async () =>
            {
            await AssertFails(ExpectedError.ReadOnly("virDomainDestroy"), () => ro.DestroyAsync(started, DomainDestroyFlags.None));
            await AssertFails(ExpectedError.ReadOnly("virDomainDestroyFlags"), () => ro.DestroyAsync(started, DomainDestroyFlags.Graceful));
            await AssertFails(ExpectedError.ReadOnly("virDomainSuspend"), () => ro.SuspendAsync(started));
            await AssertFails(ExpectedError.ReadOnly("virDomainShutdown"), () => ro.ShutdownAsync(started, DomainShutdownFlags.Default));
            });
        }
        finally
        {
            await ro.DisposeAsync();
        }
    }
}
