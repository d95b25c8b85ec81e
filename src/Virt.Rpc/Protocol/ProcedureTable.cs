using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Virt.Rpc.Protocol.Messages;
using Virt.Rpc.Xdr;
using static Virt.Rpc.Protocol.Access;
using static Virt.Rpc.Protocol.DispatchPriority;
using static Virt.Rpc.Protocol.ProcedureTier;
using P = Virt.Rpc.Protocol.RemoteProcedure;
using Void = Virt.Rpc.Xdr.XdrVoid;

namespace Virt.Rpc.Protocol;

/// <summary>
/// The REMOTE program procedures virtd serves, as data: one field per procedure with its args and
/// ret records, dispatch priority and access. The dispatcher is driven by this table; a new
/// procedure is one entry here plus its handler.
/// <para>
/// Priority rule: <c>High</c> = answered from daemon state without waiting on a domain job or on
/// QEMU (probes, lookups, lists, state/info reads, event and close-callback bookkeeping), plus
/// DESTROY, which must get through while a domain is stuck. Everything that starts, stops, pauses,
/// (re)defines or talks to a running guest is <c>Normal</c>.
/// </para>
/// <para>
/// Access rule: a procedure that changes domain state or configuration is <c>WritesVia(api)</c>
/// and is refused on read-only connections ("read only access prevents <i>api</i>"). Note that
/// DOMAIN_GET_XML_DESC with the SECURE flag is also refused on read-only connections by libvirt;
/// that depends on the args, so the handler checks it.
/// </para>
/// </summary>
public static class ProcedureTable
{
    // ---- connection set-up and probes -----------------------------------------------------------
    public static readonly CallEntry<Void, AuthListRet> AuthList = new(P.AuthList, High, Reads);
    public static readonly CallEntry<ConnectSupportsFeatureArgs, ConnectSupportsFeatureRet> ConnectSupportsFeature = new(P.ConnectSupportsFeature, High, Reads);
    public static readonly CallEntry<ConnectOpenArgs, Void> ConnectOpen = new(P.ConnectOpen, High, Reads);
    public static readonly CallEntry<Void, ConnectGetUriRet> ConnectGetUri = new(P.ConnectGetUri, High, Reads);
    public static readonly CallEntry<Void, Void> ConnectRegisterCloseCallback = new(P.ConnectRegisterCloseCallback, High, Reads);
    public static readonly CallEntry<Void, Void> ConnectUnregisterCloseCallback = new(P.ConnectUnregisterCloseCallback, High, Reads);
    public static readonly CallEntry<Void, Void> ConnectClose = new(P.ConnectClose, High, Reads);

    // ---- host facts ----------------------------------------------------------------------------------
    public static readonly CallEntry<Void, ConnectGetTypeRet> ConnectGetType = new(P.ConnectGetType, High, Reads);
    public static readonly CallEntry<Void, ConnectGetVersionRet> ConnectGetVersion = new(P.ConnectGetVersion, High, Reads);
    public static readonly CallEntry<Void, ConnectGetLibVersionRet> ConnectGetLibVersion = new(P.ConnectGetLibVersion, High, Reads, Optional);
    public static readonly CallEntry<Void, NodeGetInfoRet> NodeGetInfo = new(P.NodeGetInfo, High, Reads);
    public static readonly CallEntry<Void, ConnectGetCapabilitiesRet> ConnectGetCapabilities = new(P.ConnectGetCapabilities, High, Reads);
    public static readonly CallEntry<Void, ConnectGetHostnameRet> ConnectGetHostname = new(P.ConnectGetHostname, High, Reads);
    public static readonly CallEntry<Void, NodeGetSecurityModelRet> NodeGetSecurityModel = new(P.NodeGetSecurityModel, High, Reads);

    // ---- listing and lookup -------------------------------------------------------------------------
    public static readonly CallEntry<ListAllDomainsArgs, ListAllDomainsRet> ConnectListAllDomains = new(P.ConnectListAllDomains, High, Reads);
    public static readonly CallEntry<DomainLookupByIdArgs, DomainRet> DomainLookupById = new(P.DomainLookupById, High, Reads);
    public static readonly CallEntry<DomainLookupByNameArgs, DomainRet> DomainLookupByName = new(P.DomainLookupByName, High, Reads);
    public static readonly CallEntry<DomainLookupByUuidArgs, DomainRet> DomainLookupByUuid = new(P.DomainLookupByUuid, High, Reads);

