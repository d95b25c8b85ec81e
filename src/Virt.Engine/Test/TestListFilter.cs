using Virt.Api.Domains;

namespace Virt.Engine.Test;

/// <summary>
/// libvirt's <c>virDomainObjMatchFilter</c>: each pair of flags filters only when exactly one of
/// them is given; the state flags filter when any is given and match any of them.
/// </summary>
internal static class TestListFilter
{
    private const ListDomainsFlags StateFlags =
        ListDomainsFlags.Running | ListDomainsFlags.Paused | ListDomainsFlags.Shutoff | ListDomainsFlags.Other;

    public static bool Matches(TestDomainObject dom, ListDomainsFlags flags)
    {
        if (!Pair(flags, ListDomainsFlags.Active, ListDomainsFlags.Inactive, dom.IsActive)) return false;
        if (!Pair(flags, ListDomainsFlags.Persistent, ListDomainsFlags.Transient, dom.Persistent)) return false;
        if (!Pair(flags, ListDomainsFlags.Autostart, ListDomainsFlags.NoAutostart, dom.Autostart)) return false;
        // This driver keeps no managed save images, snapshots or checkpoints.
        if (!Pair(flags, ListDomainsFlags.ManagedSave, ListDomainsFlags.NoManagedSave, false)) return false;
        if (!Pair(flags, ListDomainsFlags.HasSnapshot, ListDomainsFlags.NoSnapshot, false)) return false;
        if (!Pair(flags, ListDomainsFlags.HasCheckpoint, ListDomainsFlags.NoCheckpoint, false)) return false;

        if ((flags & StateFlags) == 0) return true;
        var state = dom.State.State;
        return (flags.HasFlag(ListDomainsFlags.Running) && state == DomainState.Running)
            || (flags.HasFlag(ListDomainsFlags.Paused) && state == DomainState.Paused)
            || (flags.HasFlag(ListDomainsFlags.Shutoff) && state == DomainState.Shutoff)
            || (flags.HasFlag(ListDomainsFlags.Other) &&
                state is not (DomainState.Running or DomainState.Paused or DomainState.Shutoff));
    }

    /// <summary>True when the pair does not filter (neither or both given) or the domain matches the one given.</summary>
    private static bool Pair(ListDomainsFlags flags, ListDomainsFlags yes, ListDomainsFlags no, bool value)
    {
        var wantYes = flags.HasFlag(yes);
        var wantNo = flags.HasFlag(no);
        if (wantYes == wantNo) return true;
        return wantYes ? value : !value;
    }
}
