using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Daemon.Server;
using Virt.Rpc.Protocol.Messages;
using T = Virt.Rpc.Protocol.ProcedureTable;

namespace Virt.Daemon.Handlers;

/// <summary>Listing, lookups, domain reads and the life cycle (SPEC b.2, second half): each one driver call.</summary>
internal static class DomainHandlers
{
    public static void Register(RemoteDispatcher d)
    {
        // ---- listing and lookup ----
        d.On(T.ConnectListAllDomains, async (c, a) =>
        {
            var domains = await c.Driver.ListAllDomainsAsync(a.Flags, c.CancellationToken).ConfigureAwait(false);
            return new ListAllDomainsRet(a.NeedResults != 0 ? domains : [], (uint)domains.Count);
        });
        d.On(T.DomainLookupById, async (c, a) => new DomainRet(await c.Driver.LookupByIdAsync(a.Id, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainLookupByName, async (c, a) => new DomainRet(await c.Driver.LookupByNameAsync(a.Name, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainLookupByUuid, async (c, a) => new DomainRet(await c.Driver.LookupByUuidAsync(a.Uuid, c.CancellationToken).ConfigureAwait(false)));

        // ---- reads ----
        d.On(T.DomainGetState, async (c, a) =>
            DomainGetStateRet.From(await c.Driver.GetStateAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainGetInfo, async (c, a) =>
            DomainGetInfoRet.From(await c.Driver.GetInfoAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainGetOsType, async (c, a) =>
            new DomainGetOsTypeRet(await c.Driver.GetOsTypeAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainIsActive, async (c, a) =>
            new DomainIsActiveRet(await c.Driver.IsActiveAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainIsPersistent, async (c, a) =>
            new DomainIsPersistentRet(await c.Driver.IsPersistentAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainGetAutostart, async (c, a) =>
            new DomainGetAutostartRet(await c.Driver.GetAutostartAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainHasManagedSaveImage, async (c, a) =>
            new DomainHasManagedSaveImageRet(await c.Driver.HasManagedSaveImageAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainSnapshotNum, async (c, a) =>
        {
            // No driver has snapshots yet; the domain must still exist.
            await c.Driver.LookupByUuidAsync(a.Dom.Uuid, c.CancellationToken).ConfigureAwait(false);
            return new DomainSnapshotNumRet(0);
        });
        d.On(T.DomainGetSecurityLabel, async (c, a) =>
        {
            var label = await c.Driver.GetSecurityLabelAsync(a.Dom, c.CancellationToken).ConfigureAwait(false);
            return new DomainGetSecurityLabelRet(label.Label, label.Enforcing);
        });
        d.On(T.DomainGetMessages, async (c, a) =>
            new DomainGetMessagesRet(await c.Driver.GetMessagesAsync(a.Dom, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainGetXmlDesc, async (c, a) =>
        {
            // Secure XML may hold passwords: libvirt refuses it to read-only connections.
            if (c.Client.ReadOnly && a.Flags.HasFlag(DomainXmlFlags.Secure))
                throw VirtErrors.OperationDenied("virDomainGetXMLDesc with secure flag", ErrorDomain.Domain);
            return new DomainGetXmlDescRet(await c.Driver.GetXmlDescAsync(a.Dom, a.Flags, c.CancellationToken).ConfigureAwait(false));
        });

        // ---- life cycle ----
        d.On(T.DomainDefineXml, async (c, a) =>
            new DomainRet(await c.Driver.DefineXmlAsync(a.Xml, DomainDefineFlags.None, c.CancellationToken).ConfigureAwait(false)));
        d.On(T.DomainCreateXml, async (c, a) =>
            new DomainRet(await c.Driver.CreateXmlAsync(a.XmlDesc, a.Flags, c.CancellationToken).ConfigureAwait(false)));
        d.OnVoid(T.DomainCreate, (c, a) =>
            c.Driver.CreateAsync(a.Dom, DomainCreateFlags.None, c.CancellationToken));
        d.On(T.DomainCreateWithFlags, async (c, a) =>
            new DomainRet(await c.Driver.CreateAsync(a.Dom, a.Flags, c.CancellationToken).ConfigureAwait(false)));
        d.OnVoid(T.DomainDestroy, (c, a) =>
            c.Driver.DestroyAsync(a.Dom, DomainDestroyFlags.None, c.CancellationToken));
        d.OnVoid(T.DomainShutdown, (c, a) =>
            c.Driver.ShutdownAsync(a.Dom, DomainShutdownFlags.Default, c.CancellationToken));
        d.OnVoid(T.DomainShutdownFlags, (c, a) =>
            c.Driver.ShutdownAsync(a.Dom, (DomainShutdownFlags)a.Flags, c.CancellationToken));
        d.OnVoid(T.DomainReboot, (c, a) =>
            c.Driver.RebootAsync(a.Dom, (DomainShutdownFlags)a.Flags, c.CancellationToken));
        d.OnVoid(T.DomainReset, (c, a) =>
            a.Flags != 0
                ? throw VirtErrors.InvalidArg($"unsupported flags (0x{a.Flags:x}) in function qemuDomainReset")
                : c.Driver.ResetAsync(a.Dom, c.CancellationToken));
        d.OnVoid(T.DomainDestroyFlags, (c, a) =>
            c.Driver.DestroyAsync(a.Dom, (DomainDestroyFlags)a.Flags, c.CancellationToken));
        d.OnVoid(T.DomainSuspend, (c, a) =>
            c.Driver.SuspendAsync(a.Dom, c.CancellationToken));
        d.OnVoid(T.DomainResume, (c, a) =>
            c.Driver.ResumeAsync(a.Dom, c.CancellationToken));
        d.OnVoid(T.DomainSetAutostart, (c, a) =>
            c.Driver.SetAutostartAsync(a.Dom, a.Autostart != 0, c.CancellationToken));
        d.OnVoid(T.DomainUndefineFlags, (c, a) =>
            c.Driver.UndefineAsync(a.Dom, a.Flags, c.CancellationToken));
        d.OnVoid(T.DomainUndefine, (c, a) =>
            c.Driver.UndefineAsync(a.Dom, DomainUndefineFlags.None, c.CancellationToken));

        // ---- console ----
        d.OnVoid(T.DomainOpenConsole, async (c, a) =>
        {
            var console = await c.Driver.OpenConsoleAsync(a.Dom, a.DevName, a.Flags, c.CancellationToken)
                .ConfigureAwait(false);
            var relay = new ConsoleRelay(c.Client, c.Header.Serial, console, c.Client.Logger);
            try
            {
                c.Client.AddStream(relay);
            }
            catch
            {
                await relay.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            // The client expects the REPLY first; the guest's output follows it on the same serial.
            c.AfterReply(relay.StartAsync);
        });

        // ---- the lists virsh falls back to when CONNECT_LIST_ALL_DOMAINS is refused ----
        d.On(T.ConnectNumOfDomains, async (c, _) =>
            new ConnectNumOfDomainsRet((await c.Driver.ListAllDomainsAsync(ListDomainsFlags.Active, c.CancellationToken).ConfigureAwait(false)).Count));
        d.On(T.ConnectListDomains, async (c, a) =>
        {
            var active = await c.Driver.ListAllDomainsAsync(ListDomainsFlags.Active, c.CancellationToken).ConfigureAwait(false);
            return new ConnectListDomainsRet(active.Select(x => x.Id).Take(Math.Max(0, a.MaxIds)).ToList());
        });
        d.On(T.ConnectNumOfDefinedDomains, async (c, _) =>
            new ConnectNumOfDefinedDomainsRet((await c.Driver.ListAllDomainsAsync(ListDomainsFlags.Inactive, c.CancellationToken).ConfigureAwait(false)).Count));
        d.On(T.ConnectListDefinedDomains, async (c, a) =>
        {
            var inactive = await c.Driver.ListAllDomainsAsync(ListDomainsFlags.Inactive, c.CancellationToken).ConfigureAwait(false);
            return new ConnectListDefinedDomainsRet(inactive.Select(x => x.Name).Take(Math.Max(0, a.MaxNames)).ToList());
        });
    }
}
