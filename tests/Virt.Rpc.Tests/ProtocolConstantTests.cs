using Virt.Rpc.Protocol;

namespace Virt.Rpc.Tests;

/// <summary>Wire numbers, pinned one by one (SPEC a.3, a.4, §b).</summary>
public sealed class ProtocolConstantTests
{
    [Fact]
    public void Message_types_and_statuses()
    {
        Assert.Equal(
            [(MessageType.Call, 0), (MessageType.Reply, 1), (MessageType.Message, 2), (MessageType.Stream, 3),
             (MessageType.CallWithFds, 4), (MessageType.ReplyWithFds, 5), (MessageType.StreamHole, 6)],
            Enum.GetValues<MessageType>().Select(t => (t, (int)t)));
        Assert.Equal(
            [(MessageStatus.Ok, 0), (MessageStatus.Error, 1), (MessageStatus.Continue, 2)],
            Enum.GetValues<MessageStatus>().Select(s => (s, (int)s)));
    }

    [Fact]
    public void Program_numbers()
    {
        Assert.Equal(0x20008086u, RpcProgram.Remote);
        Assert.Equal(0x6b656570u, RpcProgram.Keepalive);
        Assert.Equal("keep", System.Text.Encoding.ASCII.GetString([0x6b, 0x65, 0x65, 0x70]));
        Assert.Equal(0x20008087u, RpcProgram.Qemu);
        Assert.Equal(0x00068000u, RpcProgram.Lxc);
        Assert.Equal(0x06900690u, RpcProgram.Admin);
        Assert.Equal(1u, RpcProgram.Version);
        Assert.Equal(1, (int)KeepaliveProcedure.Ping);
        Assert.Equal(2, (int)KeepaliveProcedure.Pong);
    }

