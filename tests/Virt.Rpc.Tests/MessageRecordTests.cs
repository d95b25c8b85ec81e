using Virt.Api.Domains;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

/// <summary>Records whose procedures never appear in the captures, checked against hand-assembled bytes.</summary>
public sealed class MessageRecordTests
{
    private const string Lab1Dom = "00000004 6c616231 6f0c8a3e 1b2d4c5e 9f700123 456789ab";
    private static readonly DomainRef Lab1 = new("lab1", Guid.Parse("6f0c8a3e-1b2d-4c5e-9f70-0123456789ab"), -1);

    private static void AssertWire<T>(T value, string hex) where T : IXdrStruct<T>
    {
        var expected = SpecHex.Parse(hex);
        Assert.Equal(SpecHex.Hex(expected), SpecHex.Hex(XdrStruct.Encode(value)));
        var decoded = XdrStruct.Decode<T>(expected);
        Assert.Equal(SpecHex.Hex(expected), SpecHex.Hex(XdrStruct.Encode(decoded)));
    }

    [Fact]
    public void Lib_version() => AssertWire(new ConnectGetLibVersionRet(9000000), "00000000 00895440");

    [Fact]
    public void Fallback_list_procedures()
    {
        AssertWire(new ConnectNumOfDomainsRet(2), "00000002");
        AssertWire(new ConnectListDomainsArgs(16384), "00004000");
        AssertWire(new ConnectListDomainsRet([2, 7]), "00000002 00000002 00000007");
        AssertWire(new ConnectNumOfDefinedDomainsRet(1), "00000001");
        AssertWire(new ConnectListDefinedDomainsArgs(10), "0000000a");
        AssertWire(new ConnectListDefinedDomainsRet(["lab1", "x"]), "00000002 00000004 6c616231 00000001 78000000");
    }

    [Fact]
    public void Legacy_event_procedures()
    {
        AssertWire(new ConnectDomainEventRegisterAnyArgs(DomainEventIds.Lifecycle), "00000000");
        AssertWire(new ConnectDomainEventDeregisterAnyArgs(0), "00000000");
        AssertWire(new DomainEventLifecycleMsg(Lab1, DomainEventType.Stopped, 1), $"{Lab1Dom} ffffffff 00000005 00000001");
    }

    [Fact]
    public void Event_registration_with_and_without_a_domain_filter()
    {
        AssertWire(new ConnectDomainEventCallbackRegisterAnyArgs(0, null), "00000000 00000000");
        AssertWire(new ConnectDomainEventCallbackRegisterAnyArgs(3, Lab1), $"00000003 00000001 {Lab1Dom} ffffffff");
        AssertWire(new ConnectDomainEventCallbackRegisterAnyRet(5), "00000005");
        AssertWire(new ConnectDomainEventCallbackDeregisterAnyArgs(5), "00000005");
    }

    [Fact]
    public void Domain_flag_args_use_the_api_flag_enums()
    {
        AssertWire(new DomainCreateWithFlagsArgs(Lab1, DomainCreateFlags.Paused), $"{Lab1Dom} ffffffff 00000001");
        AssertWire(new DomainGetXmlDescArgs(Lab1, DomainXmlFlags.Inactive), $"{Lab1Dom} ffffffff 00000002");
        AssertWire(new DomainUndefineFlagsArgs(Lab1, DomainUndefineFlags.None), $"{Lab1Dom} ffffffff 00000000");
        AssertWire(new DomainCreateXmlArgs("<d/>", DomainCreateFlags.None), "00000004 3c642f3e 00000000");
        AssertWire(new DomainOpenConsoleArgs(Lab1, null, DomainConsoleFlags.Force), $"{Lab1Dom} ffffffff 00000000 00000001");
        AssertWire(new DomainOpenConsoleArgs(Lab1, "serial1", DomainConsoleFlags.None), $"{Lab1Dom} ffffffff 00000001 00000007 73657269 616c3100 00000000");
        AssertWire(new DomainSetAutostartArgs(Lab1, 1), $"{Lab1Dom} ffffffff 00000001");
    }

    [Fact]
    public void Boolean_results_are_int_zero_or_one()
    {
        AssertWire(new DomainIsActiveRet(true), "00000001");
        AssertWire(new DomainIsPersistentRet(false), "00000000");
        AssertWire(new DomainGetAutostartRet(true), "00000001");
        AssertWire(new DomainHasManagedSaveImageRet(false), "00000000");
        AssertWire(new ConnectSupportsFeatureRet(false), "00000000");
    }

    [Fact]
    public void Security_label_empty_label_vs_no_array()
    {
        AssertWire(DomainGetSecurityLabelRet.NoLabel, "00000001 00000000 00000000");
        AssertWire(new DomainGetSecurityLabelRet(null, false), "00000000 00000000");
        AssertWire(new DomainGetSecurityLabelRet("x", true), "00000002 00000078 00000000 00000001");
        AssertWire(new NodeGetSecurityModelRet(null, null), "00000000 00000000");
    }

    [Fact]
    public void Messages_reply()
    {
        AssertWire(new DomainGetMessagesRet([]), "00000000");
        AssertWire(new DomainGetMessagesRet(["ab"]), "00000001 00000002 61620000");
    }

    [Fact]
    public void Domain_info_conversions_reject_values_the_wire_cannot_hold()
    {
        Assert.Throws<OverflowException>(() => DomainGetInfoRet.From(new DomainInfo(DomainState.Running, 1, 1, 70000, 0)));
        var ret = DomainGetInfoRet.From(new DomainInfo(DomainState.Paused, 2, 1, 4, 99));
        Assert.Equal(new DomainGetInfoRet(DomainState.Paused, 2, 1, 4, 99), ret);
    }

    [Fact]
    public void List_all_domains_count_without_results()
    {
        AssertWire(new ListAllDomainsRet([], 3), "00000000 00000003");
    }

    [Fact]
    public void List_all_domains_over_the_limit_is_refused()
    {
        var many = Enumerable.Repeat(Lab1, RemoteLimits.DomainListMax + 1).ToArray();
        Assert.Throws<XdrException>(() => XdrStruct.Encode(new ListAllDomainsRet(many, (uint)many.Length)));
    }

    [Fact]
    public void Auth_list_over_its_limit_is_refused_when_decoding()
    {
        var hex = "00000015 " + string.Concat(Enumerable.Repeat("00000000 ", 21));
        Assert.Throws<XdrException>(() => XdrStruct.Decode<AuthListRet>(SpecHex.Parse(hex)));
    }
}
