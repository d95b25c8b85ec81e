using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

public sealed class ProcedureTableTests
{
    private static readonly RemoteProcedure[] Required =
    [
        RemoteProcedure.AuthList, RemoteProcedure.ConnectSupportsFeature, RemoteProcedure.ConnectOpen,
        RemoteProcedure.ConnectGetUri, RemoteProcedure.ConnectRegisterCloseCallback,
        RemoteProcedure.ConnectUnregisterCloseCallback, RemoteProcedure.ConnectClose, RemoteProcedure.ConnectGetType,
        RemoteProcedure.ConnectGetVersion, RemoteProcedure.NodeGetInfo, RemoteProcedure.ConnectGetCapabilities,
        RemoteProcedure.ConnectGetHostname, RemoteProcedure.NodeGetSecurityModel, RemoteProcedure.ConnectListAllDomains,
        RemoteProcedure.DomainGetState, RemoteProcedure.DomainLookupById, RemoteProcedure.DomainLookupByName,
        RemoteProcedure.DomainLookupByUuid, RemoteProcedure.DomainGetInfo, RemoteProcedure.DomainGetOsType,
        RemoteProcedure.DomainIsPersistent, RemoteProcedure.DomainGetAutostart, RemoteProcedure.DomainHasManagedSaveImage,
        RemoteProcedure.DomainGetSecurityLabel, RemoteProcedure.DomainGetMessages, RemoteProcedure.DomainGetXmlDesc,
        RemoteProcedure.DomainIsActive, RemoteProcedure.DomainSnapshotNum, RemoteProcedure.DomainDefineXml,
        RemoteProcedure.DomainCreateXml, RemoteProcedure.DomainCreate, RemoteProcedure.DomainDestroy,
        RemoteProcedure.DomainShutdown, RemoteProcedure.DomainSuspend, RemoteProcedure.DomainResume,
        RemoteProcedure.DomainSetAutostart, RemoteProcedure.DomainUndefineFlags, RemoteProcedure.DomainUndefine,
        RemoteProcedure.DomainOpenConsole,
    ];

    private static readonly RemoteProcedure[] Optional =
    [
        RemoteProcedure.DomainCreateWithFlags, RemoteProcedure.ConnectGetLibVersion,
        RemoteProcedure.ConnectDomainEventCallbackRegisterAny, RemoteProcedure.ConnectDomainEventCallbackDeregisterAny,
        RemoteProcedure.DomainEventCallbackLifecycle,
        RemoteProcedure.DomainShutdownFlags, RemoteProcedure.DomainReboot, RemoteProcedure.DomainReset,
        RemoteProcedure.DomainDestroyFlags,
    ];

    private static readonly RemoteProcedure[] Fallback =
    [
        RemoteProcedure.ConnectNumOfDomains, RemoteProcedure.ConnectListDomains, RemoteProcedure.ConnectNumOfDefinedDomains,
        RemoteProcedure.ConnectListDefinedDomains, RemoteProcedure.ConnectDomainEventRegisterAny,
        RemoteProcedure.ConnectDomainEventDeregisterAny, RemoteProcedure.DomainEventLifecycle,
    ];

    private static readonly Dictionary<RemoteProcedure, string> Writers = new()
    {
        [RemoteProcedure.DomainDefineXml] = "virDomainDefineXML",
        [RemoteProcedure.DomainCreateXml] = "virDomainCreateXML",
        [RemoteProcedure.DomainCreate] = "virDomainCreate",
        [RemoteProcedure.DomainCreateWithFlags] = "virDomainCreateWithFlags",
        [RemoteProcedure.DomainDestroy] = "virDomainDestroy",
        [RemoteProcedure.DomainShutdown] = "virDomainShutdown",
        [RemoteProcedure.DomainShutdownFlags] = "virDomainShutdownFlags",
        [RemoteProcedure.DomainReboot] = "virDomainReboot",
        [RemoteProcedure.DomainReset] = "virDomainReset",
        [RemoteProcedure.DomainDestroyFlags] = "virDomainDestroyFlags",
        [RemoteProcedure.DomainSuspend] = "virDomainSuspend",
        [RemoteProcedure.DomainResume] = "virDomainResume",
        [RemoteProcedure.DomainSetAutostart] = "virDomainSetAutostart",
        [RemoteProcedure.DomainUndefineFlags] = "virDomainUndefineFlags",
        [RemoteProcedure.DomainUndefine] = "virDomainUndefine",
        [RemoteProcedure.DomainOpenConsole] = "virDomainOpenConsole",
    };

    [Fact]
    public void Table_holds_exactly_the_procedures_of_spec_section_b_in_their_tiers()
    {
        Assert.Equal(39, Required.Length); // SPEC §b: 39 REMOTE procedures cover every client command
        Assert.Equal(Required.Order(), Tier(ProcedureTier.Required));
        Assert.Equal(Optional.Order(), Tier(ProcedureTier.Optional));
        Assert.Equal(Fallback.Order(), Tier(ProcedureTier.Fallback));
        Assert.Equal(Required.Length + Optional.Length + Fallback.Length, ProcedureTable.All.Count);

        static IEnumerable<RemoteProcedure> Tier(ProcedureTier tier) =>
            ProcedureTable.All.Where(e => e.Tier == tier).Select(e => e.Procedure).Order();
    }

