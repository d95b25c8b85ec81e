namespace Virt.Api.Domains;

/// <summary>
/// libvirt's <c>virConnectListAllDomains</c> filter: each pair of flags (active/inactive,
/// persistent/transient, …) is OR-ed within the pair and AND-ed across pairs; an absent pair
/// does not filter. Every driver uses this one implementation.
/// </summary>
public static class DomainListFilter
{
    public readonly record struct Facts(bool Active, DomainState State, bool Persistent, bool Autostart, bool HasManagedSave, int SnapshotCount);

    public static bool Matches(ListDomainsFlags flags, Facts f)
    {
        return Pair(flags, ListDomainsFlags.Active, f.Active, ListDomainsFlags.Inactive)
            && Pair(flags, ListDomainsFlags.Persistent, f.Persistent, ListDomainsFlags.Transient)
            && Pair(flags, ListDomainsFlags.Autostart, f.Autostart, ListDomainsFlags.NoAutostart)
            && Pair(flags, ListDomainsFlags.ManagedSave, f.HasManagedSave, ListDomainsFlags.NoManagedSave)
            && Pair(flags, ListDomainsFlags.HasSnapshot, f.SnapshotCount > 0, ListDomainsFlags.NoSnapshot)
            && Pair(flags, ListDomainsFlags.HasCheckpoint, false, ListDomainsFlags.NoCheckpoint)
            && StateMatches(flags, f.State);
    }

    private static bool Pair(ListDomainsFlags flags, ListDomainsFlags yes, bool value, ListDomainsFlags no)
    {
        var wantYes = flags.HasFlag(yes);
        var wantNo = flags.HasFlag(no);
        if (wantYes == wantNo) return true; // neither or both: no filter
        return wantYes ? value : !value;
    }

    private static bool StateMatches(ListDomainsFlags flags, DomainState state)
    {
        const ListDomainsFlags all = ListDomainsFlags.Running | ListDomainsFlags.Paused | ListDomainsFlags.Shutoff | ListDomainsFlags.Other;
        if ((flags & all) == 0) return true;
        return state switch
        {
            DomainState.Running => flags.HasFlag(ListDomainsFlags.Running),
            DomainState.Paused => flags.HasFlag(ListDomainsFlags.Paused),
            DomainState.Shutoff => flags.HasFlag(ListDomainsFlags.Shutoff),
            _ => flags.HasFlag(ListDomainsFlags.Other),
        };
    }
}
