using System.Runtime.InteropServices;
using Virt.Api.Domains;
using Virt.Api.Host;
using Virt.Libvirt.Console;
using Virt.Libvirt.Native;

namespace Virt.Libvirt;

public sealed unsafe partial class LibvirtDriver
{
    // Where libvirt has a plain and a "Flags" variant of a call, flags = 0 uses the plain one, as virsh
    // does: the variant's name shows in some error texts ("read only access prevents virDomainDestroy").

    // ---- lookups ----------------------------------------------------------------------------

    /// <inheritdoc/>
    public Task<IReadOnlyList<DomainRef>> ListAllDomainsAsync(ListDomainsFlags flags, CancellationToken ct = default) =>
        Quick(flags, static (self, flags) =>
        {
            nint* list;
            var count = NativeMethods.virConnectListAllDomains(self._conn, &list, (uint)flags);
            if (count < 0) LibvirtError.ThrowLast();
            var result = new DomainRef[count];
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var pointer = list[i];
                    list[i] = 0; // Adopt owns it from here, even when it throws
                    result[i] = self.Adopt(pointer);
                }
            }
            finally
            {
                for (var i = 0; i < count; i++)
                    if (list[i] != 0) NativeMethods.virDomainFree(list[i]);
                NativeMemory.Free(list);
            }
            return (IReadOnlyList<DomainRef>)result;
        }, ct);

    /// <inheritdoc/>
    public Task<DomainRef> LookupByNameAsync(string name, CancellationToken ct = default) =>
        Quick(name, static (self, name) => self.Adopt(NativeMethods.virDomainLookupByName(self._conn, name)), ct);

    /// <inheritdoc/>
    public Task<DomainRef> LookupByUuidAsync(Guid uuid, CancellationToken ct = default) =>
        Quick(uuid, static (self, uuid) =>
        {
            var raw = stackalloc byte[NativeConstants.UuidLength];
            DomainRefs.WriteUuid(uuid, new Span<byte>(raw, NativeConstants.UuidLength));
            return self.Adopt(NativeMethods.virDomainLookupByUUID(self._conn, raw));
        }, ct);

    /// <inheritdoc/>
    public Task<DomainRef> LookupByIdAsync(int id, CancellationToken ct = default) =>
        Quick(id, static (self, id) => self.Adopt(NativeMethods.virDomainLookupByID(self._conn, id)), ct);

    // ---- define, create, undefine -----------------------------------------------------------

    /// <inheritdoc/>
    public Task<DomainRef> DefineXmlAsync(string xml, DomainDefineFlags flags, CancellationToken ct = default) =>
        Slow((xml, flags), static (self, a) => self.Adopt(a.flags == DomainDefineFlags.None
            ? NativeMethods.virDomainDefineXML(self._conn, a.xml)
            : NativeMethods.virDomainDefineXMLFlags(self._conn, a.xml, (uint)a.flags)), ct);

    /// <inheritdoc/>
    public Task<DomainRef> CreateXmlAsync(string xml, DomainCreateFlags flags, CancellationToken ct = default) =>
        Slow((xml, flags), static (self, a) => self.Adopt(NativeMethods.virDomainCreateXML(self._conn, a.xml, (uint)a.flags)), ct);

    /// <inheritdoc/>
    public Task UndefineAsync(DomainRef domain, DomainUndefineFlags flags, CancellationToken ct = default) =>
        OnDomain(domain, (uint)flags, static (dom, flags) => NativeMethods.virDomainUndefineFlags(dom, flags), ct);

    // ---- life cycle -------------------------------------------------------------------------

    /// <summary>
    /// <c>virDomainCreate</c> (or <c>…WithFlags</c>); the reference returned carries the new id, which
    /// libvirt writes back into the handle.
    /// </summary>
    public Task<DomainRef> CreateAsync(DomainRef domain, DomainCreateFlags flags, CancellationToken ct = default) =>
        Slow((domain, flags), static (self, a) =>
        {
            using var lease = self.Rent(a.domain);
            var rc = a.flags == DomainCreateFlags.None
                ? NativeMethods.virDomainCreate(lease.Pointer)
                : NativeMethods.virDomainCreateWithFlags(lease.Pointer, (uint)a.flags);
            if (rc < 0) LibvirtError.ThrowLast();
            var started = DomainRefs.FromPointer(lease.Pointer);
            self._domains.Rekey(a.domain, started, lease.Handle);
            return started;
        }, ct);

    /// <inheritdoc/>
    public Task ShutdownAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default) =>
        OnDomain(domain, (uint)flags, static (dom, flags) =>
            flags == 0 ? NativeMethods.virDomainShutdown(dom) : NativeMethods.virDomainShutdownFlags(dom, flags), ct);

    /// <inheritdoc/>
    public Task RebootAsync(DomainRef domain, DomainShutdownFlags flags, CancellationToken ct = default) =>
        OnDomain(domain, (uint)flags, static (dom, flags) => NativeMethods.virDomainReboot(dom, flags), ct);

    /// <inheritdoc/>
    public Task ResetAsync(DomainRef domain, CancellationToken ct = default) =>
        OnDomain(domain, 0, static (dom, flags) => NativeMethods.virDomainReset(dom, flags), ct);

    /// <inheritdoc/>
    public Task DestroyAsync(DomainRef domain, DomainDestroyFlags flags, CancellationToken ct = default) =>
        OnDomain(domain, (uint)flags, static (dom, flags) =>
            flags == 0 ? NativeMethods.virDomainDestroy(dom) : NativeMethods.virDomainDestroyFlags(dom, flags), ct);

    /// <inheritdoc/>
    public Task SuspendAsync(DomainRef domain, CancellationToken ct = default) =>
        OnDomain(domain, 0, static (dom, _) => NativeMethods.virDomainSuspend(dom), ct);

    /// <inheritdoc/>
    public Task ResumeAsync(DomainRef domain, CancellationToken ct = default) =>
        OnDomain(domain, 0, static (dom, _) => NativeMethods.virDomainResume(dom), ct);

    /// <inheritdoc/>
    public Task SetAutostartAsync(DomainRef domain, bool autostart, CancellationToken ct = default) =>
        OnDomain(domain, autostart ? 1u : 0u, static (dom, value) => NativeMethods.virDomainSetAutostart(dom, (int)value), ct);

    /// <summary>A slow call on one domain that returns −1 on failure.</summary>
    private Task OnDomain(DomainRef domain, uint flags, Func<nint, uint, int> call, CancellationToken ct) =>
        Slow((domain, flags, call), static (self, a) =>
        {
            using var lease = self.Rent(a.domain);
            if (a.call(lease.Pointer, a.flags) < 0) LibvirtError.ThrowLast();
            return true;
        }, ct);

    // ---- queries ----------------------------------------------------------------------------

    /// <inheritdoc/>
    public Task<DomainInfo> GetInfoAsync(DomainRef domain, CancellationToken ct = default) =>
        Quick(domain, static (self, domain) =>
        {
            using var lease = self.Rent(domain);
            NativeDomainInfo info;
            if (NativeMethods.virDomainGetInfo(lease.Pointer, &info) < 0) LibvirtError.ThrowLast();
            return new DomainInfo((DomainState)info.State, info.MaxMem.Value, info.Memory.Value, info.NrVirtCpu, info.CpuTime);
        }, ct);

    /// <inheritdoc/>
    public Task<DomainStateInfo> GetStateAsync(DomainRef domain, CancellationToken ct = default) =>
        Quick(domain, static (self, domain) =>
        {
            using var lease = self.Rent(domain);
            int state, reason;
            if (NativeMethods.virDomainGetState(lease.Pointer, &state, &reason, 0) < 0) LibvirtError.ThrowLast();
            return new DomainStateInfo((DomainState)state, reason);
        }, ct);

    /// <inheritdoc/>
    public Task<string> GetOsTypeAsync(DomainRef domain, CancellationToken ct = default) =>
        Quick(domain, static (self, domain) =>
        {
            using var lease = self.Rent(domain);
            return NativeString.Owned(NativeMethods.virDomainGetOSType(lease.Pointer)) ?? LibvirtError.ThrowLast<string>();
        }, ct);

    /// <inheritdoc/>
    public Task<string> GetXmlDescAsync(DomainRef domain, DomainXmlFlags flags, CancellationToken ct = default) =>
        Quick((domain, flags), static (self, a) =>
        {
            using var lease = self.Rent(a.domain);
            return NativeString.Owned(NativeMethods.virDomainGetXMLDesc(lease.Pointer, (uint)a.flags)) ?? LibvirtError.ThrowLast<string>();
        }, ct);

    /// <inheritdoc/>
    public Task<bool> IsActiveAsync(DomainRef domain, CancellationToken ct = default) =>
        QueryBool(domain, static dom => NativeMethods.virDomainIsActive(dom), ct);

    /// <inheritdoc/>
    public Task<bool> IsPersistentAsync(DomainRef domain, CancellationToken ct = default) =>
        QueryBool(domain, static dom => NativeMethods.virDomainIsPersistent(dom), ct);

    /// <inheritdoc/>
    public Task<bool> HasManagedSaveImageAsync(DomainRef domain, CancellationToken ct = default) =>
        QueryBool(domain, static dom => NativeMethods.virDomainHasManagedSaveImage(dom, 0), ct);

    /// <inheritdoc/>
    public Task<bool> GetAutostartAsync(DomainRef domain, CancellationToken ct = default) =>
        QueryBool(domain, static dom =>
        {
            int autostart;
            return NativeMethods.virDomainGetAutostart(dom, &autostart) < 0 ? -1 : autostart;
        }, ct);

    /// <summary>A query that answers 1 (true), 0 (false) or −1 (failed).</summary>
    private Task<bool> QueryBool(DomainRef domain, Func<nint, int> call, CancellationToken ct) =>
        Quick((domain, call), static (self, a) =>
        {
            using var lease = self.Rent(a.domain);
            var answer = a.call(lease.Pointer);
            if (answer < 0) LibvirtError.ThrowLast();
            return answer != 0;
        }, ct);

    /// <inheritdoc/>
    public Task<SecurityLabel> GetSecurityLabelAsync(DomainRef domain, CancellationToken ct = default) =>
        Quick(domain, static (self, domain) =>
        {
            using var lease = self.Rent(domain);
            var label = (NativeSecurityLabel*)NativeMemory.AllocZeroed((nuint)sizeof(NativeSecurityLabel));
            try
            {
                if (NativeMethods.virDomainGetSecurityLabel(lease.Pointer, label) < 0) LibvirtError.ThrowLast();
                return new SecurityLabel(NativeString.FromBuffer(label->Label, NativeSecurityLabel.LabelLength), label->Enforcing != 0);
            }
            finally
            {
                NativeMemory.Free(label);
            }
        }, ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> GetMessagesAsync(DomainRef domain, CancellationToken ct = default) =>
        Quick(domain, static (self, domain) =>
        {
            using var lease = self.Rent(domain);
            byte** messages;
            var count = NativeMethods.virDomainGetMessages(lease.Pointer, &messages, 0);
            if (count < 0) LibvirtError.ThrowLast();
            var result = new string[count];
            for (var i = 0; i < count; i++) result[i] = NativeString.Owned(messages[i]) ?? "";
            NativeMemory.Free(messages);
            return (IReadOnlyList<string>)result;
        }, ct);

    // ---- console ----------------------------------------------------------------------------

    /// <summary>
    /// <c>virDomainOpenConsole</c> on a new non-blocking <c>virStream</c>. The stream returned reads
    /// what the guest prints and writes keystrokes; disposing it ends the console session.
    /// </summary>
    public Task<Stream> OpenConsoleAsync(DomainRef domain, string? deviceName, DomainConsoleFlags flags,
        CancellationToken ct = default) =>
        Slow((domain, deviceName, flags), static (self, a) =>
        {
            using var lease = self.Rent(a.domain);
            var pointer = NativeMethods.virStreamNew(self._conn, NativeConstants.StreamNonBlock);
            if (pointer == 0) LibvirtError.ThrowLast();
            var stream = new StreamHandle(pointer);
            try
            {
                if (NativeMethods.virDomainOpenConsole(lease.Pointer, a.deviceName, stream, (uint)a.flags) < 0)
                    LibvirtError.ThrowLast();
                return (Stream)LibvirtConsoleStream.Attach(stream);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }, ct);
}