    public static TheoryData<RemoteProcedure, int, string> Procedures => new()
    {
        { RemoteProcedure.ConnectOpen, 1, "CONNECT_OPEN" },
        { RemoteProcedure.ConnectClose, 2, "CONNECT_CLOSE" },
        { RemoteProcedure.ConnectGetType, 3, "CONNECT_GET_TYPE" },
        { RemoteProcedure.ConnectGetVersion, 4, "CONNECT_GET_VERSION" },
        { RemoteProcedure.NodeGetInfo, 6, "NODE_GET_INFO" },
        { RemoteProcedure.DomainReboot, 27, "DOMAIN_REBOOT" },
        { RemoteProcedure.DomainDestroyFlags, 234, "DOMAIN_DESTROY_FLAGS" },
        { RemoteProcedure.DomainReset, 245, "DOMAIN_RESET" },
        { RemoteProcedure.DomainShutdownFlags, 258, "DOMAIN_SHUTDOWN_FLAGS" },
        { RemoteProcedure.ConnectGetCapabilities, 7, "CONNECT_GET_CAPABILITIES" },
        { RemoteProcedure.DomainCreate, 9, "DOMAIN_CREATE" },
        { RemoteProcedure.DomainCreateXml, 10, "DOMAIN_CREATE_XML" },
        { RemoteProcedure.DomainDefineXml, 11, "DOMAIN_DEFINE_XML" },
        { RemoteProcedure.DomainDestroy, 12, "DOMAIN_DESTROY" },
        { RemoteProcedure.DomainGetXmlDesc, 14, "DOMAIN_GET_XML_DESC" },
        { RemoteProcedure.DomainGetAutostart, 15, "DOMAIN_GET_AUTOSTART" },
        { RemoteProcedure.DomainGetInfo, 16, "DOMAIN_GET_INFO" },
        { RemoteProcedure.DomainGetOsType, 19, "DOMAIN_GET_OS_TYPE" },
        { RemoteProcedure.ConnectListDefinedDomains, 21, "CONNECT_LIST_DEFINED_DOMAINS" },
        { RemoteProcedure.DomainLookupById, 22, "DOMAIN_LOOKUP_BY_ID" },
        { RemoteProcedure.DomainLookupByName, 23, "DOMAIN_LOOKUP_BY_NAME" },
        { RemoteProcedure.DomainLookupByUuid, 24, "DOMAIN_LOOKUP_BY_UUID" },
        { RemoteProcedure.ConnectNumOfDefinedDomains, 25, "CONNECT_NUM_OF_DEFINED_DOMAINS" },
        { RemoteProcedure.DomainResume, 28, "DOMAIN_RESUME" },
        { RemoteProcedure.DomainSetAutostart, 29, "DOMAIN_SET_AUTOSTART" },
        { RemoteProcedure.DomainShutdown, 33, "DOMAIN_SHUTDOWN" },
        { RemoteProcedure.DomainSuspend, 34, "DOMAIN_SUSPEND" },
        { RemoteProcedure.DomainUndefine, 35, "DOMAIN_UNDEFINE" },
        { RemoteProcedure.ConnectListDomains, 37, "CONNECT_LIST_DOMAINS" },
        { RemoteProcedure.ConnectNumOfDomains, 51, "CONNECT_NUM_OF_DOMAINS" },
        { RemoteProcedure.ConnectGetHostname, 59, "CONNECT_GET_HOSTNAME" },
        { RemoteProcedure.ConnectSupportsFeature, 60, "CONNECT_SUPPORTS_FEATURE" },
        { RemoteProcedure.AuthList, 66, "AUTH_LIST" },
        { RemoteProcedure.AuthSaslInit, 67, "AUTH_SASL_INIT" },
        { RemoteProcedure.AuthSaslStart, 68, "AUTH_SASL_START" },
        { RemoteProcedure.AuthSaslStep, 69, "AUTH_SASL_STEP" },
        { RemoteProcedure.AuthPolkit, 70, "AUTH_POLKIT" },
        { RemoteProcedure.DomainEventLifecycle, 107, "DOMAIN_EVENT_LIFECYCLE" },
        { RemoteProcedure.ConnectGetUri, 110, "CONNECT_GET_URI" },
        { RemoteProcedure.DomainGetSecurityLabel, 121, "DOMAIN_GET_SECURITY_LABEL" },
        { RemoteProcedure.NodeGetSecurityModel, 122, "NODE_GET_SECURITY_MODEL" },
        { RemoteProcedure.DomainIsActive, 150, "DOMAIN_IS_ACTIVE" },
        { RemoteProcedure.DomainIsPersistent, 151, "DOMAIN_IS_PERSISTENT" },
        { RemoteProcedure.ConnectGetLibVersion, 157, "CONNECT_GET_LIB_VERSION" },
        { RemoteProcedure.ConnectDomainEventRegisterAny, 167, "CONNECT_DOMAIN_EVENT_REGISTER_ANY" },
        { RemoteProcedure.ConnectDomainEventDeregisterAny, 168, "CONNECT_DOMAIN_EVENT_DEREGISTER_ANY" },
        { RemoteProcedure.DomainHasManagedSaveImage, 183, "DOMAIN_HAS_MANAGED_SAVE_IMAGE" },
        { RemoteProcedure.DomainSnapshotNum, 187, "DOMAIN_SNAPSHOT_NUM" },
        { RemoteProcedure.DomainCreateWithFlags, 196, "DOMAIN_CREATE_WITH_FLAGS" },
        { RemoteProcedure.DomainOpenConsole, 201, "DOMAIN_OPEN_CONSOLE" },
        { RemoteProcedure.DomainGetState, 212, "DOMAIN_GET_STATE" },
        { RemoteProcedure.DomainUndefineFlags, 231, "DOMAIN_UNDEFINE_FLAGS" },
        { RemoteProcedure.ConnectListAllDomains, 273, "CONNECT_LIST_ALL_DOMAINS" },
        { RemoteProcedure.ConnectDomainEventCallbackRegisterAny, 316, "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY" },
        { RemoteProcedure.ConnectDomainEventCallbackDeregisterAny, 317, "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY" },
        { RemoteProcedure.DomainEventCallbackLifecycle, 318, "DOMAIN_EVENT_CALLBACK_LIFECYCLE" },
        { RemoteProcedure.ConnectRegisterCloseCallback, 360, "CONNECT_REGISTER_CLOSE_CALLBACK" },
        { RemoteProcedure.ConnectUnregisterCloseCallback, 361, "CONNECT_UNREGISTER_CLOSE_CALLBACK" },
        { RemoteProcedure.ConnectEventConnectionClosed, 362, "CONNECT_EVENT_CONNECTION_CLOSED" },
        { RemoteProcedure.DomainGetMessages, 426, "DOMAIN_GET_MESSAGES" },
    };

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Procedure_number_and_wire_name(RemoteProcedure procedure, int number, string name)
    {
        Assert.Equal(number, (int)procedure);
        Assert.Equal(name, ProcedureNames.Of(procedure));
    }

    [Fact]
    public void Every_procedure_enum_member_is_pinned_above()
    {
        var pinned = Procedures.Select(row => (RemoteProcedure)row[0]).ToHashSet();
        Assert.Equal(Enum.GetValues<RemoteProcedure>().Order(), pinned.Order());
    }

    [Fact]
    public void Auth_types()
    {
        Assert.Equal(0, (int)RemoteAuthType.None);
        Assert.Equal(1, (int)RemoteAuthType.Sasl);
        Assert.Equal(2, (int)RemoteAuthType.Polkit);
    }
}