    [Fact]
    public void Numbers_and_names_are_unique_and_every_entry_is_found_by_number()
    {
        Assert.Equal(ProcedureTable.All.Count, ProcedureTable.All.Select(e => e.Number).Distinct().Count());
        Assert.Equal(ProcedureTable.All.Count, ProcedureTable.All.Select(e => e.Name).Distinct().Count());
        foreach (var entry in ProcedureTable.All)
        {
            Assert.True(ProcedureTable.TryGet(entry.Number, out var found));
            Assert.Same(entry, found);
            Assert.Equal(ProcedureNames.Of(entry.Procedure), entry.Name);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]        // a number libvirt never assigned
    [InlineData(67)]       // AUTH_SASL_INIT: in the enum, not served
    [InlineData(362)]      // CONNECT_EVENT_CONNECTION_CLOSED: in the enum, not served
    [InlineData(-1)]
    [InlineData(100000)]
    public void Procedures_not_served_are_not_found(int number)
    {
        Assert.False(ProcedureTable.TryGet(number, out var entry));
        Assert.Null(entry);
        Assert.Null(ProcedureTable.Find(number));
    }

    [Fact]
    public void Exactly_the_state_changing_procedures_are_writes_and_name_their_api()
    {
        foreach (var entry in ProcedureTable.All)
        {
            if (Writers.TryGetValue(entry.Procedure, out var api))
            {
                Assert.True(entry.Writes, entry.Name);
                Assert.Equal(api, entry.Access.Api);
            }
            else
            {
                Assert.False(entry.Writes, entry.Name);
                Assert.Null(entry.Access.Api);
            }
        }
        Assert.Equal(Writers.Count, ProcedureTable.All.Count(e => e.Writes));
    }

    [Theory]
    [InlineData(RemoteProcedure.DomainDestroy, DispatchPriority.High)]
    [InlineData(RemoteProcedure.ConnectListAllDomains, DispatchPriority.High)]
    [InlineData(RemoteProcedure.DomainLookupByName, DispatchPriority.High)]
    [InlineData(RemoteProcedure.DomainLookupByUuid, DispatchPriority.High)]
    [InlineData(RemoteProcedure.DomainLookupById, DispatchPriority.High)]
    [InlineData(RemoteProcedure.DomainGetState, DispatchPriority.High)]
    [InlineData(RemoteProcedure.ConnectClose, DispatchPriority.High)]
    [InlineData(RemoteProcedure.AuthList, DispatchPriority.High)]
    [InlineData(RemoteProcedure.DomainCreate, DispatchPriority.Normal)]
    [InlineData(RemoteProcedure.DomainShutdown, DispatchPriority.Normal)]
    [InlineData(RemoteProcedure.DomainSuspend, DispatchPriority.Normal)]
    [InlineData(RemoteProcedure.DomainDefineXml, DispatchPriority.Normal)]
    [InlineData(RemoteProcedure.DomainOpenConsole, DispatchPriority.Normal)]
    public void Priority_keeps_cheap_calls_and_destroy_off_the_slow_pool(RemoteProcedure procedure, DispatchPriority expected)
    {
        Assert.Equal(expected, ProcedureTable.Find((int)procedure)!.Priority);
    }

    [Fact]
    public void Only_the_two_lifecycle_messages_are_events()
    {
        Assert.Equal(
            [RemoteProcedure.DomainEventLifecycle, RemoteProcedure.DomainEventCallbackLifecycle],
            ProcedureTable.All.Where(e => e.Kind == ProcedureKind.Event).Select(e => e.Procedure).Order());
        Assert.All(ProcedureTable.All.Where(e => e.Kind == ProcedureKind.Event), e => Assert.Equal(typeof(XdrVoid), e.Ret.Type));
    }

    [Fact]
    public void Typed_entries_expose_their_records()
    {
        Assert.Equal(typeof(DomainArgs), ProcedureTable.DomainGetInfo.Args.Type);
        Assert.Equal(typeof(DomainGetInfoRet), ProcedureTable.DomainGetInfo.Ret.Type);
        Assert.Equal(typeof(ListAllDomainsRet), ProcedureTable.ConnectListAllDomains.Ret.Type);
        Assert.Equal(typeof(ConnectOpenArgs), ProcedureTable.ConnectOpen.Args.Type);
        Assert.Equal(typeof(XdrVoid), ProcedureTable.ConnectOpen.Ret.Type);
        Assert.Equal(typeof(DomainEventCallbackLifecycleMsg), ProcedureTable.DomainEventCallbackLifecycle.Args.Type);
    }
}