    // ---- domain reads -------------------------------------------------------------------------------
    public static readonly CallEntry<DomainFlagsArgs, DomainGetStateRet> DomainGetState = new(P.DomainGetState, High, Reads);
    public static readonly CallEntry<DomainArgs, DomainGetInfoRet> DomainGetInfo = new(P.DomainGetInfo, High, Reads);
    public static readonly CallEntry<DomainArgs, DomainGetOsTypeRet> DomainGetOsType = new(P.DomainGetOsType, High, Reads);
    public static readonly CallEntry<DomainArgs, DomainIsActiveRet> DomainIsActive = new(P.DomainIsActive, High, Reads);
    public static readonly CallEntry<DomainArgs, DomainIsPersistentRet> DomainIsPersistent = new(P.DomainIsPersistent, High, Reads);
    public static readonly CallEntry<DomainArgs, DomainGetAutostartRet> DomainGetAutostart = new(P.DomainGetAutostart, High, Reads);
    public static readonly CallEntry<DomainFlagsArgs, DomainHasManagedSaveImageRet> DomainHasManagedSaveImage = new(P.DomainHasManagedSaveImage, High, Reads);
    public static readonly CallEntry<DomainFlagsArgs, DomainSnapshotNumRet> DomainSnapshotNum = new(P.DomainSnapshotNum, High, Reads);
    public static readonly CallEntry<DomainArgs, DomainGetSecurityLabelRet> DomainGetSecurityLabel = new(P.DomainGetSecurityLabel, High, Reads);
    public static readonly CallEntry<DomainFlagsArgs, DomainGetMessagesRet> DomainGetMessages = new(P.DomainGetMessages, High, Reads);
    public static readonly CallEntry<DomainGetXmlDescArgs, DomainGetXmlDescRet> DomainGetXmlDesc = new(P.DomainGetXmlDesc, Normal, Reads);

    // ---- domain life cycle ----------------------------------------------------------------------------
    public static readonly CallEntry<DomainDefineXmlArgs, DomainRet> DomainDefineXml = new(P.DomainDefineXml, Normal, WritesVia("virDomainDefineXML"));
    public static readonly CallEntry<DomainCreateXmlArgs, DomainRet> DomainCreateXml = new(P.DomainCreateXml, Normal, WritesVia("virDomainCreateXML"));
    public static readonly CallEntry<DomainArgs, Void> DomainCreate = new(P.DomainCreate, Normal, WritesVia("virDomainCreate"));
    public static readonly CallEntry<DomainCreateWithFlagsArgs, DomainRet> DomainCreateWithFlags = new(P.DomainCreateWithFlags, Normal, WritesVia("virDomainCreateWithFlags"), Optional);
    public static readonly CallEntry<DomainArgs, Void> DomainDestroy = new(P.DomainDestroy, High, WritesVia("virDomainDestroy"));
    public static readonly CallEntry<DomainArgs, Void> DomainShutdown = new(P.DomainShutdown, Normal, WritesVia("virDomainShutdown"));
    // Beyond SPEC §b: what `virsh reboot`, `reset`, `destroy --graceful` and `shutdown --mode` send.
    public static readonly CallEntry<DomainFlagsArgs, Void> DomainShutdownFlags = new(P.DomainShutdownFlags, Normal, WritesVia("virDomainShutdownFlags"), Optional);
    public static readonly CallEntry<DomainFlagsArgs, Void> DomainReboot = new(P.DomainReboot, Normal, WritesVia("virDomainReboot"), Optional);
    public static readonly CallEntry<DomainFlagsArgs, Void> DomainReset = new(P.DomainReset, Normal, WritesVia("virDomainReset"), Optional);
    public static readonly CallEntry<DomainFlagsArgs, Void> DomainDestroyFlags = new(P.DomainDestroyFlags, High, WritesVia("virDomainDestroyFlags"), Optional);
    public static readonly CallEntry<DomainArgs, Void> DomainSuspend = new(P.DomainSuspend, Normal, WritesVia("virDomainSuspend"));
    public static readonly CallEntry<DomainArgs, Void> DomainResume = new(P.DomainResume, Normal, WritesVia("virDomainResume"));
    public static readonly CallEntry<DomainSetAutostartArgs, Void> DomainSetAutostart = new(P.DomainSetAutostart, Normal, WritesVia("virDomainSetAutostart"));
    public static readonly CallEntry<DomainUndefineFlagsArgs, Void> DomainUndefineFlags = new(P.DomainUndefineFlags, Normal, WritesVia("virDomainUndefineFlags"));
    public static readonly CallEntry<DomainArgs, Void> DomainUndefine = new(P.DomainUndefine, Normal, WritesVia("virDomainUndefine"));
    public static readonly CallEntry<DomainOpenConsoleArgs, Void> DomainOpenConsole = new(P.DomainOpenConsole, Normal, WritesVia("virDomainOpenConsole"));

