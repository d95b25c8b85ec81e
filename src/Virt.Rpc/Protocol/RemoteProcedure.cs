namespace Virt.Rpc.Protocol;

/// <summary>
/// Procedure numbers of the REMOTE program (0x20008086) that virtd knows about, written from the
/// protocol facts of libvirt 9.0. The numbers are wire constants: append only, pinned by tests.
/// The wire name (<c>DOMAIN_GET_INFO</c>) is the member name in upper snake case
/// (<see cref="ProcedureNames.Of(RemoteProcedure)"/>).
/// </summary>
public enum RemoteProcedure
{
    ConnectOpen = 1,
    ConnectClose = 2,
    ConnectGetType = 3,
    ConnectGetVersion = 4,
    NodeGetInfo = 6,
    ConnectGetCapabilities = 7,
    DomainCreate = 9,
    DomainCreateXml = 10,
    DomainDefineXml = 11,
    DomainDestroy = 12,
    DomainGetXmlDesc = 14,
    DomainGetAutostart = 15,
    DomainGetInfo = 16,
    DomainGetOsType = 19,
    ConnectListDefinedDomains = 21,
    DomainLookupById = 22,
    DomainLookupByName = 23,
    DomainLookupByUuid = 24,
    ConnectNumOfDefinedDomains = 25,
    DomainReboot = 27,
    DomainResume = 28,
    DomainSetAutostart = 29,
    DomainShutdown = 33,
    DomainSuspend = 34,
    DomainUndefine = 35,
    ConnectListDomains = 37,
    ConnectNumOfDomains = 51,
    ConnectGetHostname = 59,
    ConnectSupportsFeature = 60,
    AuthList = 66,
    AuthSaslInit = 67,
    AuthSaslStart = 68,
    AuthSaslStep = 69,
    AuthPolkit = 70,
    DomainEventLifecycle = 107,
    ConnectGetUri = 110,
    DomainGetSecurityLabel = 121,
    NodeGetSecurityModel = 122,
    DomainIsActive = 150,
    DomainIsPersistent = 151,
    ConnectGetLibVersion = 157,
    ConnectDomainEventRegisterAny = 167,
    ConnectDomainEventDeregisterAny = 168,
    DomainHasManagedSaveImage = 183,
    DomainSnapshotNum = 187,
    DomainCreateWithFlags = 196,
    DomainOpenConsole = 201,
    DomainGetState = 212,
    DomainUndefineFlags = 231,
    DomainDestroyFlags = 234,
    DomainReset = 245,
    DomainShutdownFlags = 258,
    ConnectListAllDomains = 273,
    ConnectDomainEventCallbackRegisterAny = 316,
    ConnectDomainEventCallbackDeregisterAny = 317,
    DomainEventCallbackLifecycle = 318,
    ConnectRegisterCloseCallback = 360,
    ConnectUnregisterCloseCallback = 361,
    ConnectEventConnectionClosed = 362,
    DomainGetMessages = 426,
}

/// <summary>Procedures of the KEEPALIVE program (0x6b656570): MESSAGEs with serial 0 and no payload.</summary>
public enum KeepaliveProcedure
{
    Ping = 1,
    Pong = 2,
}

/// <summary>Wire names of procedures, as libvirt's tools print them (without the <c>REMOTE_PROC_</c> prefix).</summary>
public static class ProcedureNames
{
    /// <summary><c>DomainGetXmlDesc</c> → <c>DOMAIN_GET_XML_DESC</c>.</summary>
    public static string Of(RemoteProcedure procedure) => ToUpperSnake(procedure.ToString());

    public static string Of(KeepaliveProcedure procedure) => ToUpperSnake(procedure.ToString());

    private static string ToUpperSnake(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0) builder.Append('_');
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }
}
