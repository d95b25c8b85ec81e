using Virt.Api.Domains;

namespace Virt.Engine.Test;

/// <summary>The shared list filter applied to a test-driver domain, which keeps no managed saves or snapshots.</summary>
internal static class TestListFilter
{
    public static bool Matches(TestDomainObject dom, ListDomainsFlags flags) =>
        DomainListFilter.Matches(flags, new DomainListFilter.Facts(dom.IsActive, dom.State.State, dom.Persistent, dom.Autostart, false, 0));
}