    // ---- events -------------------------------------------------------------------------------------
    public static readonly CallEntry<ConnectDomainEventCallbackRegisterAnyArgs, ConnectDomainEventCallbackRegisterAnyRet> ConnectDomainEventCallbackRegisterAny = new(P.ConnectDomainEventCallbackRegisterAny, High, Reads, Optional);
    public static readonly CallEntry<ConnectDomainEventCallbackDeregisterAnyArgs, Void> ConnectDomainEventCallbackDeregisterAny = new(P.ConnectDomainEventCallbackDeregisterAny, High, Reads, Optional);
    public static readonly EventEntry<DomainEventCallbackLifecycleMsg> DomainEventCallbackLifecycle = new(P.DomainEventCallbackLifecycle, Optional);

    // ---- fallbacks (only when a newer procedure is refused) -------------------------------------------
    public static readonly CallEntry<Void, ConnectNumOfDomainsRet> ConnectNumOfDomains = new(P.ConnectNumOfDomains, High, Reads, Fallback);
    public static readonly CallEntry<ConnectListDomainsArgs, ConnectListDomainsRet> ConnectListDomains = new(P.ConnectListDomains, High, Reads, Fallback);
    public static readonly CallEntry<Void, ConnectNumOfDefinedDomainsRet> ConnectNumOfDefinedDomains = new(P.ConnectNumOfDefinedDomains, High, Reads, Fallback);
    public static readonly CallEntry<ConnectListDefinedDomainsArgs, ConnectListDefinedDomainsRet> ConnectListDefinedDomains = new(P.ConnectListDefinedDomains, High, Reads, Fallback);
    public static readonly CallEntry<ConnectDomainEventRegisterAnyArgs, Void> ConnectDomainEventRegisterAny = new(P.ConnectDomainEventRegisterAny, High, Reads, Fallback);
    public static readonly CallEntry<ConnectDomainEventDeregisterAnyArgs, Void> ConnectDomainEventDeregisterAny = new(P.ConnectDomainEventDeregisterAny, High, Reads, Fallback);
    public static readonly EventEntry<DomainEventLifecycleMsg> DomainEventLifecycle = new(P.DomainEventLifecycle, Fallback);

    /// <summary>Every entry, in declaration order.</summary>
    public static IReadOnlyList<ProcedureEntry> All => Index.All;

    /// <summary>Finds the entry for a procedure number of the REMOTE program.</summary>
    public static bool TryGet(int procedure, [NotNullWhen(true)] out ProcedureEntry? entry) =>
        Index.ByNumber.TryGetValue(procedure, out entry);

    public static ProcedureEntry? Find(int procedure) => TryGet(procedure, out var entry) ? entry : null;

    /// <summary>Built on first use, after every field above is initialised.</summary>
    private static class Index
    {
        public static readonly IReadOnlyList<ProcedureEntry> All = typeof(ProcedureTable)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(ProcedureEntry).IsAssignableFrom(f.FieldType))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (ProcedureEntry)f.GetValue(null)!)
            .ToArray();

        public static readonly FrozenDictionary<int, ProcedureEntry> ByNumber =
            All.ToFrozenDictionary(e => e.Number); // throws on a duplicate number
    }
}
